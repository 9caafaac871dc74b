import type { LevelName } from '../record.js';
import type { TextFormat } from '../logFormat.js';
import { isDigit } from './scan.js';

/**
 * The NCSA access log line web servers write, as nginx's `combined` format
 * (`$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent
 * "$http_referer" "$http_user_agent"`), the official nginx image's `main` (the same plus
 * `"$http_x_forwarded_for"`), Apache's common/combined, and gunicorn's default
 * `access_log_format` (`%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"`).
 * The message is the line as written (it is what an operator reads); its parts are also fields
 * under nginx's variable names, `status` and `body_bytes_sent` as numbers. The level follows the
 * status, as a Kibana user filters an access log: 5xx → ERROR, 4xx → WARNING, others INFO.
 * Checked against nginx's ngx_http_log_module documentation (`log_format combined`),
 * docker-library/nginx's nginx.conf (`log_format main`) and benoitc/gunicorn
 * gunicorn/config.py (`AccessLogFormat`).
 */

const NAME = 'access-log';
// Longest host / ident / user token and bracketed time read; real ones are far shorter.
const MAX_TOKEN = 256;
const MAX_TIME = 64;

/** The parts of `host ident user [time] "request" status bytes`, and where the rest starts. */
export interface CommonLogParts {
  host: string;
  ident: string;
  user: string;
  time: string;
  request: string;
  status: number;
  bytes: string;
  rest: number;
}

/** The index of the space ending the token at `start` (at most {@link MAX_TOKEN} long), or -1. */
function tokenEnd(line: string, start: number): number {
  const limit = Math.min(line.length, start + MAX_TOKEN);
  for (let i = start; i < limit; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x20) return i === start ? -1 : i;
    if (c === 0x09 || c === 0x0a || c === 0x0d) return -1;
  }
  return -1;
}

/**
 * Reads the common log format's head (`host ident user [time] "request" status bytes`) at the
 * start of `line`, or `undefined`. `[time]` may be followed directly by the quote (API Gateway's
 * CLF example has no space there). Each step is one bounded `indexOf`: linear.
 */
export function commonLogParts(line: string): CommonLogParts | undefined {
  // Positions first, strings only once the line has the shape: most lines are rejected here.
  const hostEnd = tokenEnd(line, 0);
  if (hostEnd < 0) return undefined;
  const identEnd = tokenEnd(line, hostEnd + 1);
  if (identEnd < 0) return undefined;
  const userEnd = tokenEnd(line, identEnd + 1);
  if (userEnd < 0 || line.charCodeAt(userEnd + 1) !== 0x5b /* [ */) return undefined;
  const open = userEnd + 1;
  const close = line.indexOf(']', open);
  if (close < 0 || close - open > MAX_TIME) return undefined;
  const time = line.slice(open + 1, close);
  // `10/Oct/2000:13:55:36 -0700`: a day, a slash, a month.
  if (!isDigit(time.charCodeAt(0)) || time.charCodeAt(2) !== 0x2f /* / */) return undefined;
  let i = close + 1;
  if (line.charCodeAt(i) === 0x20) i++;
  if (line.charCodeAt(i) !== 0x22 /* " */) return undefined;
  const quote = line.indexOf('"', i + 1);
  if (quote < 0) return undefined;
  const request = line.slice(i + 1, quote);
  i = quote + 1;
  if (line.charCodeAt(i) !== 0x20) return undefined;
  i++;
  if (!isDigit(line.charCodeAt(i)) || !isDigit(line.charCodeAt(i + 1)) || !isDigit(line.charCodeAt(i + 2)))
    return undefined;
  const status = Number(line.slice(i, i + 3));
  i += 3;
  if (line.charCodeAt(i) !== 0x20) return undefined;
  i++;
  let end = i;
  while (end < line.length && line.charCodeAt(end) !== 0x20) end++;
  const bytes = line.slice(i, end);
  if (bytes === '' || (bytes !== '-' && !/^\d+$/.test(bytes))) return undefined;
  return {
    host: line.slice(0, hostEnd),
    ident: line.slice(hostEnd + 1, identEnd),
    user: line.slice(identEnd + 1, userEnd),
    time,
    request,
    status,
    bytes,
    rest: end,
  };
}

/** 5xx → ERROR, 4xx → WARNING: what a reader of an access log filters on. */
export function statusLevel(status: number): LevelName | undefined {
  if (status >= 500) return 'ERROR';
  if (status >= 400) return 'WARNING';
  return undefined;
}

/** `GET /a?b HTTP/1.1` → its method, path and protocol (any of them may be missing). */
export function requestParts(
  request: string,
  fields: Record<string, unknown>,
  keys: readonly [string, string, string],
): void {
  const first = request.indexOf(' ');
  if (first < 0) return;
  fields[keys[0]] = request.slice(0, first);
  const second = request.indexOf(' ', first + 1);
  if (second < 0) {
    fields[keys[1]] = request.slice(first + 1);
    return;
  }
  fields[keys[1]] = request.slice(first + 1, second);
  fields[keys[2]] = request.slice(second + 1);
}

/** The quoted strings after the bytes: `"referer" "agent"`, and whatever follows them. */
function quoted(line: string, start: number): [string, number] | undefined {
  if (line.charCodeAt(start) !== 0x20 || line.charCodeAt(start + 1) !== 0x22) return undefined;
  const close = line.indexOf('"', start + 2);
  if (close < 0) return undefined;
  return [line.slice(start + 2, close), close + 1];
}

export const accessLog: TextFormat = {
  name: NAME,
  parse(line) {
    const c = line.charCodeAt(0);
    // An address or host name starts every access line.
    if (!isDigit(c) && !(c >= 0x61 && c <= 0x7a) && !(c >= 0x41 && c <= 0x5a) && c !== 0x3a /* : (IPv6) */)
      return undefined;
    const parts = commonLogParts(line);
    if (parts === undefined) return undefined;
    const fields: Record<string, unknown> = { remote_addr: parts.host };
    if (parts.ident !== '-') fields.remote_ident = parts.ident;
    if (parts.user !== '-') fields.remote_user = parts.user;
    fields.time_local = parts.time;
    fields.request = parts.request;
    requestParts(parts.request, fields, ['request_method', 'request_uri', 'server_protocol']);
    fields.status = parts.status;
    fields.body_bytes_sent = parts.bytes === '-' ? 0 : Number(parts.bytes);
    let i = parts.rest;
    const referer = quoted(line, i);
    if (referer !== undefined) {
      fields.http_referer = referer[0];
      i = referer[1];
      const agent = quoted(line, i);
      if (agent !== undefined) {
        fields.http_user_agent = agent[0];
        i = agent[1];
      }
    }
    const trailing = line.slice(i).trim();
    if (trailing !== '') fields.trailing = trailing;
    return { message: line, levelname: statusLevel(parts.status), fields };
  },
};
