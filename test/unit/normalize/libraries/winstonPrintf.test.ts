import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * winston's README `format.printf` layout, `${timestamp} [${label}] ${level}: ${message}` (the
 * `myFormat` example of winstonjs/winston README "Formats"), and the variants its users write
 * without the label or the time, or with the time in brackets (winstonText.ts `parsePrintf`).
 */
const REQUEST_ID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';
const shipped = (line: string) => shippedLine(line, 'winston-fn');

describe("winston's format.printf layouts (winstonText.ts)", () => {
  it('reads the README layout: the level, the message, the time and the label kept', () => {
    const { record, missing } = shipped(
      '2023-11-01T10:47:57.081Z [right meow!] info: What time is the testing at?\n',
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      message: 'What time is the testing at?',
      timestamp: '2023-11-01T10:47:57.081Z',
      label: 'right meow!',
      log_format: 'winston-text',
    });
    expect(missing).toEqual([]);
  });

  it("reads it inside Node.js's prefix, the line's own level winning over console.log's INFO", () => {
    const { record, missing } = shipped(
      `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\t2023-11-01 10:47:57 [orders] error: charge failed {"orderId":17}\n`,
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'charge failed',
      aws_request_id: REQUEST_ID,
      timestamp: '2023-11-01 10:47:57',
      label: 'orders',
      orderId: 17,
      log_format: 'lambda-nodejs/winston-text',
    });
    expect(missing).toEqual([]);
  });

  it('reads the layouts without the label, without the time, or with the time in brackets', () => {
    const cases: [line: string, fields: Record<string, unknown>][] = [
      ['2023-11-01T10:47:57.081Z warn: disk almost full', { timestamp: '2023-11-01T10:47:57.081Z' }],
      ['[payments] warn: disk almost full', { label: 'payments' }],
      ['[2023-11-01T10:47:57.081Z] warn: disk almost full', { timestamp: '2023-11-01T10:47:57.081Z' }],
      [
        '2023-11-01T10:47:57.081Z [payments] \u001b[33mwarn\u001b[39m: disk almost full',
        { label: 'payments' },
      ],
    ];
    for (const [line, fields] of cases) {
      const { record, missing } = shipped(`${line}\n`);
      expect(record).toMatchObject({ levelname: 'WARNING', message: 'disk almost full', ...fields });
      expect(missing).toEqual([]);
    }
  });

  it('takes no other word after the time or the label for a level', () => {
    for (const line of ['2023-11-01T10:47:57.081Z [main] notice: started', '[main] Error: boom']) {
      const { record } = shipped(`${line}\n`);
      expect(record).toMatchObject({ levelname: 'INFO', message: line });
    }
  });
});
