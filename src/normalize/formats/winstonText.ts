import { parseJson } from '../../json.js';
import { isObject, stackText, stripAnsi, without, type JsonObject } from '../fields.js';
import { toLevelName } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { dateTimeEnd, isDigit } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * winston's text formats: `format.simple()` → `info: Hello distributed log files!` (level, `: `,
 * the message, then the meta as JSON when there is any), `format.cli()` → `warn:    Disk space
 * low` (the level padded), either with `format.colorize()` colour codes around the level. Only
 * winston's lower-case npm level names are read, so JavaScript's `Error: msg` headlines and
 * other `Word: text` lines are not taken for a level. simple()'s meta (`{"service":"…"}` of
 * `defaultMeta`, `timestamp()`'s, `errors({ stack: true })`'s `stack`) is the line's fields, its
 * `stack` exc_info.
 * Checked against winstonjs/logform simple.js, cli.js, pad-levels.js, colorize.js and errors.js.
 */

const NAME = 'winston-text';
const LEVELS = new Set(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']);
// `verbose` is the longest name.
const MAX_LEVEL = 7;

// Candidate starts of simple()'s meta tried before the text is taken as all message.
const MAX_TRIES = 8;

/**
 * simple()'s meta: the non-empty JSON object (safe-stable-stringify's, one line) after the last
 * ` ` of the message that starts one, and the message before it.
 */
function trailingMeta(text: string): { message: string; meta: JsonObject } | undefined {
  if (!text.endsWith('}')) return undefined;
  let start = text.indexOf(' {');
  for (let tries = 0; start >= 0 && tries < MAX_TRIES; tries++) {
    try {
      const value = parseJson(text.slice(start + 1));
      if (isObject(value) && Object.keys(value).length > 0)
        return { message: text.slice(0, start), meta: value };
    } catch {
      // Not JSON from there: that brace belongs to the message.
    }
    start = text.indexOf(' {', start + 1);
  }
  return undefined;
}

/** simple()'s `level: message {meta}`, or undefined. */
function parseSimple(text: string): ParsedLine | undefined {
  const colon = text.indexOf(':');
  if (colon < 4 || colon > MAX_LEVEL || text.charCodeAt(colon + 1) !== 0x20) return undefined;
  const level = text.slice(0, colon);
  if (!LEVELS.has(level)) return undefined;
  let start = colon + 1;
  while (text.charCodeAt(start) === 0x20) start++;
  const body = text.slice(start);
  const trailing = trailingMeta(body);
  if (trailing !== undefined) {
    const stack = stackText(trailing.meta.stack);
    // `logger.error(err.stack, meta)`: the stack is in the message.
    const split = stack === undefined ? splitStack(trailing.message) : undefined;
    const fields = stack === undefined ? trailing.meta : without(trailing.meta, ['stack']);
    return {
      message: split?.message ?? trailing.message,
      levelname: toLevelName(level),
      exc_info: stack ?? split?.exc_info,
      fields,
    };
  }
  const { message, exc_info } = splitStack(body);
  return { message, levelname: toLevelName(level), exc_info };
}

// Longest `[label] ` taken before the level.
const MAX_LABEL = 64;

/**
 * The README's `format.printf` layout, `${timestamp} [${label}] ${level}: ${message}`, and its
 * variants without the label or the time (winstonjs/winston README "Formats", the `myFormat`
 * example): `timestamp()`'s ISO time or its `YYYY-MM-DD HH:mm:ss` (also in brackets), the label
 * in brackets, then simple()'s level and message. The time is kept as `timestamp` and the label
 * as `label`, the names they have in winston's info object.
 */
function parsePrintf(text: string): ParsedLine | undefined {
  let start = 0;
  let timestamp: string | undefined;
  if (isDigit(text.charCodeAt(0))) {
    const timeEnd = dateTimeEnd(text, 0);
    if (timeEnd < 0 || text.charCodeAt(timeEnd) !== 0x20) return undefined;
    timestamp = text.slice(0, timeEnd);
    start = timeEnd + 1;
  }
  let label: string | undefined;
  if (text.charCodeAt(start) === 0x5b /* [ */) {
    const close = text.indexOf('] ', start + 1);
    if (close < 0 || close - start > MAX_LABEL) return undefined;
    label = text.slice(start + 1, close);
    start = close + 2;
    // `[${timestamp}] ${level}: ${message}`: the brackets hold the time.
    if (timestamp === undefined && dateTimeEnd(label, 0) === label.length) {
      timestamp = label;
      label = undefined;
    }
  } else if (timestamp === undefined) {
    return undefined;
  }
  const parsed = parseSimple(text.slice(start));
  if (parsed === undefined) return undefined;
  const own: JsonObject = {};
  if (timestamp !== undefined) own.timestamp = timestamp;
  if (label !== undefined) own.label = label;
  // A meta key named like them stays the meta's; the line's own go first.
  parsed.fields = parsed.fields === undefined ? own : { ...own, ...parsed.fields };
  return parsed;
}

export const winstonText: TextFormat = {
  name: NAME,
  parse(line) {
    const c = line.charCodeAt(0);
    if (c === 0x1b) {
      const text = stripAnsi(line);
      return parseSimple(text) ?? parsePrintf(text);
    }
    // e(rror) w(arn) i(nfo) h(ttp) v(erbose) d(ebug) s(illy); a time or a label of printf.
    if ('ewihvds'.indexOf(line.charAt(0)) >= 0) return parseSimple(line);
    if (c === 0x5b /* [ */ || isDigit(c)) return parsePrintf(stripAnsi(line));
    return undefined;
  },
};
