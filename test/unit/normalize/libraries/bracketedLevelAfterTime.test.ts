import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * A bracketed level after the time, SPEC §3's conventional place: Python's
 * `%(asctime)s [%(levelname)s] %(name)s: %(message)s` (and `[%(asctime)s] [%(levelname)s] …`), and
 * any logger's `<ISO time> [LEVEL] message`.
 */
const shipped = (line: string) => shippedLine(line, 'app-fn');

describe('a bracketed level after the time (pythonLoggingText.ts, bracketLevel.ts)', () => {
  it('reads Python’s `%(asctime)s [%(levelname)s] %(name)s: %(message)s`', () => {
    const { record, missing } = shipped('2023-11-01 10:47:57,081 [ERROR] app.payments: failed to charge\n');
    expect(record).toMatchObject({
      name: 'app.payments',
      levelname: 'ERROR',
      message: 'failed to charge',
      log_format: 'python-logging',
    });
    expect(missing).toEqual([]);
  });

  it('reads it with the time in brackets and a traceback', () => {
    const { record, missing } = shipped(
      '[2023-11-01 10:47:57,081] [WARNING] app.db: slow query\nTraceback (most recent call last):\n  File "/app/db.py", line 3, in q\nTimeoutError\n',
    );
    expect(record).toMatchObject({
      name: 'app.db',
      levelname: 'WARNING',
      message: 'slow query',
      exc_info: 'Traceback (most recent call last):\n  File "/app/db.py", line 3, in q\nTimeoutError',
    });
    expect(missing).toEqual([]);
  });

  it('reads any `<ISO time> [LEVEL] message`, the time kept', () => {
    // With milliseconds and a `Z` the same line is go-hclog's (`hclog`, hclog.test.ts).
    const { record, missing } = shipped('2023-11-01T10:47:57Z [ERROR] failed to connect\n');
    expect(record).toMatchObject({
      name: 'app-fn',
      levelname: 'ERROR',
      message: 'failed to connect',
      log_format: 'bracket-level',
      time: '2023-11-01T10:47:57Z',
    });
    expect(missing).toEqual([]);
  });

  it('takes no other bracketed word after a time for a level', () => {
    const line = '2023-11-01T10:47:57.081Z [main] started';
    expect(shipped(`${line}\n`).record).toMatchObject({ message: line, levelname: 'INFO' });
  });
  it("reads winston's `format.printf` layout `${timestamp} [${level}]: ${message}`, in a Node.js prefix too", () => {
    for (const line of [
      '2023-11-01 10:47:57 [warn]: disk almost full\n',
      '2023-11-01T10:47:57.081Z\t8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01\tINFO\t2023-11-01 10:47:57 [warn]: disk almost full\n',
    ]) {
      const { record, missing } = shipped(line);
      expect(record).toMatchObject({
        levelname: 'WARNING',
        message: 'disk almost full',
        time: '2023-11-01 10:47:57',
      });
      expect(missing).toEqual([]);
    }
  });
});
