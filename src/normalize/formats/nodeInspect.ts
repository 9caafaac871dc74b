import { toLevelName } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { splitStack } from './stacks.js';

/**
 * `console.log({ level: 'warn', message: 'disk almost full', pct: 91 })`: Node writes an object
 * argument as `util.inspect` prints it (util.format, `formatWithOptions`), JavaScript syntax, not
 * JSON: `{ level: 'warn', message: 'disk almost full', pct: 91 }` on one line while it fits (80
 * columns), else one key per line, indented by two (`{\n  level: 'warn',\n  …\n}`, `\r` for `\n`
 * on stdout); keys unquoted when they are identifiers; strings in single quotes (double or
 * backticks when they hold one); nested values past depth 2 as `[Object]`. Such an object that
 * states a level word under `level` (or `severity`) beside a `message` or `msg` string is a log
 * record the program wrote by hand, as its JSON.stringify'd text would be (genericJson.ts): the
 * record takes its level. The text stays the message as printed, since inspect's output cannot be
 * turned back into the values it shows (depth cut, `[Object]`, `[Circular *1]`); a stack printed
 * inside it (an `err: Error: boom` entry) goes to exc_info as in plain text.
 * winston's `format.prettyPrint()` writes its records the same way (`{ freePct: 9, level: 'warn',
 * message: 'disk low' }`, winstonjs/logform pretty-print.js: util.inspect of the info).
 * Only the top level's entries are read, in one pass over the text (quotes and brackets tracked).
 * Checked against nodejs/node lib/internal/util/inspect.js (`formatValue`, `formatProperty`,
 * `strEscape`, `reduceToSingleString`) and aws-lambda-nodejs-runtime-interface-client
 * src/LogPatch.js (`util.format(message, ...params)`).
 */

const LEVEL_KEYS = new Set(['level', 'severity']);
const MESSAGE_KEYS = new Set(['message', 'msg']);
// Past this many characters the line is read as plain text: a record is short, a dump is not.
const MAX_SCAN = 64 * 1024;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function isKeyChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f ||
    code === 0x24
  );
}

function isQuote(code: number): boolean {
  return code === 0x27 /* ' */ || code === 0x22 /* " */ || code === 0x60; /* ` */
}

/** The end (index after the closing quote) of the string literal opening at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === quote) return i + 1;
  }
  return -1;
}

/** The level the object's top-level entries state, when they also hold a message string. */
function statedLevel(text: string): LevelName | undefined {
  let level: LevelName | undefined;
  let hasMessage = false;
  let depth = 0;
  // At depth 1, right after `{` or `,`: the next word is a key.
  let atKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isQuote(c)) {
      const end = stringEnd(text, i);
      if (end < 0) return undefined;
      i = end - 1;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */ || c === 0x28 /* ( */) {
      depth++;
      atKey = depth === 1;
      continue;
    }
    if (c === 0x7d /* } */ || c === 0x5d /* ] */ || c === 0x29 /* ) */) {
      depth--;
      continue;
    }
    if (depth !== 1) continue;
    if (c === 0x2c /* , */) {
      atKey = true;
      continue;
    }
    if (!atKey || isSpace(c)) continue;
    atKey = false;
    let end = i;
    while (end < text.length && isKeyChar(text.charCodeAt(end))) end++;
    if (end === i || !text.startsWith(': ', end)) continue;
    const key = text.slice(i, end);
    const valueAt = end + 2;
    const isLevel = LEVEL_KEYS.has(key);
    if ((isLevel || MESSAGE_KEYS.has(key)) && isQuote(text.charCodeAt(valueAt))) {
      const close = stringEnd(text, valueAt);
      if (close < 0) return undefined;
      if (isLevel) {
        level ??= toLevelName(text.slice(valueAt + 1, close - 1));
      } else {
        hasMessage = true;
      }
      i = close - 1;
      continue;
    }
    i = end - 1;
  }
  return hasMessage ? level : undefined;
}

export const nodeInspect: TextFormat = {
  name: 'node-inspect',
  parse(line): ParsedLine | undefined {
    if (line.charCodeAt(0) !== 0x7b /* { */ || line.length > MAX_SCAN) return undefined;
    let last = line.length - 1;
    while (last > 0 && isSpace(line.charCodeAt(last))) last--;
    if (line.charCodeAt(last) !== 0x7d /* } */) return undefined;
    const second = line.charCodeAt(1);
    // `{ key` on one line, `{\n  key` (or `\r`) when broken: inspect's two layouts.
    if (second !== 0x20 && second !== 0x0a && second !== 0x0d) return undefined;
    const levelname = statedLevel(line);
    if (levelname === undefined) return undefined;
    const { message, exc_info } = splitStack(line);
    return { message, levelname, exc_info };
  },
};
