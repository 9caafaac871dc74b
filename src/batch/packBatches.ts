import type { EncodedRecord } from './encodeRecord.js';
import { MAX_BYTES_PER_BATCH, MAX_RECORDS_PER_BATCH } from './limits.js';

export interface BatchLimits {
  readonly maxRecords: number;
  readonly maxBytes: number;
}

export const PUT_RECORD_BATCH_LIMITS: BatchLimits = Object.freeze({
  maxRecords: MAX_RECORDS_PER_BATCH,
  maxBytes: MAX_BYTES_PER_BATCH,
});

/** A packer fed one record at a time: each batch goes to `onBatch` as soon as it is closed. */
export interface BatchPacker {
  readonly push: (record: EncodedRecord) => void;
  /** Hands over the last, partly filled batch. Call once after the last record. */
  readonly end: () => void;
}

/**
 * Packs records, in the order pushed, into as few PutRecordBatch calls as the limits allow: a
 * batch is closed when the next record would break the record count or the byte size. Records
 * must already fit one record's limit (see `encodeRecord`). Greedy packing of an ordered sequence
 * is optimal for a count limit and a size limit both.
 */
export function createBatchPacker(
  onBatch: (batch: EncodedRecord[]) => void,
  limits: BatchLimits = PUT_RECORD_BATCH_LIMITS,
): BatchPacker {
  let current: EncodedRecord[] = [];
  let bytes = 0;
  return {
    push(record) {
      const size = record.size;
      if (current.length > 0 && (current.length === limits.maxRecords || bytes + size > limits.maxBytes)) {
        onBatch(current);
        current = [];
        bytes = 0;
      }
      current.push(record);
      bytes += size;
    },
    end() {
      if (current.length > 0) onBatch(current);
      current = [];
      bytes = 0;
    },
  };
}

/** {@link createBatchPacker} over a whole list of records. */
export function packBatches(
  records: readonly EncodedRecord[],
  limits: BatchLimits = PUT_RECORD_BATCH_LIMITS,
): EncodedRecord[][] {
  const batches: EncodedRecord[][] = [];
  const packer = createBatchPacker((batch) => batches.push(batch), limits);
  for (const record of records) packer.push(record);
  packer.end();
  return batches;
}
