import { messageText, stripAnsi, without, withMessageObject } from '../fields.js';
import type { JsonFormat, ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { splitStack } from './stacks.js';

/**
 * NestJS' built-in `ConsoleLogger` (nestjs/nest packages/common/services/console-logger.service.ts,
 * `formatPid` and `formatMessage`): `[Nest] 19096  - 11/01/2023, 10:47:57 AM     LOG [NestFactory] Starting Nest application...`:
 * the prefix in brackets (`Nest` unless the `prefix` option changes it), the pid, two spaces and
 * `- `, the time as `Intl.DateTimeFormat` writes it in the process' locale (or an override's
 * `getTimestamp()`), the level upper-cased and right-aligned to seven (`LOG`, `ERROR`, `WARN`,
 * `DEBUG`, `VERBOSE`, `FATAL`), the context in brackets when there is one, the message, and with
 * the `timestamp` option ` +5ms` since the line before. Coloured by default (`NO_COLOR` turns it
 * off, not the lack of a terminal), so the codes are stripped first. `error()` writes the stack on
 * its own after the line; when it comes in the same event it is the exc_info.
 *
 * Read: the level (`LOG` is INFO and is kept as `level`, having no level word of its own), the
 * context as the name, `prefix`, `pid`, `time` as written and `timestamp_diff` as fields.
 *
 * Nest ≤ 7's `Logger` (packages/common/services/logger.service.ts, `printMessage`) wrote no level
 * word: `[Nest] 2562650   - 19/04/2021, 19:11:42   [NestFactory] Starting Nest application... +68ms`,
 * three spaces after the pid and after the time (`toLocaleString` with the same options), the level
 * only the colour of the `[Nest] pid   - ` part (cli-color's green log, red error, yellow warn,
 * magentaBright debug, cyanBright verbose). That colour is the level; uncoloured it is INFO.
 *
 * Nest 11's `ConsoleLogger({ json: true })` (`printAsJson`) writes `{ level, pid, timestamp,
 * message, context?, stack? }`: 11.0's with `util.inspect` (compact, no colours by default:
 * `{ level: 'log', pid: 8, timestamp: 1698835677081, message: 'Starting…', context: 'NestFactory' }`),
 * later 11.x with `JSON.stringify` unless `colors` is set (nestjsJson below). Read: `level` (`log`
 * INFO), the message (a string unquoted when it holds no escape, else as inspect wrote it),
 * `context` as the name; `level`, `context`, `pid`, `timestamp` kept (their keys are words of the
 * line); `stack` as exc_info, kept as inspect escaped it too, as Log4j 2's JSON `thrown` is.
 */

const LEVELS: Readonly<Record<string, LevelName>> = {
  LOG: 'INFO',
  ERROR: 'ERROR',
  WARN: 'WARNING',
  DEBUG: 'DEBUG',
  VERBOSE: 'DEBUG',
  FATAL: 'CRITICAL',
};
// Up to the level: the prefix, the pid, a time of any locale (or override) and the padded level.
const HEAD = /\[([^\]\s]{1,64})\] (\d{1,10}) {2}- (\S.{0,62}?) +(LOG|ERROR|WARN|DEBUG|VERBOSE|FATAL) /y;
const CONTEXT = /\[([^\]\n]{1,256})\] /y;
const TIMESTAMP_DIFF = / \+(\d{1,12})ms$/;
// Nest ≤ 7: the prefix, the pid, three spaces, the time, three spaces.
const V7_HEAD = /\[([^\]\s]{1,64})\] (\d{1,10}) {3}- (\S.{0,62}?) {3}(?! )/y;
// The colour of v7's `[Nest] pid   - `: cli-color's codes, by the method that printed it.
const V7_COLOURS: Readonly<Record<string, LevelName>> = {
  '\u001b[32m': 'INFO',
  '\u001b[31m': 'ERROR',
  '\u001b[33m': 'WARNING',
  '\u001b[95m': 'DEBUG',
  '\u001b[96m': 'DEBUG',
};
const JSON_LEVELS: Readonly<Record<string, LevelName>> = {
  log: 'INFO',
  error: 'ERROR',
  warn: 'WARNING',
  debug: 'DEBUG',
  verbose: 'DEBUG',
  fatal: 'CRITICAL',
};
// printAsJson's inspected object: the keys in the order it sets them.
const INSPECT_HEAD =
  /\{ level: '(log|error|warn|debug|verbose|fatal)', pid: (\d{1,10}), timestamp: (\d{1,16})((?:, [A-Za-z_$][\w$]{0,63}: '[^'\\\n]{0,256}')*), message: /y;
// A subclass' own string entries before `message` (`correlationId: '…'`, a `getJsonLogObject` override).
const EXTRA = /, ([A-Za-z_$][\w$]{0,63}): '([^'\\\n]{0,256})'/g;
const INSPECT_TAIL =
  /(?:, context: '((?:[^'\\\n]|\\.){1,256})')?(?:, stack: ('(?:[^'\\]|\\.)*'|undefined))? \}$/;
const SIMPLE_STRING = /^'[^'\\]*'$/;

/** ` +5ms` after the message (or its first line, when a stack followed), lifted into `fields`. */
function liftDiff(rest: string, fields: Record<string, unknown>): string {
  let text = rest;
  let diff = TIMESTAMP_DIFF.exec(text);
  if (diff !== null) {
    text = text.slice(0, diff.index);
  } else {
    const newline = text.indexOf('\n');
    diff = newline < 0 ? null : TIMESTAMP_DIFF.exec(text.slice(0, newline));
    if (diff !== null) text = text.slice(0, diff.index) + text.slice(newline);
  }
  if (diff !== null) fields.timestamp_diff = `+${diff[1]}ms`;
  return text;
}

/** Nest ≤ 7's line: no level word, the colour of its prefix the level. */
function parseV7(line: string, text: string): ParsedLine | undefined {
  V7_HEAD.lastIndex = 0;
  const head = V7_HEAD.exec(text);
  if (head === null) return undefined;
  const fields: Record<string, unknown> = { prefix: head[1], pid: Number(head[2]), time: head[3] };
  let start = V7_HEAD.lastIndex;
  CONTEXT.lastIndex = start;
  const context = CONTEXT.exec(text);
  if (context !== null) start = CONTEXT.lastIndex;
  const rest = liftDiff(text.slice(start).trimEnd(), fields);
  const { message, exc_info } = splitStack(rest);
  const levelname = line.charCodeAt(0) === 0x1b ? V7_COLOURS[line.slice(0, 5)] : undefined;
  return { message, levelname: levelname ?? 'INFO', name: context?.[1], exc_info, fields };
}

/** A string `util.inspect` quoted with `\n` its only escape, as the text it shows. */
function unquote(literal: string): string | undefined {
  if (SIMPLE_STRING.test(literal)) return literal.slice(1, -1);
  const body = literal.slice(1, -1);
  return /\\[^n]/.test(body) || body.includes("'") ? undefined : body.replaceAll('\\n', '\n');
}

/** Nest 11's `json: true` object as `util.inspect` prints it. */
function parseInspected(text: string): ParsedLine | undefined {
  INSPECT_HEAD.lastIndex = 0;
  const head = INSPECT_HEAD.exec(text);
  if (head === null) return undefined;
  const rest = text.slice(INSPECT_HEAD.lastIndex).trimEnd();
  const tail = INSPECT_TAIL.exec(rest);
  if (tail === null) return undefined;
  const spelling = head[1] as string;
  // `level` stays: its key is a word of the line (the text is no JSON, whose keys a record re-homes).
  const fields: Record<string, unknown> = {
    level: spelling,
    pid: Number(head[2]),
    timestamp: Number(head[3]),
  };
  for (const extra of (head[4] as string).matchAll(EXTRA)) fields[extra[1] as string] ??= extra[2];
  const inspected = rest.slice(0, tail.index);
  const message = unquote(inspected) ?? inspected;
  const context = tail[1];
  if (context !== undefined) fields.context = context;
  let exc_info: string | undefined;
  const stack = tail[2];
  if (stack !== undefined) {
    // Kept as inspect escaped it (`\n`), the exc_info with its line breaks.
    fields.stack = stack === 'undefined' ? stack : stack.slice(1, -1);
    if (stack !== 'undefined') exc_info = unquote(stack);
  }
  return { message, levelname: JSON_LEVELS[spelling], name: context, exc_info, fields };
}

export const nestjs: TextFormat = {
  name: 'nestjs',
  parse(line): ParsedLine | undefined {
    const first = line.charCodeAt(0);
    if (first === 0x7b /* { */) {
      if (!line.startsWith('{ level: ')) return undefined;
      return parseInspected(line.includes('\u001b') ? stripAnsi(line) : line);
    }
    if (first !== 0x5b /* [ */ && first !== 0x1b /* ESC */) return undefined;
    const text = first === 0x1b ? stripAnsi(line) : line;
    HEAD.lastIndex = 0;
    const head = HEAD.exec(text);
    if (head === null) return parseV7(line, text);
    const spelling = head[4] as string;
    const fields: Record<string, unknown> = { prefix: head[1], pid: Number(head[2]), time: head[3] };
    if (spelling === 'LOG') fields.level = spelling;
    let start = HEAD.lastIndex;
    CONTEXT.lastIndex = start;
    const context = CONTEXT.exec(text);
    if (context !== null) start = CONTEXT.lastIndex;
    // ` +5ms` follows the message (an object's inspected lines included), so it ends the event,
    // or its first line when the stack `error()` writes after the line came with it.
    const rest = liftDiff(text.slice(start).trimEnd(), fields);
    const { message, exc_info } = splitStack(rest);
    return { message, levelname: LEVELS[spelling], name: context?.[1], exc_info, fields };
  },
};

/**
 * Nest 11's `ConsoleLogger({ json: true })` after 11.0 (`printAsJson`: `JSON.stringify` when
 * `colors` is off and `compact` is true, its defaults with `json`):
 * `{"level":"log","pid":8,"timestamp":1698835677081,"message":"…","context":"NestFactory"}`, and
 * `"stack"` after `error()` given one. Told by its keys: `level` one of Nest's six methods, a
 * numeric `pid` and `timestamp`, a `message` (winston writes no numeric `pid` and `timestamp`; Nest 12's
 * structured params and a subclass' own keys, `correlationId`, follow as fields). `context` is the name, `stack` the exc_info; `log`
 * (no level word) is INFO and stays as `level`.
 */
export const nestjsJson: JsonFormat = {
  name: 'nestjs-json',
  parse(object): ParsedLine | undefined {
    const { level, pid, timestamp, context, stack } = object;
    if (typeof level !== 'string' || typeof pid !== 'number' || typeof timestamp !== 'number')
      return undefined;
    const levelname = JSON_LEVELS[level];
    if (levelname === undefined || !('message' in object)) return undefined;
    const consumed = ['message'];
    if (level !== 'log') consumed.push('level');
    const name = typeof context === 'string' && context !== '' ? context : undefined;
    if (name !== undefined) consumed.push('context');
    const exc_info = typeof stack === 'string' && stack !== '' ? stack.trimEnd() : undefined;
    if (exc_info !== undefined) consumed.push('stack');
    return {
      message: messageText(object.message),
      levelname,
      name,
      exc_info,
      fields: withMessageObject(without(object, consumed), object.message),
    };
  },
};
