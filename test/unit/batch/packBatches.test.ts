import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeRecord, encodedLine, type EncodedRecord } from '../../../src/batch/encodeRecord.js';
import {
  MAX_BYTES_PER_BATCH,
  MAX_BYTES_PER_RECORD,
  MAX_RECORDS_PER_BATCH,
} from '../../../src/batch/limits.js';
import {
  createBatchPacker,
  packBatches,
  PUT_RECORD_BATCH_LIMITS,
  type BatchLimits,
} from '../../../src/batch/packBatches.js';
import type { ForwarderRecord } from '../../../src/normalize/record.js';

const record = (index: number, size: number): EncodedRecord =>
  encodedLine(String(index), Buffer.alloc(size, 0x61), false);

/** The invariants the contract states, checked on one packing. */
function expectValidPacking(
  records: readonly EncodedRecord[],
  batches: EncodedRecord[][],
  limits: BatchLimits,
) {
  // Every record exactly once, in order.
  expect(batches.flat().map((r) => r.id)).toEqual(records.map((r) => r.id));
  for (const [i, batch] of batches.entries()) {
    expect(batch.length).toBeGreaterThan(0);
    expect(batch.length).toBeLessThanOrEqual(limits.maxRecords);
    const bytes = batch.reduce((n, r) => n + r.data.length, 0);
    expect(bytes).toBeLessThanOrEqual(limits.maxBytes);
    // Greedy: a batch is only closed when the next record would have broken a limit.
    const next = batches[i + 1]?.[0];
    if (next !== undefined) {
      expect(batch.length === limits.maxRecords || bytes + next.data.length > limits.maxBytes).toBe(true);
    }
  }
}

describe('packBatches', () => {
  it('puts every record in exactly one batch, in order, none breaking a limit (small limits)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 16, max: 400 }),
        fc.array(fc.nat({ max: 16 }), { maxLength: 200 }),
        (maxRecords, maxBytes, sizes) => {
          const limits = { maxRecords, maxBytes };
          // Records already fit one record's limit, as encodeRecord guarantees.
          const records = sizes.map((size, i) => record(i, Math.min(size + 1, maxBytes)));
          expectValidPacking(records, packBatches(records, limits), limits);
        },
      ),
    );
  });

  it('respects the PutRecordBatch limits: 500 records, 4 MiB, records up to 1,000 KiB', () => {
    const size = fc.oneof(
      fc.integer({ min: 1, max: 2_000 }),
      fc.integer({ min: 100_000, max: MAX_BYTES_PER_RECORD }),
      fc.constant(MAX_BYTES_PER_RECORD),
    );
    fc.assert(
      fc.property(fc.array(size, { maxLength: 40 }), (sizes) => {
        const records = sizes.map((s, i) => record(i, s));
        expectValidPacking(records, packBatches(records), PUT_RECORD_BATCH_LIMITS);
      }),
      { numRuns: 60 },
    );
  });

  it('closes a batch at exactly 500 records', () => {
    const records = Array.from({ length: 1_001 }, (_, i) => record(i, 100));
    expect(packBatches(records).map((b) => b.length)).toEqual([
      MAX_RECORDS_PER_BATCH,
      MAX_RECORDS_PER_BATCH,
      1,
    ]);
  });

  it('closes a batch before the record that would take it past 4 MiB', () => {
    // Four full-size records are 4,096,000 bytes; a fifth of 100,000 would pass 4,194,304.
    const records = [0, 1, 2, 3].map((i) => record(i, MAX_BYTES_PER_RECORD)).concat(record(4, 100_000));
    const batches = packBatches(records);
    expect(batches.map((b) => b.length)).toEqual([4, 1]);
    expect(MAX_BYTES_PER_BATCH - 4 * MAX_BYTES_PER_RECORD).toBeLessThan(100_000);
  });

  it('makes no batch of no records', () => {
    expect(packBatches([])).toEqual([]);
  });

  it('packs encoded records of any text under the limits, each record a valid line', () => {
    const line = fc.record({
      message: fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 })),
      repeat: fc.integer({ min: 1, max: 5_000 }),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const limit = 20_000;
        const records = lines.map(({ message, repeat }, i) =>
          encodeRecord(
            {
              asctime: '2020-05-11T12:44:44+0000',
              name: 'root',
              levelname: 'INFO',
              message: message.repeat(repeat),
              '@timestamp': '2020-05-11T12:44:44.000Z',
              cloudwatch: {
                logGroup: '/aws/lambda/app',
                logStream: 's',
                owner: '123456789012',
                id: String(i),
              },
            } satisfies ForwarderRecord,
            limit,
          ),
        );
        for (const r of records) {
          expect(r.data.length).toBeLessThanOrEqual(limit);
          expect(() => JSON.parse(r.data.toString('utf8')) as unknown).not.toThrow();
        }
        const limits = { maxRecords: 7, maxBytes: 50_000 };
        expectValidPacking(records, packBatches(records, limits), limits);
      }),
      { numRuns: 50 },
    );
  });
});

describe('createBatchPacker', () => {
  it('hands each batch over as soon as the next record does not fit it, the last one on end', () => {
    const limits: BatchLimits = { maxRecords: 3, maxBytes: 100 };
    const seen: string[][] = [];
    const packer = createBatchPacker((batch) => seen.push(batch.map((r) => r.id)), limits);
    for (let i = 0; i < 3; i++) packer.push(record(i, 10));
    expect(seen).toEqual([]); // full, but a fourth record might still have fitted the byte limit
    packer.push(record(3, 10));
    expect(seen).toEqual([['0', '1', '2']]);
    packer.push(record(4, 85)); // 10 + 85 fits 100
    packer.push(record(5, 10)); // 105 would not
    expect(seen).toEqual([
      ['0', '1', '2'],
      ['3', '4'],
    ]);
    packer.end();
    expect(seen).toEqual([['0', '1', '2'], ['3', '4'], ['5']]);
  });

  it('closes each batch exactly where the limits say, for any records', () => {
    // Written out here, apart from the code: a batch ends before the record that would break
    // one of its limits.
    const expected = (sizes: readonly number[], limits: BatchLimits): string[][] => {
      const batches: string[][] = [];
      let bytes = 0;
      sizes.forEach((size, i) => {
        const last = batches.at(-1);
        if (last === undefined || last.length === limits.maxRecords || bytes + size > limits.maxBytes) {
          batches.push([String(i)]);
          bytes = size;
        } else {
          last.push(String(i));
          bytes += size;
        }
      });
      return batches;
    };
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 60, max: 200 }),
        (sizes, maxRecords, maxBytes) => {
          const limits = { maxRecords, maxBytes };
          const records = sizes.map((size, i) => record(i, size));
          const streamed: EncodedRecord[][] = [];
          const packer = createBatchPacker((batch) => streamed.push(batch), limits);
          for (const r of records) packer.push(r);
          packer.end();
          expect(streamed.map((batch) => batch.map((r) => r.id))).toEqual(expected(sizes, limits));
          expectValidPacking(records, streamed, limits);
        },
      ),
    );
  });

  it('hands over nothing for no records', () => {
    const seen: unknown[] = [];
    const packer = createBatchPacker((batch) => seen.push(batch));
    packer.end();
    expect(seen).toEqual([]);
  });
});
