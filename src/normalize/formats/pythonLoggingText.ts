import { levelSpellings } from '../levels.js';
import type { LevelName } from '../record.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { nameColumn, isLoggerName, isQualifiedLoggerName } from './pythonNameColumn.js';
import { dateTimeEnd, matchShape, skipSpaces, timeEnd as clockEnd } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * Python `logging` text:
 * - `%(asctime)s %(name)s %(levelname)s %(message)s` → `2020-05-11 12:44:44,123 app INFO msg`
 *   (asctime's default is `%Y-%m-%d %H:%M:%S,mmm`), also with ` - ` between the fields (the
 *   logging cookbook's `%(asctime)s - %(name)s - %(levelname)s - %(message)s`) or ` | `, and
 *   without the name (`%(asctime)s %(levelname)s %(message)s`), or with it in brackets after the
 *   level (`%(asctime)s %(levelname)s [%(name)s] %(message)s`);
 * - `%(asctime)s [%(levelname)s] %(name)s: %(message)s` → `2023-11-01 10:47:57,081 [ERROR] app: msg`,
 *   the time also in brackets, the name only when a logger name and `: ` follow the level;
 * - `logging.basicConfig()`'s default `%(levelname)s:%(name)s:%(message)s` → `INFO:root:msg`;
 * - uvicorn's default `%(levelprefix)s %(message)s`, the level and its colon padded to nine
 *   characters: `INFO:     Started server process [1]` (encode/uvicorn uvicorn/logging.py,
 *   `ColourizedFormatter.formatMessage`);
 * - Flask's default handler, `[%(asctime)s] %(levelname)s in %(module)s: %(message)s` →
 *   `[2023-11-01 10:47:57,081] ERROR in app: Exception on / [GET]` (pallets/flask
 *   src/flask/logging.py `default_handler`): the module is no logger's name; it stays a field,
 *   `in`, as the line says it (`"in": "app"`), so that no word of the line is lost.
 * - `%(asctime)s [%(levelname)s] %(name)s: %(message)s` with a `datefmt` (no `,mmm`), a dotted
 *   name only ({@link parseBracketedNamed}); pytest's default `log_format` ({@link parsePytest});
 *   the name first, `%(name)s - %(levelname)s - %(message)s` and the logging cookbook's
 *   `%(name)-12s: %(levelname)-8s %(message)s` ({@link parseNameFirst}).
 * `logger.exception` appends the traceback after `\n` in the same record: it moves to exc_info.
 * Checked against CPython Lib/logging/__init__.py (`BASIC_FORMAT`, `Formatter.default_time_format`,
 * `default_msec_format`, `Formatter.format` appending `formatException`).
 */

const NAME = 'python-logging';

const LEVELS = levelSpellings(['DEBUG', 'INFO', 'WARNING', 'WARN', 'ERROR', 'CRITICAL', 'FATAL']);

// `%m-%d %H:%M`: `10-22 22:19`.
const MONTH_DAY_CLOCK = 'dd-dd dd:dd'.length;

// Longest logger name taken from a line; dotted module paths are well below this.
const MAX_NAME = 200;

function result(level: LevelName, name: string | undefined, body: string): ParsedLine {
  // `%(levelname)-8s` pads the level with spaces: they are no part of the message.
  let start = 0;
  while (body.charCodeAt(start) === 0x20) start++;
  // `[name] `, when the caller read the name from it (bracketedName).
  if (name !== undefined && body.startsWith(`[${name}] `, start)) start += name.length + 3;
  const { message, exc_info } = splitStack(start === 0 ? body : body.slice(start));
  return { message, levelname: level, name, exc_info };
}

/** `INFO:botocore.credentials:Found credentials in environment variables.` */
function parseBasic(line: string): ParsedLine | undefined {
  const first = line.indexOf(':');
  if (first < 4 || first > 8) return undefined;
  const level = LEVELS.get(line.slice(0, first));
  if (level === undefined) return undefined;
  // uvicorn's `%(levelprefix)s %(message)s`: `INFO:     Started server process [1]`.
  if (line.charCodeAt(first + 1) === 0x20) {
    return result(level, undefined, line.slice(first + 1).trimStart());
  }
  const second = line.indexOf(':', first + 1);
  if (second < 0 || second - first > MAX_NAME) return undefined;
  const name = line.slice(first + 1, second);
  if (name === '' || name.includes(' ')) return undefined;
  return result(level, name, line.slice(second + 1));
}

/** Reads one field of the asctime form: a word followed by `separator` (` `, ` - `, ` | `). */
function field(line: string, start: number, separator: string): [string, number] | undefined {
  const end = line.indexOf(separator, start);
  if (end < 0 || end - start > MAX_NAME) return undefined;
  const word = line.slice(start, end);
  if (word === '' || word.includes(' ')) return undefined;
  return [word, end + separator.length];
}

/** ` - ` or ` | ` when the fields are separated by one, else a space. */
function separatorAt(line: string, i: number): string {
  if (line.startsWith(' - ', i)) return ' - ';
  return line.startsWith(' | ', i) ? ' | ' : ' ';
}

/**
 * `%(asctime)s %(levelname)s [%(name)s] %(message)s` (also `%(levelname)-8s`): the logger's name
 * in brackets after the level, at `start`, when it is a logger name.
 */
function bracketedName(line: string, start: number): string | undefined {
  let i = start;
  while (line.charCodeAt(i) === 0x20) i++;
  if (line.charCodeAt(i) !== 0x5b /* [ */) return undefined;
  const close = line.slice(i + 1, i + MAX_NAME + 2).indexOf('] ');
  const name = close > 0 ? line.slice(i + 1, i + 1 + close) : '';
  return isLoggerName(name) ? name : undefined;
}

function parseWithTime(line: string): ParsedLine | undefined {
  const timeEnd = dateTimeEnd(line, 0);
  if (timeEnd < 0) {
    // A `datefmt='%H:%M:%S'` time alone: only in the full `name LEVEL` shape, as other datefmts.
    const clock = clockEnd(line, 0);
    if (clock >= 0) return parseNamed(line, clock) ?? parseBracketedNamed(line, clock);
    // The cookbook's file handler ("Logging to multiple destinations"), `datefmt='%m-%d %H:%M'`:
    // `10-22 22:19 myapp.area1  DEBUG    msg`, in the full `name LEVEL` shape only; the time has
    // no year and no seconds, so it is kept as written.
    if (!matchShape(line, 0, 'dd-dd dd:dd ')) return undefined;
    const named = parseNamed(line, MONTH_DAY_CLOCK);
    if (named !== undefined) named.fields = { time: line.slice(0, MONTH_DAY_CLOCK) };
    return named;
  }
  // Python's own asctime has a comma before the milliseconds. Another time (a `datefmt` such as
  // `%Y-%m-%dT%H:%M:%S%z`) is taken only in the full `name LEVEL` shape, or `[LEVEL] name: ` with
  // a name no free text has, ISO-like times with a level first belonging to other loggers.
  if (line.charCodeAt(19) !== 0x2c /* , */)
    return parseNamed(line, timeEnd) ?? parseBracketedNamed(line, timeEnd);
  if (line.charCodeAt(timeEnd) !== 0x20) return undefined;
  // `%(asctime)s [%(levelname)s] %(name)s: %(message)s`.
  if (line.charCodeAt(timeEnd + 1) === 0x5b /* [ */) return parseBracketed(line, timeEnd + 1);
  const separator = separatorAt(line, timeEnd);
  let i = timeEnd + separator.length;
  const a = field(line, i, separator);
  if (a === undefined) return undefined;
  const levelA = LEVELS.get(a[0]);
  if (levelA !== undefined) {
    const bracketed = bracketedName(line, a[1]);
    // `%(levelname)-8s %(name)s - %(message)s`: the name in a column after the padded level.
    const column =
      bracketed === undefined && separator === ' ' && line.charCodeAt(a[1]) === 0x20
        ? nameColumn(line, skipSpaces(line, a[1]))
        : undefined;
    if (column !== undefined) return result(levelA, column[0], line.slice(column[1]));
    return result(levelA, bracketed, line.slice(a[1]));
  }
  // `%(name)-12s %(levelname)-8s`: the padding of the name's column.
  i = separator === ' ' ? skipSpaces(line, a[1]) : a[1];
  const b = field(line, i, separator);
  if (b === undefined) return undefined;
  const levelB = LEVELS.get(b[0]);
  if (levelB === undefined) return undefined;
  return result(levelB, a[0], line.slice(b[1]));
}

/**
 * `<time> name LEVEL message` for an asctime with a custom `datefmt`, the fields also between
 * ` - ` or ` | ` (the cookbook's layout with `datefmt='%Y-%m-%d %H:%M:%S'`).
 */
function parseNamed(line: string, timeEnd: number): ParsedLine | undefined {
  if (line.charCodeAt(timeEnd) !== 0x20) return undefined;
  const separator = separatorAt(line, timeEnd);
  const a = field(line, timeEnd + separator.length, separator);
  if (a === undefined || LEVELS.has(a[0])) return undefined;
  const b = field(line, separator === ' ' ? skipSpaces(line, a[1]) : a[1], separator);
  const level = b === undefined ? undefined : LEVELS.get(b[0]);
  if (b === undefined || level === undefined) return undefined;
  return result(level, a[0], line.slice(b[1]));
}

/**
 * `[%(levelname)s] %(name)s: %(message)s` at `start` (after the time): the level, and the name when
 * the next word is a logger name ending in `:`. With `qualified`, only a name no free text has
 * ({@link isQualifiedLoggerName}) and only with one: another line is no Python line of this shape.
 */
function parseBracketed(line: string, start: number, qualified = false): ParsedLine | undefined {
  const close = line.slice(start, start + 'CRITICAL] '.length + 1).indexOf('] ');
  if (close < 0 || line.charCodeAt(start) !== 0x5b /* [ */) return undefined;
  const level = LEVELS.get(line.slice(start + 1, start + close));
  if (level === undefined) return undefined;
  const body = start + close + 2;
  const colon = line.slice(body, body + MAX_NAME + 2).indexOf(': ');
  const name = colon > 0 ? line.slice(body, body + colon) : '';
  if (qualified ? isQualifiedLoggerName(name) : isLoggerName(name))
    return result(level, name, line.slice(body + colon + 2));
  return qualified ? undefined : result(level, undefined, line.slice(body));
}

/**
 * `%(asctime)s [%(levelname)s] %(name)s: %(message)s` with a `datefmt` (`%Y-%m-%d %H:%M:%S`,
 * `%H:%M:%S`): `2023-11-01 10:47:57 [INFO] gunicorn.error: Booting worker with pid: 8`, after the
 * time that ends at `timeEnd`. Only with a dotted name, `root` or `__main__`: a bare word before
 * a colon (`[ERROR] Error: …`) is the message's, and the line is `bracket-level`'s.
 */
function parseBracketedNamed(line: string, timeEnd: number): ParsedLine | undefined {
  if (line.charCodeAt(timeEnd) !== 0x20 || line.charCodeAt(timeEnd + 1) !== 0x5b /* [ */) return undefined;
  return parseBracketed(line, timeEnd + 1, true);
}

// Longest `%(module)s` taken from a Flask line; module names are far shorter.
const MAX_MODULE = 128;

/** Flask's `[2023-11-01 10:47:57,081] ERROR in app: message`. */
function parseFlask(line: string): ParsedLine | undefined {
  let timeEnd = dateTimeEnd(line, 1);
  if (timeEnd < 0) return undefined;
  if (line.charCodeAt(20) !== 0x2c /* , */) {
    // Another bracketed time (log4js's `[2017-03-30T07:57:00.113] [ERROR] cheese - …`) is
    // Python's only as a `datefmt` (gunicorn's `[%Y-%m-%d %H:%M:%S %z]`, its offset after a space)
    // before `[LEVEL] dotted.name: `, as without brackets (parseBracketedNamed).
    const sign = line.charCodeAt(timeEnd + 1);
    if (line.charCodeAt(timeEnd) === 0x20 && (sign === 0x2b || sign === 0x2d)) timeEnd += 6;
    return line.startsWith('] [', timeEnd) ? parseBracketed(line, timeEnd + 2, true) : undefined;
  }
  // Python's own asctime, its comma before the milliseconds.
  if (!line.startsWith('] ', timeEnd)) return undefined;
  const levelStart = timeEnd + 2;
  // `[%(asctime)s] [%(levelname)s] %(name)s: %(message)s`.
  if (line.charCodeAt(levelStart) === 0x5b /* [ */) return parseBracketed(line, levelStart);
  // `CRITICAL in ` is the longest head before the module.
  const inAt = line.slice(levelStart, levelStart + 'CRITICAL in '.length).indexOf(' in ');
  if (inAt < 0) return undefined;
  const level = LEVELS.get(line.slice(levelStart, levelStart + inAt));
  if (level === undefined) return undefined;
  const moduleStart = levelStart + inAt + 4;
  const colon = line.slice(moduleStart, moduleStart + MAX_MODULE + 2).indexOf(': ');
  if (colon <= 0) return undefined;
  const module = line.slice(moduleStart, moduleStart + colon);
  if (module.includes(' ')) return undefined;
  const parsed = result(level, undefined, line.slice(moduleStart + colon + 2));
  parsed.fields = { in: module };
  return parsed;
}

/** `%(levelname)-8s ` and the separator after it: the column the message or the name starts in. */
const LEVEL_COLUMN = 9;

/** `name:filename:lineno ` (one space or the end after it), sticky at the end of the level column. */
const PYTEST_LOCATION = /([^\s:]+):([^\s:]+):(\d{1,9})(?: |$)/y;

/**
 * pytest's logging plugin, its `log_format` default `%(levelname)-8s %(name)s:%(filename)s:%(lineno)d
 * %(message)s` (captured logs, `log_cli`, `log_file`): `WARNING  root:app.py:12 disk almost full`.
 * The name is the logger's, the file and line kept as `file` and `line` (as log4jFileLine.ts
 * names a caller's). Checked against pytest-dev/pytest src/_pytest/logging.py
 * (`DEFAULT_LOG_FORMAT`) and the lines of its testing/logging/test_reporting.py.
 */
function parsePytest(line: string): ParsedLine | undefined {
  const space = line.indexOf(' ');
  if (space < 4 || space > 8) return undefined;
  const level = LEVELS.get(line.slice(0, space));
  if (level === undefined) return undefined;
  const start = skipSpaces(line, space);
  if (start < LEVEL_COLUMN) return undefined;
  PYTEST_LOCATION.lastIndex = start;
  const location = PYTEST_LOCATION.exec(line);
  if (location === null) return undefined;
  const [, name, file, lineno] = location;
  const parsed = result(level, name, line.slice(PYTEST_LOCATION.lastIndex));
  parsed.fields = { file, line: Number(lineno) };
  return parsed;
}

/**
 * The logger name first, no time:
 * - `%(name)s - %(levelname)s - %(message)s` → `app.db - ERROR - query failed` (a handler's
 *   formatter in the `logging` tutorials; `%(name)-12s` and `%(levelname)-8s` padding too);
 * - the logging cookbook's console layout `%(name)-12s: %(levelname)-8s %(message)s` →
 *   `myapp.area1 : INFO     Jackdaws love my big sphinx of quartz.` ("Logging to multiple
 *   destinations"), the level padded to its column.
 * The name is a logger name ({@link isLoggerName}), the level one of Python's, between ` - ` or in
 * its padded column: free text (`Note: INFO is on`) has neither.
 */
function parseNameFirst(line: string): ParsedLine | undefined {
  const space = line.indexOf(' ');
  if (space <= 0 || space > MAX_NAME + 1) return undefined;
  // `%(name)-12s: ` with a name of twelve characters or more: the colon right after it.
  const glued = line.charCodeAt(space - 1) === 0x3a; /* : */
  const name = line.slice(0, glued ? space - 1 : space);
  if (!isLoggerName(name)) return undefined;
  let i = glued ? space + 1 : skipSpaces(line, space);
  const dashed = !glued && line.startsWith('- ', i);
  if (!dashed && !glued) {
    if (!line.startsWith(': ', i)) return undefined;
    i += 2;
  } else if (dashed) i += 2;
  const levelEnd = line.indexOf(' ', i);
  if (levelEnd < 0) return undefined;
  const level = LEVELS.get(line.slice(i, levelEnd));
  if (level === undefined) return undefined;
  const pad = skipSpaces(line, levelEnd);
  if (dashed) {
    // `ERROR - msg`, `ERROR    - msg`.
    if (!line.startsWith('- ', pad)) return undefined;
    return result(level, name, line.slice(pad + 2));
  }
  // `%(levelname)-8s %(message)s`: the message starts after the level's padded column.
  if (pad - i < LEVEL_COLUMN) return undefined;
  return result(level, name, line.slice(pad));
}

function isLower(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || c === 0x5f; /* _ */
}

export const pythonLoggingText: TextFormat = {
  name: NAME,
  parse(line) {
    const c = line.charCodeAt(0);
    if (c === 0x5b /* [ */) return parseFlask(line);
    if (c >= 0x30 && c <= 0x39) return parseWithTime(line);
    if (c >= 0x41 && c <= 0x5a) return parseBasic(line) ?? parsePytest(line) ?? parseNameFirst(line);
    return isLower(c) ? parseNameFirst(line) : undefined;
  },
};
