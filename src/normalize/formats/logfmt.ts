import { addPairValue } from '../fields.js';
import { toLevelName } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { hasSlogOffset, slogLevel } from './goSlog.js';
import { splitStack } from './stacks.js';

/**
 * logfmt lines: `key=value` pairs separated by spaces, values bare or double-quoted with Go's
 * escapes. Go's logrus writes them when not on a terminal (`TextFormatter`):
 * `time="2023-11-01T10:47:57Z" level=info msg="Started" port=8080`; so do go-kit/log and
 * log/slog's `TextHandler` (`time=… level=INFO msg=…`, levels with an offset such as `level=WARN+2`
 * mapped as goSlog.ts maps them and kept as a field too).
 * `msg` is the message, `level` the level, `logger` / `name` the name; a `stack` / `stacktrace`
 * value is exc_info; every other pair is kept as a field (values as strings, as written); a key
 * written more than once keeps every value, in order, as an array (a second `msg` included).
 * An error attr: slog's TextHandler writes an `Any` value with `fmt.Sprintf("%+v", v)`
 * (text_handler.go `appendTextValue`), so a plain error is its `Error()` text, one line, and
 * stays the field `err` (SPEC §3: exc_info is a traceback or stack, and a field is what Kibana
 * filters on), while an error whose `%+v` prints its stack (github.com/pkg/errors: the message,
 * then `function\n\tfile:line` per frame, errors.go/stack.go `Format`) is quoted with `\n`
 * escapes: an `err` / `error` value with such a frame line (`\n\t`) is exc_info, unless the line
 * has a stack of its own (`errors.Join`'s lines, with no tab, stay the field).
 * Checked against sirupsen/logrus text_formatter.go (`appendKeyValue`, `needsQuoting`) and Go's
 * log/slog text_handler.go.
 */

const NAME = 'logfmt';
const MESSAGE_KEYS = new Set(['msg', 'message']);
const LEVEL_KEYS = new Set(['level', 'lvl']);
const NAME_KEYS = new Set(['logger', 'name', 'logger_name']);
const STACK_KEYS = new Set(['stack', 'stacktrace', 'stack_trace']);
const ERROR_KEYS = new Set(['err', 'error']);
// Keys the record reserves; a line's own value moves under original_fields (normalizeEvent).
const MAX_KEY = 128;

function unquote(line: string, start: number): [string, number] | undefined {
  // `start` is just after the opening quote; Go's %q escapes: \" \\ \n \t \r and \uXXXX.
  let out = '';
  let i = start;
  let from = start;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 0x22 /* " */) return [out + line.slice(from, i), i + 1];
    if (c === 0x5c /* \ */) {
      out += line.slice(from, i);
      const e = line.charAt(i + 1);
      if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else if (e === 'r') out += '\r';
      else if (e === 'u' || e === 'x') {
        const width = e === 'u' ? 4 : 2;
        const code = Number.parseInt(line.slice(i + 2, i + 2 + width), 16);
        if (Number.isNaN(code)) return undefined;
        out += String.fromCharCode(code);
        i += width;
      } else out += e;
      i += 2;
      from = i;
      continue;
    }
    i++;
  }
  return undefined;
}

/**
 * The line's pairs, or `undefined` when it is not `key=value` pairs throughout. `lenient` reads
 * an older logrus, whose README sample shows a value with spaces unquoted
 * (`err=&{0x2082280c0 map[animal:orca size:9009] … It's over 9000!} number=100`): a word that is
 * no pair continues the bare value before it, kept as written; a message or level never grows so.
 */
function parsePairs(line: string, lenient = false): [string, string][] | undefined {
  const pairs: [string, string][] = [];
  let i = 0;
  // Where the last pair's bare value starts, while a word may still continue it.
  let bareStart = -1;
  while (i < line.length) {
    while (line.charCodeAt(i) === 0x20) i++;
    if (i >= line.length) break;
    const eq = line.indexOf('=', i);
    const space = line.indexOf(' ', i);
    const key = eq <= i || eq - i > MAX_KEY ? undefined : line.slice(i, eq);
    if (key === undefined || (space >= 0 && space < eq) || key.includes('"')) {
      const last = pairs[pairs.length - 1];
      if (!lenient || bareStart < 0 || last === undefined) return undefined;
      const end = space < 0 ? line.length : space;
      last[1] = line.slice(bareStart, end);
      i = end;
      continue;
    }
    let value: string;
    if (line.charCodeAt(eq + 1) === 0x22) {
      const quoted = unquote(line, eq + 2);
      if (quoted === undefined) return undefined;
      [value, i] = quoted;
      bareStart = -1;
    } else {
      const valueSpace = line.indexOf(' ', eq + 1);
      const end = valueSpace < 0 ? line.length : valueSpace;
      value = line.slice(eq + 1, end);
      bareStart = MESSAGE_KEYS.has(key) || LEVEL_KEYS.has(key) ? -1 : eq + 1;
      i = end;
    }
    pairs.push([key, value]);
  }
  return pairs;
}

export const logfmt: TextFormat = {
  name: NAME,
  parse(line) {
    // Cheap rejection: a key of letters first, then `=`, before any space.
    const c = line.charCodeAt(0);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a))) return undefined;
    const eq = line.indexOf('=');
    if (eq < 1 || eq > MAX_KEY) return undefined;
    const space = line.indexOf(' ');
    if (space >= 0 && space < eq) return undefined;
    if (line.includes('\n')) return undefined;
    let pairs = parsePairs(line);
    let lenient = false;
    if (pairs === undefined) {
      pairs = parsePairs(line, true);
      lenient = true;
    }
    if (pairs === undefined) return undefined;
    let message: string | undefined;
    let level: string | undefined;
    let name: string | undefined;
    let stack: string | undefined;
    // An error printed with its stack (`%+v`), kept apart until the line is known to have no stack.
    let errorStack: [string, string] | undefined;
    const fields: Record<string, unknown> = {};
    for (const [key, value] of pairs) {
      if (message === undefined && MESSAGE_KEYS.has(key)) message = value;
      else if (level === undefined && LEVEL_KEYS.has(key)) level = value;
      else if (name === undefined && NAME_KEYS.has(key) && value !== '') name = value;
      else if (stack === undefined && STACK_KEYS.has(key) && value !== '') stack = value;
      else if (errorStack === undefined && ERROR_KEYS.has(key) && value.includes('\n\t'))
        errorStack = [key, value];
      else addPairValue(fields, key, value);
    }
    if (errorStack !== undefined) {
      if (stack === undefined) stack = errorStack[1];
      else addPairValue(fields, errorStack[0], errorStack[1]);
    }
    // Without a message or a level, `a=b` is more likely prose than logfmt.
    if (message === undefined && level === undefined) return undefined;
    const levelname = level === undefined ? undefined : (toLevelName(level) ?? slogLevel(level));
    // Unquoted values only beside logrus' own message and level.
    if (lenient && (message === undefined || levelname === undefined)) return undefined;
    if (level !== undefined && (levelname === undefined || hasSlogOffset(level)))
      addPairValue(fields, 'level', level);
    const split =
      stack === undefined ? splitStack(message ?? '') : { message: message ?? '', exc_info: stack };
    return {
      message: split.message,
      levelname: levelname ?? (split.exc_info === undefined ? undefined : 'ERROR'),
      name,
      exc_info: split.exc_info?.replace(/\r\n?/g, '\n'),
      fields: Object.keys(fields).length === 0 ? undefined : fields,
    };
  },
};
