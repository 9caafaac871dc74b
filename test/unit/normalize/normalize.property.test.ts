import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripAnsi } from '../../../src/normalize/fields.js';
import { normalizeEvent, type EventSource } from '../../../src/normalize/normalizeEvent.js';
import { LEVEL_NAMES, type ForwarderRecord } from '../../../src/normalize/record.js';

/**
 * Invariants of the record for any input (SPEC §3):
 * 1. `normalizeEvent` never throws and its record can be encoded as JSON.
 * 2. The five core fields are there with their types: `asctime`, `name`, `levelname`, `message`
 *    strings, `exc_info` a non-empty string or absent; `levelname` one of the five names;
 *    `asctime` is `%Y-%m-%dT%H:%M:%S%z` unless kept from a python-json-logger record.
 * 3. The original text is recoverable, defined as:
 *    a. a plain text line (no prefix any runtime writes, no JSON, one line) is the message, as is;
 *    b. for a JSON object line with a `message` value V (any JSON value):
 *       - V a string: every non-blank line of V (colour codes stripped) is found in
 *         `message` or `exc_info` (a stack in the message moves to exc_info, nothing is dropped),
 *         unless V is a logging library's JSON record, which is read as that record
 *         (json/lambdaJsonInnerRecord.test.ts; random strings never are one);
 *       - V anything else: `message` is `JSON.stringify(V)`, and an object V is `message_fields`;
 *    c. every other key of the line that no format consumes is kept with its value, at the top
 *       level or under `original_fields`.
 */

const source: EventSource = {
  logGroup: '/aws/lambda/prop-fn',
  logStream: '2023/11/01/[$LATEST]abc',
  owner: '123456789012',
  defaultName: 'prop-fn',
};
const ASCTIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}$/;

// Realistic CloudWatch times: 2000-01-01 … 2099-12-31.
const timestamp = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) });

function normalize(line: string, time: number): ForwarderRecord {
  return normalizeEvent({ id: 'e1', timestamp: time, message: line }, source);
}

function assertCoreFields(record: ForwarderRecord): void {
  expect(typeof record.asctime).toBe('string');
  expect(typeof record.name).toBe('string');
  expect(record.name).not.toBe('');
  expect(LEVEL_NAMES).toContain(record.levelname);
  expect(typeof record.message).toBe('string');
  if ('exc_info' in record) {
    expect(typeof record.exc_info).toBe('string');
    expect(record.exc_info).not.toBe('');
  }
  if (record.log_format !== 'python-json-logger') expect(record.asctime).toMatch(ASCTIME);
  expect(() => JSON.stringify(record)).not.toThrow();
}

/** Lines of a string value as the record may hold them: colours stripped, blank lines ignored. */
function meaningfulLines(value: string): string[] {
  return stripAnsi(value)
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function assertMessageKept(record: ForwarderRecord, value: unknown): void {
  if (typeof value === 'string') {
    const text = `${record.message}\n${record.exc_info ?? ''}`;
    for (const line of meaningfulLines(value)) expect(text).toContain(line);
  } else {
    expect(record.message).toBe(JSON.stringify(value));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      expect(record.message_fields).toEqual(value);
    }
  }
}

// Keys no format consumes: prefixed so they can never be `level`, `msg`, `stack`, … .
const extraKey = fc.string({ maxLength: 12 }).map((key) => `x_${key}`);
const extras = fc.dictionary(extraKey, fc.jsonValue(), { maxKeys: 5 });

// Characters of ordinary text: no JSON or bracket openers, tabs, line breaks or colour codes.
const PLAIN_ALPHABET = [
  ...'abcdefghijklmnopqrstuvwxyz0123456789'.split(''), // ASCII only: code units are characters
  ...' .,:;!?-_/=()@#%&*+<>\'"'.split(''),
  'é',
  'ü',
  '中',
  '🚀',
];
const plainLine = fc
  .array(fc.constantFrom(...PLAIN_ALPHABET), { minLength: 1, maxLength: 80 })
  .map((chars) => chars.join(''));

describe('normalizeEvent (properties)', () => {
  it('never throws and always gives the five core fields, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), timestamp, (line, time) => {
        assertCoreFields(normalize(line, time));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws and always gives the five core fields, for any JSON object line', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), timestamp, (object, time) => {
        assertCoreFields(normalize(JSON.stringify(object), time));
      }),
      { numRuns: 1000 },
    );
  });

  it('forwards a plain one-line text as the message, unchanged, at INFO', () => {
    fc.assert(
      fc.property(plainLine, timestamp, (line, time) => {
        fc.pre(line.trim() !== '' && !line.trimStart().startsWith('"') && Number.isNaN(Number(line)));
        const record = normalize(line, time);
        expect(record.message).toBe(line);
        expect(record.levelname).toBe('INFO');
        expect('exc_info' in record).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps any JSON value given as message, and every field no format consumes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), extras, timestamp, (message, rest, time) => {
        const line = JSON.stringify({ ...rest, message });
        const parsedMessage = (JSON.parse(line) as { message: unknown }).message;
        const record = normalize(line, time);
        assertCoreFields(record);
        assertMessageKept(record, parsedMessage);
        const collisions = record.original_fields ?? {};
        for (const [key, value] of Object.entries(
          JSON.parse(JSON.stringify(rest)) as Record<string, unknown>,
        )) {
          const kept = key in record ? record[key] : collisions[key];
          expect(kept, key).toEqual(value);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps any JSON value given as message of a Lambda JSON record, with its level and request id', () => {
    const level = fc.constantFrom(
      ['TRACE', 'DEBUG'],
      ['DEBUG', 'DEBUG'],
      ['INFO', 'INFO'],
      ['WARN', 'WARNING'],
      ['WARNING', 'WARNING'],
      ['ERROR', 'ERROR'],
      ['FATAL', 'CRITICAL'],
      ['CRITICAL', 'CRITICAL'],
    );
    fc.assert(
      fc.property(
        fc.jsonValue(),
        level,
        fc.uuid(),
        timestamp,
        (message, [written, expected], requestId, time) => {
          fc.pre(
            !(
              typeof message === 'object' &&
              message !== null &&
              ('errorType' in message || 'errorMessage' in message)
            ),
          );
          const line = JSON.stringify({
            timestamp: new Date(time).toISOString(),
            level: written,
            requestId,
            message,
          });
          const record = normalize(line, time);
          assertCoreFields(record);
          expect(record.log_format).toBe('lambda-json');
          expect(record.levelname).toBe(expected);
          expect(record.aws_request_id).toBe(requestId);
          assertMessageKept(record, (JSON.parse(line) as { message: unknown }).message);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('maps pino and bunyan numeric levels as SPEC §3 says', () => {
    const cases = fc.constantFrom(
      [10, 'DEBUG'],
      [20, 'DEBUG'],
      [30, 'INFO'],
      [40, 'WARNING'],
      [50, 'ERROR'],
      [60, 'CRITICAL'],
    );
    fc.assert(
      fc.property(cases, fc.string(), fc.boolean(), timestamp, ([level, expected], msg, isBunyan, time) => {
        const line = isBunyan
          ? JSON.stringify({
              name: 'app',
              hostname: 'h',
              pid: 1,
              level,
              msg,
              time: new Date(time).toISOString(),
              v: 0,
            })
          : JSON.stringify({ level, time, pid: 1, hostname: 'h', msg });
        const record = normalize(line, time);
        expect(record.log_format).toBe(isBunyan ? 'bunyan' : 'pino');
        expect(record.levelname).toBe(expected);
      }),
    );
  });
});
