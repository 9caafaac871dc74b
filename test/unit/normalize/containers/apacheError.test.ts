import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Apache httpd's error log (formats/apacheError.ts): 2.4's default `ErrorLogFormat` and 2.2's
 * layout (apache/httpd server/log.c `do_errorlog_default`; docs/manual/mod/core.xml
 * `ErrorLogFormat`). Before, these lines were INFO text whatever their `[module:level]` said.
 */
const shipped = (line: string) => shippedLine(line, 'web-fn');

describe('Apache httpd error log lines (apacheError.ts)', () => {
  it('reads 2.4’s `[module:level] [pid:tid] [client]` head', () => {
    const { record, missing } = shipped(
      '[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 4328636416] [client 72.15.99.187:51234] AH00128: File does not exist: /usr/local/apache2/htdocs/favicon.ico\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'AH00128: File does not exist: /usr/local/apache2/htdocs/favicon.ico',
      name: 'web-fn',
      module: 'core',
      pid: 35708,
      tid: 4328636416,
      client: '72.15.99.187:51234',
      time: 'Wed Oct 11 14:32:52.123456 2000',
      log_format: 'apache-error',
    });
    expect(missing).toEqual([]);
  });

  it('maps httpd’s levels: notice INFO, warn WARNING, crit/alert/emerg CRITICAL, trace DEBUG', () => {
    const cases: [string, string][] = [
      [
        '[Mon Jan 01 12:00:00.123456 2024] [mpm_event:notice] [pid 1:tid 140242390705992] AH00489: Apache/2.4.58 (Unix) configured -- resuming normal operations\n',
        'INFO',
      ],
      [
        '[Mon Jan 01 12:00:00.123456 2024] [ssl:warn] [pid 1:tid 140242390705992] AH01909: www.example.com:443:0 server certificate does NOT include an ID which matches the server name\n',
        'WARNING',
      ],
      [
        "[Mon Jan 01 12:00:00.123456 2024] [core:alert] [pid 9:tid 140242390705992] [client 10.0.0.7:40112] /var/www/html/.htaccess: Invalid command 'RewriteEngine', perhaps misspelled or defined by a module not included in the server configuration\n",
        'CRITICAL',
      ],
      [
        '[Mon Jan 01 12:00:00.123456 2024] [core:emerg] [pid 1:tid 140242390705992] (98)Address in use: AH00072: make_sock: could not bind to address [::]:80\n',
        'CRITICAL',
      ],
      [
        '[Mon Jan 01 12:00:00.123456 2024] [authz_core:trace3] [pid 9:tid 140242390705992] authz_core.c(815): AH01626: authorization result: granted\n',
        'DEBUG',
      ],
    ];
    for (const [line, levelname] of cases) {
      const { record, missing } = shipped(line);
      expect(record).toMatchObject({ levelname, log_format: 'apache-error' });
      expect(missing).toEqual([]);
    }
  });

  it('reads the prefork MPM’s `[pid N]` and 2.2’s `[level]`', () => {
    const prefork = shipped(
      "[Mon Jan 01 12:00:00.654321 2024] [proxy_fcgi:error] [pid 17] [client 172.17.0.1:41234] AH01071: Got error 'Primary script unknown'\n",
    );
    expect(prefork.record).toMatchObject({
      levelname: 'ERROR',
      module: 'proxy_fcgi',
      pid: 17,
      message: "AH01071: Got error 'Primary script unknown'",
    });
    expect(prefork.record).not.toHaveProperty('tid');
    expect(prefork.missing).toEqual([]);
    const old = shipped(
      '[Wed Oct 11 14:32:52 2000] [error] [client 127.0.0.1] client denied by server configuration: /export/home/live/ap/htdocs/test\n',
    );
    expect(old.record).toMatchObject({
      levelname: 'ERROR',
      client: '127.0.0.1',
      message: 'client denied by server configuration: /export/home/live/ap/htdocs/test',
    });
    expect(old.missing).toEqual([]);
  });

  it("moves a PHP uncaught exception's stack (php:apache) to exc_info", () => {
    const { record, missing } = shipped(
      '[Mon Jan 01 12:00:00.123456 2024] [php:error] [pid 17] [client 172.17.0.1:41234] PHP Fatal error:  Uncaught Exception: boom in /var/www/html/index.php:3\n' +
        'Stack trace:\n#0 {main}\n  thrown in /var/www/html/index.php on line 3\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      module: 'php',
      message: 'PHP Fatal error:  Uncaught Exception: boom in /var/www/html/index.php:3',
      exc_info:
        'PHP Fatal error:  Uncaught Exception: boom in /var/www/html/index.php:3\nStack trace:\n#0 {main}\n  thrown in /var/www/html/index.php on line 3',
    });
    expect(missing).toEqual([]);
  });
});
