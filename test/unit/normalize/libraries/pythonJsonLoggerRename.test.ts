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
