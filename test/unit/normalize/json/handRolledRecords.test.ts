import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

const shipped = (line: string) => shippedLine(line, 'orders-fn');
const RID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';
const NODE = `2023-11-01T10:47:57.081Z\t${RID}\tINFO\t`;

/** A Node.js record in Lambda's JSON log format, as `console.log(message)` writes it. */
function jsonRecord(message: unknown, level = 'INFO'): string {
  return JSON.stringify({ timestamp: '2023-11-01T10:47:57.081Z', level, requestId: RID, message });
}

describe('hand-rolled JSON records (no library) written with console.log', () => {
  it("Lambda JSON: a JSON string stating a level word is read for its level and message; the runtime's level stays a field", () => {
    const { record, missing } = shipped(
      jsonRecord(JSON.stringify({ level: 'WARN', message: 'disk almost full', freePct: 9 })),
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      message: 'disk almost full',
      aws_request_id: RID,
      freePct: 9,
      level: 'INFO',
      log_format: 'lambda-json/json',
    });
    expect(missing).toEqual([]);
  });

  it('reads the same record in the text and the JSON log format', () => {
    const hand = JSON.stringify({ level: 'error', msg: 'db down', code: 'ECONNREFUSED' });
    const text = shipped(`${NODE}${hand}\n`).record;
    const json = shipped(jsonRecord(hand)).record;
    for (const record of [text, json]) {
      expect(record).toMatchObject({ levelname: 'ERROR', message: 'db down', code: 'ECONNREFUSED' });
    }
  });

  it('Lambda JSON console.log({ level, message }): message and level from the object, which stays whole', () => {
    const { record, missing } = shipped(
      jsonRecord({ level: 'warn', message: 'slow query', durationMs: 1234 }),
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      message: 'slow query',
      level: 'INFO',
      message_fields: { level: 'warn', message: 'slow query', durationMs: 1234 },
    });
    expect(missing).toEqual([]);
  });

  it('is not claimed without a level word: a payload logged whole stays the message', () => {
    for (const message of [
      JSON.stringify({ type: 'metric', level: 'high', message: 'water level' }),
      JSON.stringify({ level: 3, message: 'tank' }),
      JSON.stringify({ orderId: 42, status: 'shipped' }),
    ]) {
      const { record } = shipped(jsonRecord(message));
      expect(record.levelname).toBe('INFO');
      expect(record.message).toBe(message);
      expect(record.log_format).toBe('lambda-json');
    }
    // An object with a level but no message is an object logged whole, not a record.
    const { record } = shipped(jsonRecord({ orderId: 42, level: 'debug' }));
    expect([record.levelname, record.message]).toEqual(['INFO', '{"orderId":42,"level":"debug"}']);
  });

  it("a Node.js function's {level: INFO, msg} line is generic JSON, not Go's slog", () => {
    const { record } = shipped(
      `${NODE}${JSON.stringify({ level: 'INFO', msg: 'cache warmed', keys: 120 })}\n`,
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      message: 'cache warmed',
      log_format: 'lambda-nodejs/json',
    });
  });
});
