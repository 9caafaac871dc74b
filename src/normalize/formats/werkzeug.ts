import type { TextFormat } from '../logFormat.js';
import { isDigit, isMonthAt, matchShape } from './scan.js';

/**
 * Werkzeug's development server (`flask run`, `app.run()`, often a container's command): what
 * it logs through `WSGIRequestHandler.log_error`, the refusal of a request it could not read,
 * `127.0.0.1 - - [01/Jan/2024 12:00:00] code 400, message Bad request version ('RTSP/1.0')`
 * (CPython's `BaseHTTPRequestHandler.send_error` calls `log_error("code %d, message %s", …)`;
 * Werkzeug's `log` writes `address - - [log_date_time_string] message` to its `werkzeug` logger
 * at the level its caller names, `error` here). The level is ERROR, as Werkzeug logs it; the
 * client's address (`remote_addr`), the time (`time_local`) and the status are fields; the
 * message is the text after the time. Its request lines (`… "GET / HTTP/1.1" 200 -`) are the
 * access log's.
 * Checked against pallets/werkzeug src/werkzeug/serving.py (`WSGIRequestHandler.log_error`,
 * `log`) and CPython Lib/http/server.py (`send_error`, `log_date_time_string`).
 */

const NAME = 'werkzeug';
// Longest client address taken (an IPv6 address is at most 45 characters).
const MAX_ADDRESS = 64;
const HEAD = ' - - [';
// `01/Jan/2024 12:00:00] code `
const TIME_LENGTH = 20;
const CODE = '] code ';

/** A hex digit or `:` (IPv4, IPv6), or the `<` of `<local>`. */
function isAddressStart(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46) || c === 0x3a || c === 0x3c;
}

export const werkzeug: TextFormat = {
  name: NAME,
  parse(line) {
    // The address has no space: the first one starts ` - - [`.
    if (!isAddressStart(line.charCodeAt(0))) return undefined;
    const head = line.indexOf(' ');
    if (head <= 0 || head > MAX_ADDRESS || !line.startsWith(HEAD, head)) return undefined;
    const t = head + HEAD.length;
    if (!matchShape(line, t, 'dd/') || !isMonthAt(line, t + 3) || !matchShape(line, t + 6, '/dddd dd:dd:dd'))
      return undefined;
    const codeAt = t + TIME_LENGTH;
    if (!line.startsWith(CODE, codeAt)) return undefined;
    const status = codeAt + CODE.length;
    if (!isDigit(line.charCodeAt(status)) || !line.startsWith(', message ', status + 3)) return undefined;
    const address = line.slice(0, head);
    return {
      message: line.slice(codeAt + 2),
      levelname: 'ERROR',
      fields: {
        remote_addr: address,
        time_local: line.slice(t, codeAt),
        status: Number(line.slice(status, status + 3)),
      },
    };
  },
};
