import { levelSpellings, SPEC_LEVEL_WORDS, toLevelName } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { nameColumn } from './pythonNameColumn.js';
import { dateTimeEnd, isDigit, timeEnd as clockEnd } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * A level in brackets at the head of an otherwise plain line: `[WARNING] disk almost full`,
 * `[CRITICAL] cannot reach the database`, `[error] bad payload` — what `print` / `console.log`
 * users write when they have no logger, and what the Lambda runtimes' own formats
 * (`[LEVEL]\t<time>\t<id>\t` of Python, `[LEVEL] ` of Java) leave when they do not claim the
 * line (Java's enum has no WARNING or CRITICAL). The level is the line's; the message is the rest,
 * a stack in it moves to exc_info. Tried after every runtime format, so their lines stay theirs.
 * The same after an ISO 8601 time (`2023-11-01T10:47:57.081Z [ERROR] failed`), or that time in
 * brackets (`[2023-11-01 10:47:57 +0000] [ERROR] failed`), the time kept as `time`: SPEC §3's
 * conventional place of a level. A colon may follow the bracket (`[warn]: …`,
 * winston's `format.printf` as its users commonly write it; winstonjs/winston README "Formats").
 */

const NAME = 'bracket-level';
// The level names of SPEC §3, in any case; other bracketed words (`[http]`, `[alert]`, an
// extension's `[name]`) are no level here.
const LEVELS = new Set(SPEC_LEVEL_WORDS.map((word) => word.toLowerCase()));
const MAX_LEVEL = 8;

/** `2023-11-01T10:47:57.081Z [ERROR] message`: the time kept as `time`, then as without it. */
function parseTimed(line: string): ParsedLine | undefined {
  const timeEnd = dateTimeEnd(line, 0);
  if (timeEnd < 0 || line.charCodeAt(timeEnd) !== 0x20) return undefined;
  const parsed = parseBracket(line.slice(timeEnd + 1));
  if (parsed !== undefined) parsed.fields = { time: line.slice(0, timeEnd) };
  return parsed;
}

function parseBracket(line: string): ParsedLine | undefined {
  if (line.charCodeAt(0) !== 0x5b /* [ */) return undefined;
  const close = line.indexOf(']', 1);
  if (close < 0 || close > MAX_LEVEL + 1) return undefined;
  // winston's common `printf` layout, `${timestamp} [${level}]: ${message}`, adds a colon.
  const colon = line.charCodeAt(close + 1) === 0x3a /* : */ ? 1 : 0;
  const after = line.charCodeAt(close + 1 + colon);
  if (after !== 0x20 && after !== 0x09) return undefined;
  // `[%-5p]` and `[%5p]` pad the level inside the brackets: `[WARN ] msg`, `[ WARN] msg`.
  const word = line.slice(1, close).trim().toLowerCase();
  const levelname = LEVELS.has(word) ? toLevelName(word) : undefined;
  if (levelname === undefined) return undefined;
  const { message, exc_info } = splitStack(line.slice(close + 2 + colon).trimStart());
  return { message, levelname, exc_info };
}

/**
 * `[2024-01-01T12:00:00Z] [ERROR] message`, `[2024-01-01 12:00:00 +0000] [WARN] …`: the time in
 * brackets (a `%z` offset after a space, as gunicorn's datefmt writes it, inside them), kept as `time`.
 */
function parseBracketedTime(line: string): ParsedLine | undefined {
  let end = dateTimeEnd(line, 1);
  if (end < 0) return undefined;
  const sign = line.charCodeAt(end + 1);
  if (line.charCodeAt(end) === 0x20 && (sign === 0x2b || sign === 0x2d)) end += 6;
  if (!line.startsWith('] ', end)) return undefined;
  const parsed = parseBracket(line.slice(end + 2));
  if (parsed !== undefined) parsed.fields = { time: line.slice(1, end) };
  return parsed;
}

export const bracketLevel: TextFormat = {
  name: NAME,
  parse(line) {
    if (isDigit(line.charCodeAt(0))) return parseTimed(line);
    return isDigit(line.charCodeAt(1)) ? parseBracketedTime(line) : parseBracket(line);
  },
};

/**
 * An upper-case level word at the head of a line, the other conventional place of SPEC §3:
 * `ERROR: could not connect`, `WARN - retrying` (what `console.log('ERROR: …')` and Go's
 * `log.Printf("ERROR: %v", err)` write when there is no logger), and after a time, where a space
 * may follow it too: `2024-01-01 00:00:00.123 ERROR payment failed`, `… - WARN - …`, padded
 * `INFO  started` (`%d %-5level %msg` layouts, a Python `datefmt` without a logger name, custom
 * loggers; `time | LEVEL | msg` pipes too), the time kept as `time`. Only the level names of SPEC §3, upper case, and a bare word
 * only with its colon, ` - ` or a padded column's spaces (`WARNING  app.db - slow`, Python's
 * `%(levelname)-8s`): a sentence may start with `Debug` or `DEBUG mode is on`. Tried
 * after every other format (the Python runtime's and `logging`'s `LEVEL:` lines stay theirs).
 */
const WORD_NAME = 'level-word';
const WORD_LEVELS = levelSpellings(SPEC_LEVEL_WORDS);

function parseWord(line: string, start: number, timed: boolean): ParsedLine | undefined {
  let end = start;
  while (end - start <= MAX_LEVEL) {
    const c = line.charCodeAt(end);
    if (!(c >= 0x41 && c <= 0x5a)) break;
    end++;
  }
  const levelname = WORD_LEVELS.get(line.slice(start, end));
  if (levelname === undefined) return undefined;
  let pad = end;
  while (line.charCodeAt(pad) === 0x20 && pad - end < MAX_LEVEL) pad++;
  let body: number;
  if (line.startsWith(': ', end)) body = end + 2;
  else if (line.startsWith(' - ', end)) body = end + 3;
  // `time | ERROR   | msg`: a padded level column between pipes.
  else if (timed && pad > end && line.startsWith('| ', pad)) body = pad + 2;
  // A padded level column (`%(levelname)-8s`, `%-8p`): two spaces or more after the word; a
  // logger name in a column after it (`WARNING  app.db - slow`) is the name.
  else if (pad - end >= 2) {
    const column = nameColumn(line, pad);
    if (column !== undefined) {
      const { message, exc_info } = splitStack(line.slice(column[1]).trimStart());
      return { message, levelname, name: column[0], exc_info };
    }
    body = pad;
  } else if (timed && (line.charCodeAt(end) === 0x20 || line.charCodeAt(end) === 0x09)) body = end + 1;
  else return undefined;
  const { message, exc_info } = splitStack(line.slice(body).trimStart());
  return { message, levelname, exc_info };
}

export const levelWord: TextFormat = {
  name: WORD_NAME,
  parse(line) {
    if (!isDigit(line.charCodeAt(0))) return parseWord(line, 0, false);
    // A date and time, or a `datefmt='%H:%M:%S'` time alone (`12:00:00 ERROR x`).
    let timeEnd = dateTimeEnd(line, 0);
    if (timeEnd < 0) timeEnd = clockEnd(line, 0);
    if (timeEnd < 0) return undefined;
    let start: number;
    if (line.startsWith(' - ', timeEnd) || line.startsWith(' | ', timeEnd)) start = timeEnd + 3;
    else if (line.charCodeAt(timeEnd) === 0x20) start = timeEnd + 1;
    else return undefined;
    const parsed = parseWord(line, start, true);
    if (parsed !== undefined) parsed.fields = { time: line.slice(0, timeEnd) };
    return parsed;
  },
};
