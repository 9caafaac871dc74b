import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Python `logging` formats with ` | ` between the fields, as with ` - ` in the logging cookbook's
 * `%(asctime)s - %(name)s - %(levelname)s - %(message)s` (CPython Doc/howto/logging.rst).
 */
const shipped = (line: string) => shippedLine(line, 'py-fn');

describe('Python logging text with ` | ` between the fields (pythonLoggingText.ts)', () => {
  it('reads `%(asctime)s | %(name)s | %(levelname)s | %(message)s`', () => {
    const { record, missing } = shipped(
      '2023-11-01 10:47:57,081 | app.orders | WARNING | stock low | SKU-7\n',
    );
    expect(record).toMatchObject({
      name: 'app.orders',
      levelname: 'WARNING',
      message: 'stock low | SKU-7',
      log_format: 'python-logging',
    });
    expect(missing).toEqual([]);
  });

  it('reads the level first, the rest the message, and takes no `|` for a name', () => {
    const { record, missing } = shipped('2023-11-01 10:47:57,081 | ERROR | app | payment failed\n');
    expect(record).toMatchObject({ name: 'py-fn', levelname: 'ERROR', message: 'app | payment failed' });
    expect(missing).toEqual([]);
  });
});
