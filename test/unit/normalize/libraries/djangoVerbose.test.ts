import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Django's documented `verbose` formatter (formats/djangoVerbose.ts): before, its lines were read
 * as Rust `tracing` lines with the time, module, process and thread in the message.
 */
const shipped = (line: string) => shippedLine(line, 'web-fn');

describe("Django's verbose formatter (djangoVerbose.ts)", () => {
  it('takes the level, the module, process and thread as fields, the rest as the message', () => {
    const { record, missing } = shipped(
      'INFO 2024-03-01 09:15:02,417 views 8 140352061962048 order 17 created\n',
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      message: 'order 17 created',
      name: 'web-fn',
      module: 'views',
      process: 8,
      thread: 140352061962048,
      log_format: 'django-verbose',
    });
    expect(missing).toEqual([]);
  });

  it("moves django.request's traceback to exc_info", () => {
    const { record, missing } = shipped(
      'ERROR 2024-03-01 09:15:04,871 log 8 1403 Internal Server Error: /orders/\nTraceback (most recent call last):\n  File "/app/orders/views.py", line 12, in create\nZeroDivisionError: division by zero\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'Internal Server Error: /orders/',
      module: 'log',
    });
    expect(record.exc_info).toMatch(/^Traceback/);
    expect(missing).toEqual([]);
  });

  it('reads it inside the Python runtime prefix too', () => {
    const { record } = shipped(
      '[WARNING]\t2024-03-01T09:15:03.002Z\t3f6f7b4c-1111-2222-3333-444455556666\tWARNING 2024-03-01 09:15:03,002 log 8 1403 Not Found: /x\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      message: 'Not Found: /x',
      log_format: 'lambda-python/django-verbose',
    });
  });

  it('leaves a tracing line with a level first to Rust tracing', () => {
    expect(shipped('2023-11-01T10:47:57.081234Z  INFO my_crate: ready\n').record.log_format).toBe(
      'rust-tracing',
    );
    expect(shipped('INFO my_crate: ready\n').record.log_format).toBe('rust-tracing');
  });
});
