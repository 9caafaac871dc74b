import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * uWSGI's request log (formats/uwsgi.ts; unbit/uwsgi core/logging.c `uwsgi_logit_simple`). Before,
 * a 500 was an INFO line of text.
 */
const shipped = (line: string) => shippedLine(line, 'web-fn');

describe('uWSGI request lines (uwsgi.ts)', () => {
  it('takes the level from the status, the request as fields, the line whole (DefectDojo#1039)', () => {
    const line =
      '[pid: 1|app: -1|req: -1/42] 172.16.200.4 () {42 vars in 749 bytes} [Thu Apr 11 20:03:53 2019] GET / => generated 21 bytes in 0 msecs (HTTP/1.1 500) 2 headers in 83 bytes (0 switches on core 0)';
    const { record, missing } = shipped(`${line}\n`);
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: line,
      name: 'web-fn',
      pid: 1,
      remote_addr: '172.16.200.4',
      request_method: 'GET',
      request_uri: '/',
      status: 500,
      log_format: 'uwsgi',
    });
    expect(missing).toEqual([]);
  });

  it('is INFO for a 2xx and WARNING for a 4xx', () => {
    const ok = shipped(
      '[pid: 7|app: 0|req: 3/9] 10.0.0.5 () {36 vars in 512 bytes} [Mon Jan  1 12:00:00 2024] GET /api/items?page=2 => generated 1234 bytes in 15 msecs (HTTP/1.1 200) 4 headers in 142 bytes (1 switches on core 0)\n',
    );
    expect(ok.record).toMatchObject({ levelname: 'INFO', request_uri: '/api/items?page=2', status: 200 });
    expect(ok.missing).toEqual([]);
    const notFound = shipped(
      '[pid: 7|app: 0|req: 4/10] 10.0.0.5 (alice) {36 vars in 512 bytes} [Mon Jan  1 12:00:01 2024] POST /login => generated 0 bytes in 3 msecs (HTTP/2.0 404) 2 headers in 80 bytes (1 switches on core 0)\n',
    );
    expect(notFound.record).toMatchObject({ levelname: 'WARNING', request_method: 'POST', status: 404 });
    expect(notFound.missing).toEqual([]);
  });
});
