import { levelSpellings } from '../levels.js';
import { stripAnsi } from '../fields.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { requestParts, statusLevel } from './accessLog.js';
import { splitStack } from './stacks.js';

/**
 * uvicorn's default console logs (FastAPI / Starlette containers): `%(levelprefix)s %(message)s`,
 * the level and its colon padded to nine characters, so the message starts at column ten:
 * `INFO:     Started server process [1]`, `ERROR:    Exception in ASGI application` + its
 * traceback (to exc_info), and the access logger's `%(levelprefix)s %(client_addr)s -
 * "%(request_line)s" %(status_code)s` → `INFO:     127.0.0.1:1234 - "GET / HTTP/1.1" 200 OK`,
 * whose parts are also fields (`client_addr`, `request_line`, `method`, `path`,
 * `http_version`, `status_code`). The level is the line's own: uvicorn logs every request at INFO.
 * On a terminal (a container given a TTY: `docker run -t`, ECS `pseudoTerminal`) uvicorn colours
 * the level, the access line's request and status, and parts of some messages (`Started server
 * process [\x1b[36m1\x1b[0m]`): such a line starts with ESC and is read without its codes.
 * Checked against encode/uvicorn uvicorn/logging.py (`ColourizedFormatter`, `AccessFormatter`,
 * `use_colors` from `sys.stdout.isatty()`), uvicorn/server.py (`color_message`) and
 * uvicorn/config.py (`LOGGING_CONFIG`).
 */

const NAME = 'uvicorn';
const LEVELS = levelSpellings(['TRACE', 'DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL']);
// `levelname + ':'` padded with spaces to nine characters, then the format's own space.
const MESSAGE_COLUMN = 10;

function accessFields(message: string): Record<string, unknown> | undefined {
  const dash = message.indexOf(' - "');
  if (dash <= 0 || dash > 64) return undefined;
  const close = message.indexOf('" ', dash + 4);
  if (close < 0) return undefined;
  const status = message.slice(close + 2);
  const code = Number(status.slice(0, 3));
  if (!Number.isInteger(code) || status.length < 3) return undefined;
  const requestLine = message.slice(dash + 4, close);
  const fields: Record<string, unknown> = { client_addr: message.slice(0, dash), request_line: requestLine };
  requestParts(requestLine, fields, ['method', 'path', 'http_version']);
  fields.status_code = code;
  return fields;
}

export const uvicorn: TextFormat = {
  name: NAME,
  parse(line) {
    // Only a line that starts with a colour code pays for stripping them.
    return parseLevelPrefix(line.charCodeAt(0) === 0x1b ? stripAnsi(line) : line);
  },
};

/** The padded level prefix and what follows it, on a line without colour codes. */
function parseLevelPrefix(line: string): ParsedLine | undefined {
  const c = line.charCodeAt(0);
  if (c < 0x41 || c > 0x5a) return undefined;
  const colon = line.indexOf(':');
  if (colon < 4 || colon > 8 || line.length <= MESSAGE_COLUMN) return undefined;
  const levelname = LEVELS.get(line.slice(0, colon));
  if (levelname === undefined) return undefined;
  for (let i = colon + 1; i < MESSAGE_COLUMN; i++) if (line.charCodeAt(i) !== 0x20) return undefined;
  const { message, exc_info } = splitStack(line.slice(MESSAGE_COLUMN));
  return {
    message,
    levelname,
    exc_info,
    fields: exc_info === undefined ? accessFields(message) : undefined,
  };
}

/**
 * uvicorn's access line under gunicorn (`gunicorn -k uvicorn.workers.UvicornWorker
 * --access-logfile -`): `UvicornWorker` hands the `uvicorn.access` logger to gunicorn's access
 * handler, whose formatter is `%(message)s`, so the line is the bare message, `'%s - "%s %s
 * HTTP/%s" %d'` → `10.0.1.5:43210 - "GET /health HTTP/1.1" 200`: no level prefix and no status
 * phrase. Its parts are the fields of uvicorn's own access line; with no level written, the level
 * follows the status as on any access log line (5xx ERROR, 4xx WARNING).
 * Checked against encode/uvicorn uvicorn/workers.py (`UvicornWorker.__init__`),
 * uvicorn/protocols/http/h11_impl.py (`access_logger.info('%s - "%s %s HTTP/%s" %d', …)`) and
 * benoitc/gunicorn gunicorn/glogging.py (`access_fmt = "%(message)s"`).
 */
/** The index of the first space within `max` characters, or -1: a bounded look, never the whole line. */
export function firstSpace(line: string, max: number): number {
  const limit = Math.min(line.length, max + 1);
  for (let i = 0; i < limit; i++) if (line.charCodeAt(i) === 0x20) return i;
  return -1;
}

/** A digit, a hex letter or `:`: how an IPv4 or IPv6 address starts. */
export function isAddressStart(c: number): boolean {
  return (c >= 0x30 && c <= 0x3a) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

export const uvicornAccess: TextFormat = {
  name: 'uvicorn-access',
  parse(line) {
    if (!isAddressStart(line.charCodeAt(0))) return undefined;
    // `host:port - "`: the separator right after the address, its first space.
    const dash = firstSpace(line, 64);
    if (dash <= 0 || !line.startsWith(' - "', dash)) return undefined;
    // `%s:%d`: the client's host and port; a method before the path; the status and nothing after.
    if (!/:\d{1,5}$/.test(line.slice(0, dash))) return undefined;
    const fields = accessFields(line);
    if (fields?.path === undefined || !/^" \d{3}$/.test(line.slice(line.lastIndexOf('"')))) return undefined;
    return { message: line, levelname: statusLevel(fields.status_code as number), fields };
  },
};
