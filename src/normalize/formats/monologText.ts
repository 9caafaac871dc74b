import type { TextFormat } from '../logFormat.js';
import { isObject, type JsonObject } from '../fields.js';
import { contextException, MONOLOG_LEVELS } from './monolog.js';

/**
 * Monolog's `LineFormatter` (PHP; Laravel's and Bref's default):
 * `[%datetime%] %channel%.%level_name%: %message% %context% %extra%`, e.g.
 * `[2024-01-01T00:00:00.000000+00:00] app.ERROR: Payment failed {"order":42} []` (Laravel writes
 * `[2024-01-01 00:00:00] local.ERROR: …`); `context` and `extra` are JSON (`[]` when empty, left out
 * with `ignoreEmptyContextAndExtra`). An exception in the context is LineFormatter's string
 * `[object] (Class(code: 0): message at path:line)`, followed with `includeStacktraces` by
 * `\n[stacktrace]\n#0 …` (its line breaks then written as they are): it is exc_info. `channel` is
 * the name; `datetime`, `context` and `extra` stay fields.
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
    const value: unknown = JSON.parse(json.includes('\n') ? json.replace(/\r?\n/g, '\\n') : json);
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

/** The JSON at the end of `text` after a space (`[]` or an object), and the text before it. */
function trailingJson(text: string): { before: string; value: unknown } | undefined {
  if (text === '[]') return { before: '', value: [] };
  if (text.endsWith(' []')) return { before: text.slice(0, -3), value: [] };
  if (!text.endsWith('}')) return undefined;
  let start = text.charCodeAt(0) === 0x7b /* { */ ? 0 : nextStart(text, 0);
  for (let tries = 0; start >= 0 && tries < MAX_TRIES; tries++) {
    const value = parseObject(text.slice(start));
    if (value !== undefined) return { before: start === 0 ? '' : text.slice(0, start - 1), value };
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
    const fields: JsonObject = { datetime: line.slice(1, close) };
    let message = line.slice(colon + 2);
    const last = trailingJson(message);
    if (last !== undefined) {
      const first = trailingJson(last.before);
      message = first === undefined ? last.before : first.before;
      fields.context = first === undefined ? last.value : first.value;
      if (first !== undefined) fields.extra = last.value;
    }
    const { exc_info, context } = contextException(fields.context);
    if (exc_info !== undefined) fields.context = context;
    return {
      message,
      levelname: level,
      name: head.slice(0, dot),
      exc_info: exc_info?.replace(/\r\n?/g, '\n'),
      fields,
    };
  },
};
