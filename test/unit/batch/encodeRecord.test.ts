import { describe, expect, it } from 'vitest';
import { encodeRecord } from '../../../src/batch/encodeRecord.js';
import { MAX_BYTES_PER_RECORD } from '../../../src/batch/limits.js';
import type { ForwarderRecord } from '../../../src/normalize/record.js';
import { pythonRecord } from '../../helpers/pythonRecord.js';

// A python-json-logger line's record with a structured field of the line (see the helper).
function errorRecord(message: string, excInfo?: string): ForwarderRecord {
  const record = pythonRecord(message, { levelname: 'ERROR', fields: { order_id: 'o-1234' } });
  if (excInfo !== undefined) record.exc_info = excInfo;
  return record;
}

// What Python's traceback module prints for an exception raised in a handler.
const STACK = [
  'Traceback (most recent call last):',
  '  File "/var/task/app.py", line 12, in handler',
  '    charge(order)',
  '  File "/var/task/app.py", line 30, in charge',
  '    raise ValueError("card declined")',
  'ValueError: card declined',
].join('\n');

const ONE_MB = 1024 * 1024;

function decoded(data: Buffer): ForwarderRecord {
  const text = data.toString('utf8');
  expect(text.endsWith('\n')).toBe(true);
  expect(text.indexOf('\n')).toBe(text.length - 1);
  return JSON.parse(text) as ForwarderRecord;
}

function expectCoreIntact(record: ForwarderRecord, from: ForwarderRecord): void {
  expect(record.asctime).toBe(from.asctime);
  expect(record.name).toBe(from.name);
  expect(record.levelname).toBe(from.levelname);
  expect(typeof record.message).toBe('string');
  expect(record['@timestamp']).toBe(from['@timestamp']);
  expect(record.cloudwatch).toEqual(from.cloudwatch);
}

describe('encodeRecord', () => {
  it('writes a record as one JSON line ending in a newline, untouched', () => {
    const record = errorRecord('order o-1234 failed', STACK);
    const encoded = encodeRecord(record);
    expect(encoded.truncated).toBe(false);
    expect(encoded.id).toBe(record.cloudwatch.id);
    expect(decoded(encoded.data)).toEqual(record);
  });

  it('cuts a 1 MB message to fit 1,000 KiB and marks the record truncated with its original size', () => {
    const message = 'x'.repeat(ONE_MB);
    const record = errorRecord(message);
    const fullSize = Buffer.byteLength(JSON.stringify(record) + '\n');
    const encoded = encodeRecord(record);
    expect(encoded.truncated).toBe(true);
    expect(encoded.data.length).toBeLessThanOrEqual(MAX_BYTES_PER_RECORD);
    const out = decoded(encoded.data);
    expectCoreIntact(out, record);
    expect(out.truncated).toBe(true);
    expect(out.original_size).toBe(fullSize);
    expect(message.startsWith(out.message)).toBe(true);
    // Cut to fit, not cut to nothing: almost all of the 1,000 KiB is kept.
    expect(encoded.data.length).toBeGreaterThan(MAX_BYTES_PER_RECORD - 1024);
    expect(out.order_id).toBe('o-1234');
  });

  it('keeps the stack of a 1 MB message with a traceback, cutting the message only', () => {
    const record = errorRecord('y'.repeat(ONE_MB), STACK);
    const encoded = encodeRecord(record);
    expect(encoded.data.length).toBeLessThanOrEqual(MAX_BYTES_PER_RECORD);
    const out = decoded(encoded.data);
    expectCoreIntact(out, record);
    expect(out.exc_info).toBe(STACK);
    expect(out.truncated).toBe(true);
    expect(out.message.length).toBeGreaterThan(0);
  });

  it('cuts the stack when the stack alone is over the limit', () => {
    const stack = `${STACK}\n${'  File "/var/task/deep.py", line 1, in recurse\n'.repeat(25_000)}`;
    const record = errorRecord('recursion went too deep', stack);
    const encoded = encodeRecord(record);
    expect(encoded.data.length).toBeLessThanOrEqual(MAX_BYTES_PER_RECORD);
    const out = decoded(encoded.data);
    expect(out.truncated).toBe(true);
    expect(stack.startsWith(out.exc_info ?? '')).toBe(true);
    expect((out.exc_info ?? '').startsWith('Traceback (most recent call last):')).toBe(true);
  });

  it('counts bytes, not characters: a 1 MB line of multi-byte text fits and no character is split', () => {
    // 'é' is 2 bytes and '😀' (a surrogate pair) 4 bytes of UTF-8.
    const message = 'é😀'.repeat(180_000);
    const record = errorRecord(message);
    const encoded = encodeRecord(record);
    expect(encoded.data.length).toBeLessThanOrEqual(MAX_BYTES_PER_RECORD);
    const out = decoded(encoded.data);
    expect(out.message).not.toContain('\uFFFD');
    // No lone surrogate: re-encoding as UTF-8 would turn one into U+FFFD.
    expect(Buffer.from(out.message, 'utf8').toString('utf8')).toBe(out.message);
    expect(message.startsWith(out.message)).toBe(true);
  });

  it('counts JSON escaping: a message of quotes and newlines still fits', () => {
    const record = errorRecord('"\n\u0001'.repeat(300_000));
    const encoded = encodeRecord(record);
    expect(encoded.data.length).toBeLessThanOrEqual(MAX_BYTES_PER_RECORD);
    expect(decoded(encoded.data).truncated).toBe(true);
  });

  it('keeps core and provenance when structured fields alone are too large', () => {
    const record = errorRecord('batch imported');
    record.payload = { rows: 'r'.repeat(ONE_MB) };
    const encoded = encodeRecord(record);
    expect(encoded.data.length).toBeLessThanOrEqual(MAX_BYTES_PER_RECORD);
    const out = decoded(encoded.data);
    expectCoreIntact(out, record);
    expect(out.aws_request_id).toBe(record.aws_request_id);
    expect(out.truncated).toBe(true);
    expect(out.message.startsWith('{"asctime"')).toBe(true);
  });

  it("moves a line's own `truncated` field aside instead of overwriting it", () => {
    const record = errorRecord('z'.repeat(ONE_MB));
    record.truncated = 'no';
    const out = decoded(encodeRecord(record).data);
    expect(out.truncated).toBe(true);
    expect(out.original_fields).toEqual({ truncated: 'no' });
  });

  it('honours a smaller limit exactly', () => {
    const record = errorRecord('w'.repeat(5_000), STACK);
    const encoded = encodeRecord(record, 2_000);
    expect(encoded.data.length).toBeLessThanOrEqual(2_000);
    expect(decoded(encoded.data).exc_info).toBe(STACK);
  });

  it("gives each line's own bytes from a shared chunk, its size without reading them, and keeps them under another id", () => {
    const records = [errorRecord('first', STACK), errorRecord('second')];
    const [first, second] = records.map((record) => encodeRecord(record));
    if (first === undefined || second === undefined) throw new Error('two records were encoded');
    // Both lines share one chunk: each view is of its own line only.
    expect(first.size).toBe(first.data.length);
    expect(decoded(first.data)).toEqual(records[0]);
    expect(decoded(second.data)).toEqual(records[1]);
    const renamed = first.withIdPrefix('7/');
    expect(renamed.id).toBe('7/' + first.id);
    expect(renamed.data.equals(first.data)).toBe(true);
    expect(renamed.size).toBe(first.size);
    expect(renamed.truncated).toBe(first.truncated);
  });
});
