import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * PHP's own error reports in a container's log (formats/phpError.ts): the `error_log` layout,
 * the CLI's bare `PHP Warning:  …`, and PHP-FPM's undecorated `NOTICE: PHP message: …` (php-src
 * main/main.c `php_log_err_with_severity`, `php_error_cb`; docker-library/php's `docker.conf`).
 * Before, all were INFO text, a Fatal error included, its `Stack trace:` in the message.
 */
const shipped = (line: string) => shippedLine(line, 'php-fn');

describe("PHP's error reports (phpError.ts)", () => {
  it("reads FPM's relayed Fatal error with its stack (ModestCoders/dockerfiles#18)", () => {
    const { record, missing } = shipped(
      'NOTICE: PHP message: PHP Fatal error:  Uncaught Error: Call to a member function testFatalError() on null in /var/www/html/pub/index.php:11\n' +
        'Stack trace:\n#0 {main}\n  thrown in /var/www/html/pub/index.php on line 11\n',
    );
    expect(record).toMatchObject({
      levelname: 'CRITICAL',
      message:
        'PHP Fatal error:  Uncaught Error: Call to a member function testFatalError() on null in /var/www/html/pub/index.php:11',
      exc_info:
        'PHP Fatal error:  Uncaught Error: Call to a member function testFatalError() on null in /var/www/html/pub/index.php:11\n' +
        'Stack trace:\n#0 {main}\n  thrown in /var/www/html/pub/index.php on line 11',
      name: 'php-fn',
      log_format: 'php-error',
    });
    expect(missing).toEqual([]);
  });

  it('reads the error_log layout, its time zone kept with the time', () => {
    const { record, missing } = shipped(
      '[07-May-2018 20:43:47 UTC] PHP Warning:  Undefined array key "id" in /var/www/html/test.php on line 3\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      message: 'PHP Warning:  Undefined array key "id" in /var/www/html/test.php on line 3',
      time: '07-May-2018 20:43:47 UTC',
    });
    expect(missing).toEqual([]);
  });

  it('maps the severities as Monolog’s ErrorHandler does; FPM’s relayed `error_log()` text is INFO', () => {
    const cases: [string, string, string][] = [
      [
        'PHP Parse error:  syntax error, unexpected token "}" in /app/index.php on line 12\n',
        'CRITICAL',
        'PHP Parse error:  syntax error, unexpected token "}" in /app/index.php on line 12',
      ],
      [
        '[01-Jan-2024 12:00:00 Europe/Berlin] PHP Deprecated:  Creation of dynamic property A::$b is deprecated in /app/a.php on line 4\n',
        'INFO',
        'PHP Deprecated:  Creation of dynamic property A::$b is deprecated in /app/a.php on line 4',
      ],
      // docker-library/php#1626
      ['NOTICE: PHP message: test\n', 'INFO', 'test'],
    ];
    for (const [line, levelname, message] of cases) {
      const { record, missing } = shipped(line);
      expect(record).toMatchObject({ levelname, message, log_format: 'php-error' });
      expect(missing).toEqual([]);
    }
  });

  it("leaves FPM's own `[date] NOTICE:` log and sentences about PHP alone", () => {
    expect(shipped('[13-Oct-2023 08:01:38] NOTICE: fpm is running, pid 11\n').record.log_format).toBe(
      'php-fpm',
    );
    expect(shipped('PHP is installed: 8.3.1\n').record.log_format).toBe('text');
    expect(shipped('NOTICE: maintenance at 02:00\n').record.log_format).toBe('text');
  });
});
