import { parseJson } from '../../json.js';
import type { TextFormat } from '../logFormat.js';
import { isObject, type JsonObject } from '../fields.js';
import { contextException, MONOLOG_LEVELS } from './monolog.js';

/**
 * Monolog's `LineFormatter` (PHP; Laravel's and Bref's default):
 * `[%datetime%] %channel%.%level_name%: %message% %context% %extra%`, e.g.
 * `[2024-01-01T00:00:00.000000+00:00] app.ERROR: Payment failed {"order":42} []` (Laravel writes
 * `[2024-01-01 00:00:00] local.ERROR: …`); `context` and `extra` are JSON (`[]` when empty, left out
 * with `ignoreEmptyContextAndExtra`, as Laravel's `LogManager` sets it, leaving the space before
 * `%extra%` at the end of the line). An exception in the context is LineFormatter's string
 * `[object] (Class(code: 0): message at path:line)`, followed with `includeStacktraces` by
 * `\n[stacktrace]\n#0 …` (its line breaks then written as they are, so that `context` is no JSON
 * and is kept as the text it is): it is exc_info, and stays in `context` as the line wrote it. `channel` is the name; `datetime`, `channel_level` (the
 * `channel.LEVEL` word as written), `context` and `extra` stay fields.
 * Recognised by the bracketed time (starting with a digit) and `channel.LEVEL: ` with one of
 * Monolog's level names.
 * Checked against Seldaek/monolog src/Monolog/Formatter/LineFormatter.php (`SIMPLE_FORMAT`,
 * `formatException`, `replaceNewlines`) and laravel/framework's logging configuration.
 */

const MAX_TIME = 48;
const MAX_HEAD = 256;
// Candidate starts of the trailing context/extra JSON tried before the text is taken as message.
const MAX_TRIES = 8;

function parseObject(json: string): JsonObject | undefined {
  try {
    // With includeStacktraces LineFormatter turns `\n` escapes back into line breaks.
    const value = parseJson(json.includes('\n') ? json.replace(/\r?\n/g, '\\n') : json);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Where the next ` {` after `from` opens a candidate object, or -1. */
function nextStart(text: string, from: number): number {
  const i = text.indexOf(' {', from);
  return i < 0 ? -1 : i + 1;
}

interface Trailing {
  before: string;
  /** The JSON as read; with line breaks repaired when the line broke its strings. */
  value: unknown;
  /** The JSON text as the line wrote it, when that was no JSON (raw line breaks in strings). */
  raw?: string;
}

/** The JSON at the end of `text` after a space (`[]` or an object), and the text before it. */
function trailingJson(text: string): Trailing | undefined {
  if (text === '[]') return { before: '', value: [] };
  if (text.endsWith(' []')) return { before: text.slice(0, -3), value: [] };
  if (!text.endsWith('}')) return undefined;
  let start = text.charCodeAt(0) === 0x7b /* { */ ? 0 : nextStart(text, 0);
  for (let tries = 0; start >= 0 && tries < MAX_TRIES; tries++) {
    const json = text.slice(start);
    const value = parseObject(json);
    const before = start === 0 ? '' : text.slice(0, start - 1);
    if (value !== undefined) return json.includes('\n') ? { before, value, raw: json } : { before, value };
    // Not JSON from there: that brace belongs to the message.
    start = nextStart(text, start);
  }
  return undefined;
}

export const monologText: TextFormat = {
  name: 'monolog-text',
  parse(line) {
    if (line.charCodeAt(0) !== 0x5b /* [ */) return undefined;
    const c = line.charCodeAt(1);
    if (c < 0x30 || c > 0x39) return undefined;
    const close = line.indexOf('] ', 1);
    if (close < 0 || close > MAX_TIME) return undefined;
    const colon = line.indexOf(': ', close + 2);
    if (colon < 0 || colon - close > MAX_HEAD) return undefined;
    const head = line.slice(close + 2, colon);
    const dot = head.lastIndexOf('.');
    const level = dot > 0 ? MONOLOG_LEVELS.get(head.slice(dot + 1)) : undefined;
    if (level === undefined || head.includes(' ')) return undefined;
    // `channel.LEVEL` is one word of the line: kept as written beside the name and level made of it.
    const fields: JsonObject = { datetime: line.slice(1, close), channel_level: head };
    // With `ignoreEmptyContextAndExtra` (Laravel's) an empty `%extra%` leaves the line ending in
    // `%context% `: a space after the context.
    let message = line.slice(colon + 2).trimEnd();
    const last = trailingJson(message);
    const first = last === undefined ? undefined : trailingJson(last.before);
    const context = first ?? last;
    if (last !== undefined && context !== undefined) {
      message = context.before;
      // A context whose strings the line broke over lines is no JSON as written: kept as written.
      fields.context = context.raw ?? context.value;
      if (first !== undefined) fields.extra = last.raw ?? last.value;
    }
    // The context stays as written, its exception too: LineFormatter made it a string of the line.
    const { exc_info } = contextException(context?.value);
    return {
      message,
      levelname: level,
      name: head.slice(0, dot),
      exc_info: exc_info?.replace(/\r\n?/g, '\n'),
      fields,
    };
  },
};
