import { stripAnsi } from '../fields.js';
import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { isAsciiLetter, isDigit } from './scan.js';

/**
 * structlog's `ConsoleRenderer`, its default (development) renderer:
 * `<timestamp> [<level>] <event padded to 30> [<logger>] key=value …`, e.g.
 * `2022-08-18 12:20:27 [warning  ] ADDING 2 + 3                   [log_test.add] lineno=13`.
 * The columns in order: `timestamp` (the default configuration's `TimeStamper` writes
 * `%Y-%m-%d %H:%M:%S`, `fmt="iso"` an ISO time; absent without a `TimeStamper`), the level in
 * brackets padded to the longest level name (`exception`, 9), the event padded to `pad_event`
 * (30), `[logger]` (`add_logger_name`), then every other key sorted as `key=value` (values as
 * `str`/`repr`, unquoted: they may hold spaces). Stack info and the exception (plain, Rich or
 * better-exceptions traceback) come after the line. With colours (a TTY, the default on Linux)
 * every column is wrapped in ANSI codes; only lines starting with ESC pay for the strip.
 * The time is the container's and is dropped for the event's; the level and logger are the
 * record's; the pairs are fields (string values, as rendered); what follows the line is exc_info.
 * Checked against hynek/structlog src/structlog/dev.py (`ConsoleRenderer.__call__`,
 * `LogLevelColumnFormatter`, `KeyValueColumnFormatter`, `_EVENT_WIDTH`, `plain_traceback`) and
 * src/structlog/_config.py (the default processors).
 */

const NAME = 'structlog-console';
const LEVELS = levelSpellings(['debug', 'info', 'warning', 'warn', 'error', 'critical']);
// The default level column's width: the longest default style's name, `exception` (`add_log_level`
// writes `log.exception()` as `error`).
const LEVEL_WIDTH = 9;
// `_EVENT_WIDTH`: the event is padded to it, so the logger and pairs start no earlier.
const EVENT_WIDTH = 30;
const MAX_TIMESTAMP = 40;

function isTimestampChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d /* - */ ||
    code === 0x3a /* : */ ||
    code === 0x2e /* . */ ||
    code === 0x2c /* , */ ||
    code === 0x2b /* + */ ||
    code === 0x2f /* / */ ||
    code === 0x20 ||
    code === 0x54 /* T */ ||
    code === 0x5a /* Z */
  );
}

function isKeyChar(code: number, first: boolean): boolean {
  return (
    isAsciiLetter(code) ||
    code === 0x5f /* _ */ ||
    (!first && (isDigit(code) || code === 0x2e /* . */ || code === 0x2d)) /* - */
  );
}

/** The end of a `key=` at `at` (the index of `=`), or -1. */
function keyEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && isKeyChar(text.charCodeAt(i), i === at)) i++;
  return i > at && text.charCodeAt(i) === 0x3d /* = */ ? i : -1;
}

/** Where the sorted `key=value` pairs start in `text` (after `from`), or -1. */
function pairsStart(text: string, from: number): number {
  for (let i = text.indexOf(' ', from); i >= 0; i = text.indexOf(' ', i + 1)) {
    if (keyEnd(text, i + 1) > 0) return i + 1;
  }
  return -1;
}

/** `key=value key2=value …` as fields: each pair runs to the next ` key=`. */
function pairs(text: string): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  let start = 0;
  while (start < text.length) {
    const eq = keyEnd(text, start);
    if (eq < 0) return undefined;
    const next = pairsStart(text, eq + 1);
    const key = text.slice(start, eq);
    if (Object.hasOwn(fields, key)) return undefined;
    fields[key] = text.slice(eq + 1, next < 0 ? text.length : next - 1);
    if (next < 0) break;
    start = next;
  }
  return fields;
}

/**
 * The `[logger]` column at or after `from`: a name in brackets followed by the end or the first
 * pair. Each `]` is looked up once and only the last ` [` before it is read: linear.
 */
function loggerColumn(text: string, from: number): { start: number; end: number } | undefined {
  let close = -1;
  for (let i = text.indexOf(' [', from); i >= 0;) {
    const next = text.indexOf(' [', i + 2);
    if (close < i + 2) close = text.indexOf(']', i + 2);
    if (close < 0) return undefined;
    if (next < 0 || next > close) {
      const name = text.slice(i + 2, close);
      // A logger's name, not a version or a count in brackets at the event's end (`[1.5.2]`).
      const named = name !== '' && !/\s|\[/.test(name) && isKeyChar(name.charCodeAt(0), true);
      const end = close + 1;
      if (named && (end === text.length || (text.charCodeAt(end) === 0x20 && keyEnd(text, end + 1) > 0)))
        return { start: i, end };
    }
    i = next;
  }
  return undefined;
}

function headLine(text: string): string {
  const nl = text.search(/\r|\n/);
  return nl < 0 ? text : text.slice(0, nl);
}

export const structlogConsole: TextFormat = {
  name: NAME,
  parse(raw) {
    const c = raw.charCodeAt(0);
    if (c !== 0x5b /* [ */ && c !== 0x1b && !isDigit(c)) return undefined;
    const line = c === 0x1b ? stripAnsi(raw) : raw;
    const open = line.indexOf(' [') + 1;
    // No timestamp column: the line starts with the level, padded to the default width.
    const bare = line.charCodeAt(0) === 0x5b;
    const levelOpen = bare ? 0 : open;
    if (!bare && (open <= 0 || open > MAX_TIMESTAMP)) return undefined;
    for (let i = 0; i < levelOpen; i++) if (!isTimestampChar(line.charCodeAt(i))) return undefined;
    const close = line.indexOf(']', levelOpen + 1);
    if (close < 0 || close - levelOpen - 1 > 16 || (bare && close !== LEVEL_WIDTH + 1)) return undefined;
    const levelname = LEVELS.get(line.slice(levelOpen + 1, close).trimEnd());
    if (levelname === undefined) return undefined;
    if (close + 1 < line.length && line.charCodeAt(close + 1) !== 0x20) return undefined;

    const body = line.slice(close + 2);
    const first = headLine(body);
    const after = body.slice(first.length).replace(/^(\r\n|\r|\n)/, '');
    // The event's padding ends it: a smaller `pad_event` than the default shows as two spaces.
    const padding = first.indexOf('  ');
    const from = Math.min(EVENT_WIDTH, first.length, padding < 0 ? first.length : padding);
    const logger = loggerColumn(first, from);
    const tailAt = logger === undefined ? pairsStart(first, from) : logger.end + 1;
    const eventEnd = logger?.start ?? (tailAt < 0 ? first.length : tailAt - 1);
    const event = first.slice(0, eventEnd).trimEnd();
    const tail = tailAt < 0 || tailAt >= first.length ? '' : first.slice(tailAt).trimEnd();
    const fields = tail === '' ? undefined : pairs(tail);
    // Pairs that do not read as `key=value`s stay in the message: nothing is lost.
    const message = fields === undefined && tail !== '' ? `${event} ${tail}` : event;
    // The renderer writes only the stack info and the exception after the line.
    const exc_info = after.trim() === '' ? undefined : after.trimEnd();
    const name = logger === undefined ? undefined : first.slice(logger.start + 2, logger.end - 1);
    return { message, levelname, name, exc_info, fields };
  },
};
