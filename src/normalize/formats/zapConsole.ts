import { parseJson } from '../../json.js';
import { isObject, jsonText, stripAnsi, type JsonObject } from '../fields.js';
import { levelSpellings } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { dateTimeEnd, isDigit } from './scan.js';

/**
 * zap's console encoder (Go), as `zap.NewDevelopment()` configures it: the entry's parts joined by
 * tabs, `2023-11-01T10:47:57.081Z\tINFO\tpayments\tpay/pay.go:41\tcharge failed\t{"error": "…"}`:
 * the time (`ISO8601TimeEncoder`, `2006-01-02T15:04:05.000Z0700`), the capital level (DEBUG INFO
 * WARN ERROR DPANIC PANIC FATAL, colour codes around it with `CapitalColorLevelEncoder`), the
 * logger's name when it has one, the caller (`ShortCallerEncoder`'s `pkg/file.go:41` or the full
 * path), the message, then the fields as spaced JSON; a stack (from WARN up in development) on the
 * lines after. The name names the record, the caller stays a field (`caller`, as zap's JSON
 * encoder calls it), the fields are the line's fields, the stack is exc_info.
 * Recognised by the time, a tab, one of those levels, a tab and a caller within the next two
 * parts; a line without a caller (`AddCaller` off) is not taken: its name and message cannot be
 * told apart.
 * Checked against uber-go/zap config.go (`NewDevelopmentEncoderConfig`), zapcore/console_encoder.go
 * (`EncodeEntry`, `writeContext`), zapcore/encoder.go (`ISO8601TimeEncoder`, `ShortCallerEncoder`)
 * and zapcore/level_strings.go.
 */

const LEVELS = levelSpellings(['DEBUG', 'INFO', 'WARN', 'ERROR', 'DPANIC', 'PANIC', 'FATAL']);
// A coloured level (`\u001b[31mERROR\u001b[0m`) is the longest part before the name.
const MAX_LEVEL = 24;
// Logger names and callers are paths and dotted names, far shorter than this.
const MAX_PART = 512;

/** `pkg/file.go:41`, `/go/src/app/main.go:41`: a Go source file and a line. */
function isCaller(part: string): boolean {
  const colon = part.lastIndexOf(':');
  if (colon < 4 || colon === part.length - 1 || !part.startsWith('.go', colon - 3)) return false;
  for (let i = colon + 1; i < part.length; i++) if (!isDigit(part.charCodeAt(i))) return false;
  return !part.includes(' ');
}

/** The part of `text` from `start` to its next tab, and where the part after it starts. */
function partAt(text: string, start: number, max: number): [string, number] | undefined {
  const tab = text.slice(start, start + max + 1).indexOf('\t');
  return tab < 0 ? undefined : [text.slice(start, start + tab), start + tab + 1];
}

/**
 * True when `json` is exactly what zap's spaced JSON encoder writes for `value` (`": "` and `", "`
 * between members): nothing of it (a number's spelling, a repeated key) is lost by reading it.
 */
function writtenAsZap(json: string, value: JsonObject): boolean {
  return jsonText(value) === json.replaceAll(': ', ':').replaceAll(', ', ',');
}

/**
 * The fields' JSON at the end of the message part (`\t{"k": "v"}`), and the message before it.
 * With a stack after the line (`stacked`), the JSON is read only when it is exactly zap's; other
 * JSON there is kept as written, as `context`.
 */
function withContext(rest: string, stacked: boolean): { message: string; fields?: JsonObject } {
  const tab = rest.indexOf('\t{');
  if (tab < 0 || !rest.endsWith('}')) return { message: rest };
  const json = rest.slice(tab + 1);
  try {
    const value = parseJson(json);
    if (!isObject(value)) return { message: rest };
    if (stacked && !writtenAsZap(json, value))
      return { message: rest.slice(0, tab), fields: { context: json } };
    return { message: rest.slice(0, tab), fields: value };
  } catch {
    // A message with a tab and a brace of its own.
  }
  return { message: rest };
}

export const zapConsole: TextFormat = {
  name: 'zap-console',
  parse(line) {
    const timeEnd = dateTimeEnd(line, 0);
    if (timeEnd < 0 || line.charCodeAt(timeEnd) !== 0x09 /* \t */) return undefined;
    const level = partAt(line, timeEnd + 1, MAX_LEVEL);
    const levelname = level === undefined ? undefined : LEVELS.get(stripAnsi(level[0]));
    if (level === undefined || levelname === undefined) return undefined;
    const newline = line.indexOf('\n');
    const first = newline < 0 ? line : line.slice(0, newline);
    const a = partAt(first, level[1], MAX_PART);
    if (a === undefined) return undefined;
    let name: string | undefined;
    let caller = a;
    if (!isCaller(a[0])) {
      const b = partAt(first, a[1], MAX_PART);
      if (b === undefined || !isCaller(b[0]) || a[0] === '') return undefined;
      name = a[0];
      caller = b;
    }
    const { message, fields } = withContext(first.slice(caller[1]), newline >= 0);
    const stack = newline < 0 ? '' : line.slice(newline + 1).replace(/\r?\n$/, '');
    const parsed: ParsedLine = {
      message,
      levelname,
      name,
      fields: { caller: caller[0], ...fields },
    };
    if (stack.trim() !== '') parsed.exc_info = stack;
    return parsed;
  },
};
