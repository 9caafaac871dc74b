import { levelSpellings } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { dateTimeEnd } from './scan.js';

/**
 * nginx's error log (stderr in the official image, so what its container writes through
 * `awslogs`): `YYYY/MM/DD HH:MM:SS [level] pid#tid: *connection message` →
 * `2024/01/01 00:00:00 [error] 7#7: *1 open() "/usr/share/nginx/html/x" failed (2: No such file
 * or directory), client: 172.17.0.1, server: localhost, request: "GET /x HTTP/1.1", host: "x"`.
 * The process and thread ids and the connection number become `pid`, `tid` (numbers; `process`
 * keeps `pid#tid` as written) and `connection`; the
 * message is the rest, whole (its `client: …, server: …` context stays readable there). Levels:
 * debug, info/notice → INFO, warn → WARNING, error, crit/alert/emerg → CRITICAL.
 * While nginx starts (reading its configuration), a message at warn or worse is also written to
 * stderr as `nginx: [level] message`, with no time or pid: `nginx: [emerg] host not found in
 * upstream "app:8000" in /etc/nginx/conf.d/default.conf:2`, the line a container that fails to
 * start leaves; it is read with its level, the message after the bracket, `program` `nginx`. (`nginx: ` lines with
 * no level, `ngx_log_stderr`'s `configuration file … test is successful`, stay text.)
 * An uncaught PHP exception FPM sent nginx, when the event holds its lines, has its stack as
 * exc_info (`splitRelayedPhpStack`).
 * Checked against nginx src/core/ngx_log.c (`ngx_log_error_core`: time, `[level]`, `pid#tid: `,
 * `*connection `, the `nginx: [%V] ` copy to stderr) and `err_levels`.
 */

const NAME = 'nginx-error';
const LEVELS = levelSpellings(['debug', 'info', 'notice', 'warn', 'error', 'crit', 'alert', 'emerg']);

function digitsEnd(line: string, start: number): number {
  let i = start;
  while (i - start < 12 && line.charCodeAt(i) >= 0x30 && line.charCodeAt(i) <= 0x39) i++;
  return i === start ? -1 : i;
}

// `ngx_log_error_core` at start-up (`ngx_use_stderr`): warn and worse also go to stderr so.
const STDERR_HEAD = 'nginx: [';

/** `nginx: [emerg] host not found in upstream "app:8000" in /etc/nginx/conf.d/default.conf:2`. */
function parseStderr(line: string): ParsedLine | undefined {
  if (!line.startsWith(STDERR_HEAD)) return undefined;
  const close = line.indexOf('] ', STDERR_HEAD.length);
  if (close < 0 || close - STDERR_HEAD.length > 6) return undefined;
  const levelname = LEVELS.get(line.slice(STDERR_HEAD.length, close));
  // The program's name is kept, as the error log's pid is.
  return levelname === undefined
    ? undefined
    : { message: line.slice(close + 2), levelname, fields: { program: 'nginx' } };
}

export const nginxError: TextFormat = {
  name: NAME,
  parse(line) {
    const c = line.charCodeAt(0);
    if (c === 0x6e /* n */) return parseStderr(line);
    if (c < 0x30 || c > 0x39) return undefined;
    let i = dateTimeEnd(line, 0, true);
    if (i < 0 || !line.startsWith(' [', i)) return undefined;
    const close = line.indexOf('] ', i + 2);
    if (close < 0 || close - i > 8) return undefined;
    const levelname = LEVELS.get(line.slice(i + 2, close));
    if (levelname === undefined) return undefined;
    i = close + 2;
    const pidEnd = digitsEnd(line, i);
    if (pidEnd < 0 || line.charCodeAt(pidEnd) !== 0x23 /* # */) return undefined;
    const tidEnd = digitsEnd(line, pidEnd + 1);
    if (tidEnd < 0 || !line.startsWith(': ', tidEnd)) return undefined;
    const fields: Record<string, unknown> = {
      pid: Number(line.slice(i, pidEnd)),
      tid: Number(line.slice(pidEnd + 1, tidEnd)),
      process: line.slice(i, tidEnd),
    };
    i = tidEnd + 2;
    if (line.charCodeAt(i) === 0x2a /* * */) {
      const connectionEnd = digitsEnd(line, i + 1);
      if (connectionEnd > 0 && line.charCodeAt(connectionEnd) === 0x20) {
        fields.connection = Number(line.slice(i + 1, connectionEnd));
        i = connectionEnd + 1;
      }
    }
    const message = line.slice(i);
    // One event a message only when the group's lines are joined (awslogs-datetime-format,
    // the CloudWatch agent's multi_line_start_pattern): most lines have no line break.
    return message.includes('\n')
      ? { ...splitRelayedPhpStack(message), levelname, fields }
      : { message, levelname, fields };
  },
};

const PHP_MESSAGE = 'PHP message: ';

/**
 * `FastCGI sent in stderr: "PHP message: PHP Fatal error:  Uncaught Exception: boom in /app/index.php:3`,
 * `Stack trace:`, `#0 {main}`, `  thrown in /app/index.php on line 3" while reading response header
 * from upstream, client: …`: PHP-FPM's uncaught-exception report relayed by nginx inside its quotes
 * (ngx_http_fastcgi_module.c `FastCGI sent in stderr: "%*s"`). The report (from its `PHP ` to the
 * closing quote) is exc_info, as phpStack.ts reads it; the message is its first line and nginx's
 * context after the quote. Any other message keeps its line breaks, whole.
 */
function splitRelayedPhpStack(message: string): { message: string; exc_info?: string } {
  const nl = message.indexOf('\n');
  const head = message.lastIndexOf(PHP_MESSAGE, nl);
  if (head < 0 || !message.startsWith('Stack trace:\n#', nl + 1)) return { message };
  const quote = message.indexOf('"', message.lastIndexOf('\n') + 1);
  const end = quote < 0 ? message.length : quote;
  return {
    message: message.slice(0, nl) + message.slice(end),
    exc_info: message.slice(head + PHP_MESSAGE.length, end),
  };
}
