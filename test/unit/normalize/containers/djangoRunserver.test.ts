import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Django's development server in a container (formats/djangoRunserver.ts): `django.server`'s
 * `[{server_time}] {message}`, a request logged at ERROR for 5xx and WARNING for 4xx
 * (django/django django/core/servers/basehttp.py `WSGIRequestHandler.log_message`). Before, a
 * 500 was an INFO line of text.
 */
const shipped = (line: string) => shippedLine(line, 'web-fn');

describe('Django runserver lines (djangoRunserver.ts)', () => {
  it("takes the level Django logs a 5xx at, the request's parts as fields", () => {
    // vulhub/MetaDockers#5
    const { record, missing } = shipped('[01/Aug/2021 17:21:00] "GET /index/ HTTP/1.1" 500 56\n');
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: '"GET /index/ HTTP/1.1" 500 56',
      name: 'web-fn',
      time: '01/Aug/2021 17:21:00',
      request_method: 'GET',
      request_uri: '/index/',
      server_protocol: 'HTTP/1.1',
      status: 500,
      body_bytes_sent: 56,
      log_format: 'django-runserver',
    });
    expect(missing).toEqual([]);
  });

  it('is WARNING for a 4xx, INFO for the rest, and keeps other server lines whole', () => {
    const cases: [string, string][] = [
      // microsoft/vscode-docs#5755
      ['[02/Nov/2022 00:45:09] "GET /favicon.ico HTTP/1.1" 404 2115\n', 'WARNING'],
      ['[01/Jan/2024 12:00:00] "GET /static/app.css HTTP/1.1" 304 0\n', 'INFO'],
      ["[01/Jan/2024 12:00:00] code 400, message Bad request version ('\\x00\\x00')\n", 'INFO'],
      [
        "[01/Jan/2024 12:00:00] You're accessing the development server over HTTPS, but it only supports HTTP.\n",
        'ERROR',
      ],
    ];
    for (const [line, levelname] of cases) {
      const { record, missing } = shipped(line);
      expect(record).toMatchObject({
        levelname,
        log_format: 'django-runserver',
        message: line.slice(23, -1),
      });
      expect(missing).toEqual([]);
    }
  });

  it('leaves Werkzeug\'s and http.server\'s `host - - [time] "…"` to the access log', () => {
    // shoaib-fixes/webpagestatuscheck_flask#1
    const { record, missing } = shipped(
      '127.0.0.1 - - [16/Mar/2022 12:56:45] "GET /favicon.ico HTTP/1.1" 404 -\n',
    );
    expect(record).toMatchObject({ levelname: 'WARNING', log_format: 'access-log', status: 404 });
    expect(missing).toEqual([]);
  });
});
