import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Access lines of container servers that are not the NCSA layout, each read with its request's
 * parts and a status-driven level (5xx ERROR, 4xx WARNING), as the access log is. Before, all
 * were INFO text.
 */
const shipped = (line: string) => shippedLine(line, 'web-fn');

describe("uvicorn's access line under gunicorn (uvicorn.ts uvicornAccess)", () => {
  it('reads the bare `host:port - "request" status` gunicorn’s `%(message)s` handler writes', () => {
    const { record, missing } = shipped('10.0.1.5:43210 - "POST /api/items?page=2 HTTP/1.1" 500\n');
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: '10.0.1.5:43210 - "POST /api/items?page=2 HTTP/1.1" 500',
      name: 'web-fn',
      client_addr: '10.0.1.5:43210',
      method: 'POST',
      path: '/api/items?page=2',
      http_version: 'HTTP/1.1',
      status_code: 500,
      log_format: 'uvicorn-access',
    });
    expect(missing).toEqual([]);
    expect(shipped('10.0.1.5:43210 - "GET /health HTTP/1.1" 200\n').record.levelname).toBe('INFO');
  });

  it('claims no sentence that merely has a dash and a quote', () => {
    expect(shipped('abc - "quoted" 200\n').record.log_format).toBe('text');
    expect(shipped('10.0.1.5:43210 - "GET / HTTP/1.1" 200 and more\n').record.log_format).toBe('text');
  });
});

describe("PHP-FPM's access log (phpFpm.ts phpFpmAccess)", () => {
  it('reads the default `%R - %u %t "%m %r" %s` (ModestCoders/dockerfiles#18)', () => {
    const { record, missing } = shipped('- -  01/Jul/2020:15:34:08 +0000 "GET /index.php" 200\n');
    expect(record).toMatchObject({
      levelname: 'INFO',
      message: '- -  01/Jul/2020:15:34:08 +0000 "GET /index.php" 200',
      remote_addr: '-',
      time_local: '01/Jul/2020:15:34:08 +0000',
      request_method: 'GET',
      request_uri: '/index.php',
      status: 200,
      log_format: 'php-fpm-access',
    });
    expect(missing).toEqual([]);
  });

  it('takes the level from the status and keeps what a longer format adds', () => {
    const { record, missing } = shipped(
      '172.18.0.4 - admin 06/Sep/2019:13:47:22 +0000 "POST /index.php?a=1" 502 /var/www/html/index.php 12.345 2048 0.00%\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      remote_addr: '172.18.0.4',
      remote_user: 'admin',
      status: 502,
      trailing: '/var/www/html/index.php 12.345 2048 0.00%',
    });
    expect(missing).toEqual([]);
  });
});

describe('a bracketed level after a bracketed time (bracketLevel.ts)', () => {
  it('reads `[time] [LEVEL] message`, the time (and its offset) kept', () => {
    const cases: [string, string, string][] = [
      ['[2024-01-01T12:00:00Z] [ERROR] database unreachable\n', 'ERROR', '2024-01-01T12:00:00Z'],
      ['[2024-01-01 12:00:00 +0000] [WARN] cache cold\n', 'WARNING', '2024-01-01 12:00:00 +0000'],
      ['[2024-01-01 12:00:00] [info] started\n', 'INFO', '2024-01-01 12:00:00'],
    ];
    for (const [line, levelname, time] of cases) {
      const { record, missing } = shipped(line);
      expect(record).toMatchObject({ levelname, time, log_format: 'bracket-level' });
      expect(missing).toEqual([]);
    }
  });

  it("leaves gunicorn's `[time] [pid] [LEVEL]` and Python's `[time] [LEVEL] name:` to their formats", () => {
    expect(
      shipped('[2024-01-01 12:00:00 +0000] [1] [INFO] Booting worker with pid: 7310\n').record.log_format,
    ).toBe('gunicorn');
    expect(shipped('[2023-11-01 10:47:57,081] [WARNING] app.db: slow query\n').record.log_format).toBe(
      'python-logging',
    );
  });
});
