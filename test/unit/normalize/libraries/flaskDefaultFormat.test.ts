import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Flask's default handler formats its records with
 * `[%(asctime)s] %(levelname)s in %(module)s: %(message)s` (pallets/flask src/flask/logging.py
 * `default_handler`); an unhandled exception is logged as `Exception on <path> [<method>]` with
 * its traceback (src/flask/app.py `log_exception`).
 */
const shipped = (line: string) => shippedLine(line, 'flask-fn');

describe("Flask's default log format (pythonLoggingText.ts)", () => {
  it('reads the level and the message; the module stays a field, `in`', () => {
    const { record, missing } = shipped('[2023-11-01 10:47:57,081] WARNING in orders: stock low for SKU-7\n');
    expect(record).toMatchObject({
      name: 'flask-fn',
      levelname: 'WARNING',
      message: 'stock low for SKU-7',
      log_format: 'python-logging',
      in: 'orders',
    });
    expect(missing).toEqual([]);
  });

  it("takes log_exception's traceback for exc_info", () => {
    const { record, missing } = shipped(
      '[2023-11-01 10:47:57,081] ERROR in app: Exception on /orders [POST]\n' +
        'Traceback (most recent call last):\n' +
        '  File "/usr/local/lib/python3.12/site-packages/flask/app.py", line 1511, in wsgi_app\n' +
        '    response = self.full_dispatch_request()\n' +
        'ZeroDivisionError: division by zero\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'Exception on /orders [POST]',
      exc_info:
        'Traceback (most recent call last):\n' +
        '  File "/usr/local/lib/python3.12/site-packages/flask/app.py", line 1511, in wsgi_app\n' +
        '    response = self.full_dispatch_request()\n' +
        'ZeroDivisionError: division by zero',
      in: 'app',
    });
    expect(missing).toEqual([]);
  });

  it('leaves a bracketed time followed by anything else to the other formats', () => {
    const line = '[2023-11-01 10:47:57,081] WARNING: no module here';
    expect(shipped(`${line}\n`).record).toMatchObject({ message: line });
  });
});
