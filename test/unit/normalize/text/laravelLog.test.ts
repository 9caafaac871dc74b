import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

const shipped = (line: string) => shippedLine(line, 'laravel-fn');

describe("Laravel's log line (Monolog LineFormatter, empty extra left out)", () => {
  it('moves the exception of a context ending in a space to exc_info, out of the message', () => {
    const { record, missing } = shipped(
      '[2024-01-01 00:00:00] local.ERROR: Division by zero {"userId":7,"exception":"[object] ' +
        '(DivisionByZeroError(code: 0): Division by zero at /var/www/app/Math.php:9)\n[stacktrace]\n' +
        '#0 /var/www/routes/web.php(12): App\\\\Math->div()\n#1 {main}\n"} \n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'local',
      message: 'Division by zero',
      exc_info:
        '[object] (DivisionByZeroError(code: 0): Division by zero at /var/www/app/Math.php:9)\n[stacktrace]\n' +
        '#0 /var/www/routes/web.php(12): App\\Math->div()\n#1 {main}',
    });
    expect(missing).toEqual([]);
  });

  it('reads a one-line context ending in a space', () => {
    const { record } = shipped('[2024-01-01 00:00:00] local.INFO: User logged in {"id":42} ');
    expect(record).toMatchObject({ levelname: 'INFO', message: 'User logged in', context: { id: 42 } });
  });
});
