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

/**
 * Packs records, in order, into as few PutRecordBatch calls as the limits allow: a batch is
 * closed when the next record would break the record count or the byte size. Records must
 * already fit one record's limit (see `encodeRecord`). Greedy packing of an ordered sequence is
 * optimal for a count limit and a size limit both.
 */
export function packBatches(
  records: readonly EncodedRecord[],
  limits: BatchLimits = PUT_RECORD_BATCH_LIMITS,
): EncodedRecord[][] {
  const batches: EncodedRecord[][] = [];
  let current: EncodedRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = record.data.length;
    if (current.length > 0 && (current.length === limits.maxRecords || bytes + size > limits.maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
