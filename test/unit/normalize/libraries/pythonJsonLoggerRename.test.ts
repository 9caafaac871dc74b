import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * python-json-logger's `rename_fields` renames any key; its own documented example is
 * `rename_fields={"message": "@message"}` (nhairs/python-json-logger src/pythonjsonlogger/core.py,
 * `BaseJsonFormatter.__init__`; madzak/python-json-logger README "Customizing fields").
 */
describe('python-json-logger with the message renamed (pythonJsonLogger.ts)', () => {
  it('takes `@message` for the message when the record has no `message`', () => {
    const { record, missing } = shippedLine(
      '{"asctime": "2023-11-01 10:47:57,081", "levelname": "WARNING", "name": "app.db", "@message": "slow query"}\n',
      'py-fn',
    );
    expect(record).toMatchObject({
      asctime: '2023-11-01 10:47:57,081',
      name: 'app.db',
      levelname: 'WARNING',
      message: 'slow query',
      log_format: 'python-json-logger',
    });
    expect(record).not.toHaveProperty('@message');
    expect(missing).toEqual([]);
  });

  it('keeps `message` the message when the record has it', () => {
    const { record } = shippedLine(
      '{"asctime": "2023-11-01 10:47:57,081", "levelname": "INFO", "name": "app", "message": "m", "@message": "other"}\n',
      'py-fn',
    );
    expect(record).toMatchObject({ message: 'm', '@message': 'other' });
  });
});

describe('python-json-logger without levelname in its format (pythonJsonLogger.ts)', () => {
  it("keeps the record's own asctime when the format has no %(levelname)s", () => {
    const { record, missing } = shippedLine(
      '{"asctime": "2023-11-01 10:47:57,081", "name": "app", "message": "hi"}\n',
      'py-fn',
    );
    expect(record).toMatchObject({
      asctime: '2023-11-01 10:47:57,081',
      name: 'app',
      levelname: 'INFO',
      message: 'hi',
      log_format: 'python-json-logger',
    });
    expect(record).not.toHaveProperty('original_fields');
    expect(missing).toEqual([]);
  });

  it('is ERROR with a traceback and no level', () => {
    const { record } = shippedLine(
      '{"asctime": "2023-11-01 10:47:57,081", "message": "boom", "exc_info": "Traceback (most recent call last):\\nKeyError: 1"}\n',
      'py-fn',
    );
    expect(record).toMatchObject({
      asctime: '2023-11-01 10:47:57,081',
      levelname: 'ERROR',
      message: 'boom',
      exc_info: 'Traceback (most recent call last):\nKeyError: 1',
    });
  });
});

describe('python-json-logger told by its LogRecord attributes and renamed keys (pythonJsonLogger.ts)', () => {
  const TRACEBACK =
    'Traceback (most recent call last):\\n  File \\"/var/task/app.py\\", line 5, in handler\\n    1 / 0\\nZeroDivisionError: division by zero';

  it('reads `level`/`timestamp` renames with `exc_info`: no Lambda JSON record has `name` or `exc_info`', () => {
    const { record, missing } = shippedLine(
      `{"timestamp": "2023-11-01T10:47:57.081Z", "level": "ERROR", "name": "app.db", "message": "query failed", "exc_info": "${TRACEBACK}"}\n`,
      'py-fn',
    );
    expect(record).toMatchObject({
      name: 'app.db',
      levelname: 'ERROR',
      message: 'query failed',
      log_format: 'python-json-logger',
      timestamp: '2023-11-01T10:47:57.081Z',
    });
    expect(record.exc_info).toMatch(/^Traceback[^]*ZeroDivisionError: division by zero$/);
    expect(record).not.toHaveProperty('original_fields');
    expect(missing).toEqual([]);
  });

  it('reads `{"levelname", "message"}` and the default formatter with a traceback', () => {
    expect(
      shippedLine('{"levelname": "WARNING", "message": "disk almost full"}\n', 'py-fn').record,
    ).toMatchObject({
      levelname: 'WARNING',
      message: 'disk almost full',
      log_format: 'python-json-logger',
    });
    const { record } = shippedLine(
      `{"message": "boom", "exc_info": "${TRACEBACK}", "taskName": null}\n`,
      'py-fn',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'boom',
      taskName: null,
      log_format: 'python-json-logger',
    });
    expect(record.exc_info).toMatch(/^Traceback/);
  });

  it('reads a level renamed `severity`/`status` and a name renamed `logger`', () => {
    expect(
      shippedLine(
        '{"asctime": "2023-11-01 10:47:57,081", "severity": "ERROR", "logger": "payments", "message": "x"}\n',
        'py-fn',
      ).record,
    ).toMatchObject({ levelname: 'ERROR', name: 'payments', message: 'x', log_format: 'python-json-logger' });
    expect(
      shippedLine(
        '{"timestamp": "t", "status": "WARNING", "name": "uvicorn.error", "funcName": "_serve", "message": "x"}\n',
        'py-fn',
      ).record,
    ).toMatchObject({ levelname: 'WARNING', name: 'uvicorn.error', funcName: '_serve' });
  });

  it('leaves `{"message"}` alone, and a logback record with `threadName`, to their formats', () => {
    expect(shippedLine('{"message": "hello"}\n', 'py-fn').record).toMatchObject({ log_format: 'json' });
    expect(
      shippedLine(
        '{"timestamp": "2023-11-01T10:47:57.081Z", "level": "INFO", "name": "app.db", "message": "ok"}\n',
        'py-fn',
      ).record,
    ).toMatchObject({ name: 'app.db', levelname: 'INFO', log_format: 'json' });
  });
});
