import type { TextFormat } from '../logFormat.js';
import { statusLevel } from './accessLog.js';
import { isDigit } from './scan.js';

/**
 * uWSGI's request log (stderr, so what a Python container serving through uWSGI writes through
 * `awslogs`), its default `log-format`:
 * `[pid: 1|app: 0|req: 1/42] 172.16.200.4 () {42 vars in 749 bytes} [Thu Apr 11 20:03:53 2019] GET / => generated 21 bytes in 0 msecs (HTTP/1.1 500) 2 headers in 83 bytes (0 switches on core 0)`.
 * The message is the line as written; the worker's `pid`, the client (`remote_addr`), the
 * request's method and URI and the status are fields; the level follows the status (5xx ERROR,
 * 4xx WARNING), as on any access log line.
 * Checked against unbit/uwsgi core/logging.c (`uwsgi_logit_simple`: `[pid: %d|app: %d|req: %d/%llu]
 * %.*s (%.*s) {%d vars in %d bytes} [%.*s] %.*s %.*s => generated …(%.*s %d)`); the line quoted
 * in DefectDojo/django-DefectDojo#1039.
 */

const NAME = 'uwsgi';
const HEAD = '[pid: ';
// The request's part: `] GET / => generated `.
const GENERATED = ' => generated ';

export const uwsgi: TextFormat = {
  name: NAME,
  parse(line) {
    if (!line.startsWith(HEAD)) return undefined;
    let i = HEAD.length;
    while (isDigit(line.charCodeAt(i)) && i < 16) i++;
    if (i === HEAD.length || line.charCodeAt(i) !== 0x7c /* | */) return undefined;
    const pid = Number(line.slice(HEAD.length, i));
    const headEnd = line.indexOf('] ', i);
    if (headEnd < 0 || headEnd - i > 64) return undefined;
    const addrEnd = line.indexOf(' (', headEnd + 2);
    if (addrEnd < 0 || addrEnd - headEnd > 64) return undefined;
    const generated = line.indexOf(GENERATED, addrEnd);
    if (generated < 0) return undefined;
    // `(HTTP/1.1 500)`: the protocol and the status.
    const proto = line.indexOf(' (HTTP/', generated);
    const close = proto < 0 ? -1 : line.indexOf(')', proto);
    if (close < 0) return undefined;
    const status = Number(line.slice(close - 3, close));
    if (!Number.isInteger(status) || line.charCodeAt(close - 4) !== 0x20) return undefined;
    const fields: Record<string, unknown> = { pid, remote_addr: line.slice(headEnd + 2, addrEnd) };
    // `[time] METHOD URI => generated`: the request after the last `] ` before it.
    const requestStart = line.lastIndexOf('] ', generated);
    const request = line.slice(requestStart + 2, generated);
    const space = request.indexOf(' ');
    if (space > 0) {
      fields.request_method = request.slice(0, space);
      fields.request_uri = request.slice(space + 1);
    }
    fields.status = status;
    return { message: line, levelname: statusLevel(status), fields };
  },
};
