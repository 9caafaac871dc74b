import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * nginx relays what PHP-FPM writes to stderr inside its own error line
 * (ngx_http_fastcgi_module.c `FastCGI sent in stderr: "%*s"`); an uncaught exception's report
 * spans lines, one event when the log group's lines are joined (awslogs-datetime-format).
 */
const shipped = (line: string) => shippedLine(line, 'nginx-fn');

describe("nginx's relay of a PHP stack (nginxError.ts)", () => {
  it("makes the PHP report exc_info and keeps its first line with nginx's context as the message", () => {
    const { record, missing } = shipped(
      '2019/03/22 18:32:54 [error] 7#7: *5 FastCGI sent in stderr: "PHP message: PHP Fatal error:  Uncaught Exception: boom in /var/www/index.php:3\nStack trace:\n#0 /var/www/index.php(7): fail()\n#1 {main}\n  thrown in /var/www/index.php on line 3" while reading response header from upstream, client: 172.17.0.1, server: _, request: "GET / HTTP/1.1", upstream: "fastcgi://127.0.0.1:9000", host: "localhost"\n',
    );
    expect(record).toMatchObject({
      log_format: 'nginx-error',
      levelname: 'ERROR',
      message:
        'FastCGI sent in stderr: "PHP message: PHP Fatal error:  Uncaught Exception: boom in /var/www/index.php:3" while reading response header from upstream, client: 172.17.0.1, server: _, request: "GET / HTTP/1.1", upstream: "fastcgi://127.0.0.1:9000", host: "localhost"',
      exc_info:
        'PHP Fatal error:  Uncaught Exception: boom in /var/www/index.php:3\nStack trace:\n#0 /var/www/index.php(7): fail()\n#1 {main}\n  thrown in /var/www/index.php on line 3',
      connection: 5,
    });
    expect(missing).toEqual([]);
  });

  it('keeps a relayed message with line breaks but no stack whole', () => {
    const line =
      '2019/03/22 18:32:54 [error] 7#7: *5 FastCGI sent in stderr: "PHP message: one\nPHP message: two" while reading upstream';
    const { record, missing } = shipped(`${line}\n`);
    expect(record).toMatchObject({ levelname: 'ERROR', message: line.slice(line.indexOf('FastCGI')) });
    expect(record.exc_info).toBeUndefined();
    expect(missing).toEqual([]);
  });
});
