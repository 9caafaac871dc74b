import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeRecord, type EncodedRecord } from '../../../src/batch/encodeRecord.js';
import { createRecordEncoder } from '../../../src/batch/recordEncoder.js';
import type { ForwarderRecord } from '../../../src/normalize/record.js';
import { pythonRecord } from '../../helpers/pythonRecord.js';

/** The `i`-th record of a python-json-logger line (see the helper), with the line's `fields`. */
function record(i: number, message: string, fields: Record<string, unknown> = {}): ForwarderRecord {
  return pythonRecord(message, { index: i, fields });
}

/** The same record with `name` as its first key (what the grouped encoder must not rely on). */
function oddFirstKey(from: ForwarderRecord): ForwarderRecord {
  const { name, ...rest } = from;
  return { name, ...rest };
}

/** The grouped encoder's lines for `records`, in the order it handed them out. */
function grouped(records: readonly ForwarderRecord[], limit?: number): EncodedRecord[] {
  const out: EncodedRecord[] = [];
  const encoder = createRecordEncoder((line) => out.push(line), limit);
  for (const r of records) encoder.push(r);
  encoder.flush();
  return out;
}

/** What encoding each record on its own gives (the reference: one JSON.stringify per record). */
function oneByOne(records: readonly ForwarderRecord[], limit?: number): EncodedRecord[] {
  // Each record is copied first: encodeRecord may cut a record's copy, never the record itself.
  return records.map((r) => encodeRecord(structuredClone(r), limit));
}

function lines(encoded: readonly EncodedRecord[]): { id: string; text: string; truncated: boolean }[] {
  return encoded.map((line) => ({
    id: line.id,
    text: line.data.toString('utf8'),
    truncated: line.truncated,
  }));
}

describe('createRecordEncoder', () => {
  it('gives every record the same bytes as encoding it on its own, in order, across groups', () => {
    const records = Array.from({ length: 1000 }, (_, i) =>
      record(i, `order o-${i} shipped ${'é✓'.repeat(i % 7)} "quoted" \\ back\tslash`, {
        n: i,
        tags: ['a', i],
      }),
    );
    const got = lines(grouped(records));
    expect(got).toHaveLength(1000);
    expect(got).toEqual(lines(oneByOne(records)));
    expect(
      got.every((line) => line.text.endsWith('}\n') && line.text.indexOf('\n') === line.text.length - 1),
    ).toBe(true);
  });

  it('gives the same bytes for groups of ASCII records (copied whole and cut in place) and mixed groups', () => {
    const ascii = Array.from({ length: 700 }, (_, i) => record(i, `order o-${i} "shipped" \\ ok`, { n: i }));
    const mixed = ascii.map((r, i) => (i % 300 === 0 ? record(i, 'Zürich ✓', { n: i }) : r));
    for (const records of [ascii, mixed]) {
      const got = lines(grouped(records));
      expect(got).toEqual(lines(oneByOne(records)));
      expect(new Set(got.map((line) => line.id)).size).toBe(records.length);
    }
  });

  it('keeps the lines already handed out intact when a group turns out not to be ASCII', () => {
    // Groups of 128; every third group's last record ends in a 4-byte character, so its write is
    // tried in the shared chunk and taken back. Lines of ~900 bytes fill a 256 KiB chunk about
    // every two groups, so the attempts land at every offset a chunk has room for.
    const records = Array.from({ length: 3_000 }, (_, i) => {
      const wide = Math.floor(i / 128) % 3 === 2 && i % 128 === 127;
      return record(i, `${'m'.repeat(600 + (i % 97))} ${i}${wide ? ' 😀' : ''}`);
    });
    const got = lines(grouped(records));
    expect(got).toEqual(lines(oneByOne(records)));
    expect(got.filter((line) => line.text.includes('😀'))).toHaveLength(7);
  });

  it("keeps a line whose own field holds the boundary text (an array of objects keyed 'asctime') whole", () => {
    const records = [
      record(0, 'before'),
      record(1, 'nested', { items: [{ asctime: 'x' }, { asctime: 'y' }, { asctime: 'z' }] }),
      record(2, 'after'),
    ];
    const got = lines(grouped(records));
    expect(got).toEqual(lines(oneByOne(records)));
    expect(JSON.parse(got[1]?.text ?? '')).toEqual(records[1]);
  });

  it('encodes a record whose first key is not asctime on its own, keeping the order', () => {
    const odd = oddFirstKey(record(1, 'odd first key'));
    const records = [record(0, 'a'), odd, record(2, 'b')];
    const got = lines(grouped(records));
    expect(got.map((line) => line.id)).toEqual(records.map((r) => r.cloudwatch.id));
    expect(got).toEqual(lines(oneByOne(records)));
  });

  it('is not misled when a missing boundary and a stray one would make the count come out right', () => {
    const odd = oddFirstKey(record(1, 'odd first key'));
    const stray = record(2, 'nested', { items: [{ asctime: 'x' }, { asctime: 'y' }] });
    const records = [record(0, 'a'), odd, stray, record(3, 'b')];
    expect(lines(grouped(records))).toEqual(lines(oneByOne(records)));
  });

  it('cuts a record over the record limit inside a group exactly as encodeRecord does', () => {
    const limit = 4096;
    const records = [record(0, 'small'), record(1, 'x'.repeat(10_000)), record(2, 'small too')];
    const got = lines(grouped(records, limit));
    expect(got.map((line) => line.truncated)).toEqual([false, true, false]);
    expect(got).toEqual(lines(oneByOne(records, limit)));
    expect(Buffer.byteLength(got[1]?.text ?? '')).toBeLessThanOrEqual(limit);
  });

  it("names each grouped line by its record's cloudwatch.id, whatever the names and messages around it hold", () => {
    // The grouped lines read their id from their own bytes: names and messages that spell out
    // the keys it is found by, quotes, backslashes, and ids that need escaping must not mislead it.
    const tricky = '"cloudwatch":{"logGroup":"x","logStream":"y","owner":"z","id":"fake"}';
    const records = Array.from({ length: 400 }, (_, i) => {
      const r = record(
        i,
        i % 3 === 0 ? tricky : `line ${i} \\"`,
        i % 5 === 0 ? { cloudwatch: { id: 'own' } } : {},
      );
      if (i % 4 === 0) r.name = `${tricky}\\`;
      if (i % 7 === 0) r.exc_info = `Traceback ","id":"${i}"\n  File "x"`;
      r.cloudwatch = {
        logGroup: i % 2 === 0 ? '/aws/lambda/q"uote\\' : '/aws/lambda/orders',
        logStream: i % 6 === 0 ? `s","id":"${i}` : '2020/05/11/[$LATEST]abc',
        owner: '123456789012',
        id: i % 9 === 0 ? `stream"\\#${i}` : r.cloudwatch.id,
        ...(i % 11 === 0 ? { folded_ids: ['1', '2'] } : {}),
      };
      return r;
    });
    const got = grouped(records);
    expect(got.map((line) => line.id)).toEqual(records.map((r) => r.cloudwatch.id));
    expect(got.map((line) => line.withIdPrefix('3/').id)).toEqual(records.map((r) => `3/${r.cloudwatch.id}`));
    expect(lines(got)).toEqual(lines(oneByOne(records)));
  });

  it('hands nothing out for no records, and one line for one record', () => {
    expect(grouped([])).toEqual([]);
    expect(lines(grouped([record(0, 'only')]))).toEqual(lines(oneByOne([record(0, 'only')])));
  });

  it('matches one-by-one encoding for any messages and line fields (property)', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            message: fc.string({ unit: 'binary', maxLength: 40 }),
            fields: fc.dictionary(fc.string({ maxLength: 8 }), value, { maxKeys: 4 }),
          }),
          { maxLength: 300 },
        ),
        (items) => {
          // Keys the record reserves stay out, as buildRecord moves them to original_fields.
          const records = items.map(({ message, fields }, i) => {
            const own = Object.fromEntries(Object.entries(fields).filter(([key]) => !(key in record(0, ''))));
            return record(i, message, own);
          });
          expect(lines(grouped(records))).toEqual(lines(oneByOne(records)));
        },
      ),
      { numRuns: 60 },
    );
  });
});
