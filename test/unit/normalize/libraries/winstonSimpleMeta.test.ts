import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * winston's `format.simple()` writes `${level}: ${message} ${JSON of the rest}` when the info has
 * more than its level and message (winstonjs/logform simple.js): `defaultMeta`, `timestamp()`,
 * and with `format.errors({ stack: true })` the error's `stack` (errors.js).
 */
const shipped = (line: string) => shippedLine(line, 'winston-fn');

describe("winston's format.simple() meta (winstonText.ts)", () => {
  it('keeps the meta as fields, not in the message', () => {
    const { record, missing } = shipped('info: Hello distributed log files! {"service":"user-service"}\n');
    expect(record).toMatchObject({
      levelname: 'INFO',
      message: 'Hello distributed log files!',
      log_format: 'winston-text',
      service: 'user-service',
    });
    expect(missing).toEqual([]);
  });

  it("takes format.errors({ stack: true })'s stack for exc_info", () => {
    const { record, missing } = shipped(
      'error: Something went wrong {"code":"E_PAY","stack":"Error: Something went wrong\\n' +
        '    at Object.<anonymous> (/var/task/index.js:10:15)\\n' +
        '    at Module._compile (node:internal/modules/cjs/loader:1256:14)"}\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'Something went wrong',
      exc_info:
        'Error: Something went wrong\n    at Object.<anonymous> (/var/task/index.js:10:15)\n' +
        '    at Module._compile (node:internal/modules/cjs/loader:1256:14)',
      code: 'E_PAY',
    });
    expect(record).not.toHaveProperty('stack');
    expect(missing).toEqual([]);
  });

  it('finds the meta after a message that has braces of its own', () => {
    const { record, missing } = shipped(
      'warn: retry {attempt} of {"max":3} {"timestamp":"2023-11-01T10:47:57.081Z"}\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      message: 'retry {attempt} of {"max":3}',
      timestamp: '2023-11-01T10:47:57.081Z',
    });
    expect(missing).toEqual([]);
  });

  it('leaves a message whose end is no JSON object as it is', () => {
    expect(shipped('info: set {a, b}\n').record.message).toBe('set {a, b}');
    expect(shipped('info: empty {}\n').record.message).toBe('empty {}');
  });
});
