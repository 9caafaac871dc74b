import { setField } from '../../json.js';
import { isObject, stripAnsi } from '../fields.js';
import { levelSpellings } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { stackWithCauses } from './errorCauses.js';
import { isDigit } from './scan.js';
import { isAtFrame, splitLines, splitStack } from './stacks.js';

/**
 * pino-pretty's default output (`pino | pino-pretty`, or its transport):
 * `[12:34:56.789] INFO (name/1234 on host): message`, then the record's other keys, one per line,
 * indented by four spaces: `    key: <JSON.stringify(value, null, 2)>` (continuation lines indented
 * too), an error key (`err`, `error`) the same way except that its `"stack":` member is printed as
 * the stack's own lines, indented four more. The time is `translateTime`'s (default `HH:MM:ss.l`,
 * `SYS:standard` `yyyy-mm-dd HH:MM:ss.l o`, `false` the epoch); the level pino's label (TRACE …
 * FATAL; USERLVL, a custom level's, is INFO and keeps its spelling as `level`); `(…)` holds
 * `name`, `pid` and `hostname` when the record has them, `<caller>` follows. pino before v7 wrote an
 * error as its own record (`type: 'Error'`): its stack comes right under the head. Colours
 * (`colorize`, only on a terminal) are stripped first.
 * CloudWatch usually receives each printed line as an event; when a writer delivers the block with
 * its head (one `write`), the keys become fields (values parsed back only when they re-print
 * exactly), the error's stack exc_info; anything else after the head is read as log4js' is (a stack
 * after the message), so nothing is lost.
 * Recognised by `[`, a digit, a time of digits and `:.-+ ` closed by `] `, then one of pino's level
 * labels: no other format's line has that head (Serilog's `[12:34:56 INF]` holds its level inside
 * the brackets, gunicorn's and log4js' level is bracketed, PHP-FPM's time has a month name).
 * Checked against pinojs/pino-pretty lib/pretty.js, lib/utils/prettify-metadata.js,
 * prettify-time.js, prettify-level.js, prettify-object.js, prettify-error.js,
 * prettify-error-log.js, join-lines-with-indentation.js, lib/constants.js and its README (options'
 * defaults).
 */

const LEVELS = levelSpellings(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);
// pino-pretty's label for a level it has no name for.
const USER_LEVEL = 'USERLVL';
const IDENT = '    ';
// `[yyyy-mm-dd HH:MM:ss.l +0000] `: the longest default time.
const MAX_TIME = 40;
const MAX_META = 512;

function isTimeChar(code: number): boolean {
  return isDigit(code) || code === 0x3a || code === 0x2e || code === 0x2d || code === 0x2b || code === 0x20;
}

/** The value JSON text re-prints as exactly (so nothing of it is lost), else `undefined`. */
function reprinted(text: string): { value: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return JSON.stringify(value, null, 2) === text ? { value } : undefined;
  } catch {
    return undefined;
  }
}

/** An error key's lines with each `"stack":` member put back as a JSON string, parsed. */
function errorObject(lines: readonly string[]): Record<string, unknown> | undefined {
  const out: string[] = [];
  for (let j = 0; j < lines.length; j++) {
    const line = lines[j] ?? '';
    const trimmed = line.trimStart();
    if (trimmed !== '"stack":') {
      out.push(line);
      continue;
    }
    const indent = line.slice(0, line.length - trimmed.length);
    const inner = `${indent}${IDENT}`;
    const stack: string[] = [];
    let k = j + 1;
    for (; k < lines.length && (lines[k] ?? '').startsWith(inner); k++)
      stack.push((lines[k] ?? '').slice(inner.length));
    if (stack.length === 0) return undefined;
    const next = (lines[k] ?? '').trimStart();
    const comma = next.startsWith('}') || next.startsWith(']') ? '' : ',';
    out.push(`${indent}"stack": ${JSON.stringify(stack.join('\n'))}${comma}`);
    j = k - 1;
  }
  const value = reprinted(out.join('\n'))?.value;
  return isObject(value) ? value : undefined;
}

/**
 * The indented lines after the head into `fields`; the stack found, or `undefined` when the lines
 * are not pino-pretty's block (then the caller reads them as text).
 */
function readBlock(
  lines: readonly string[],
  fields: Record<string, unknown>,
): { exc_info?: string } | undefined {
  let exc_info: string | undefined;
  let i = 0;
  // pino < 7: an error record's stack, right under the head.
  if (lines.length > 1 && isAtFrame(lines[1] ?? '') && (lines[0] ?? '').startsWith(IDENT)) {
    const stack = [(lines[0] ?? '').slice(IDENT.length)];
    for (i = 1; i < lines.length && (lines[i] ?? '').startsWith(IDENT + IDENT); i++)
      stack.push((lines[i] ?? '').slice(IDENT.length));
    exc_info = stack.join('\n');
  }
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (!line.startsWith(IDENT) || line.length === IDENT.length || line.charCodeAt(IDENT.length) === 0x20)
      return undefined;
    const colon = line.indexOf(':', IDENT.length);
    if (colon <= IDENT.length) return undefined;
    const key = line.slice(IDENT.length, colon);
    if (Object.prototype.hasOwnProperty.call(fields, key)) return undefined;
    const value = [line.slice(line.charCodeAt(colon + 1) === 0x20 ? colon + 2 : colon + 1)];
    for (i++; i < lines.length; i++) {
      const next = lines[i] ?? '';
      if (!(next.startsWith(`${IDENT} `) || next.startsWith(`${IDENT}}`) || next.startsWith(`${IDENT}]`)))
        break;
      value.push(next.slice(IDENT.length));
    }
    const error = value.length > 1 ? errorObject(value) : undefined;
    // The error stays whole: its `stack` key is a word of the line, and only JSON keys may be
    // re-expressed (test/helpers/conservation.ts).
    // Its inner errors' stacks (`aggregateErrors`, a `cause`) follow, as Node prints them.
    if (error !== undefined && exc_info === undefined && typeof error.stack === 'string')
      exc_info = stackWithCauses(error, error.stack, []).exc_info;
    const text = value.join('\n');
    setField(fields, key, error ?? (reprinted(text) ?? { value: text }).value);
  }
  return { exc_info };
}

/**
 * `name/pid on host`, `pid`, `name`, `on host`, … into `fields`; the name, if any. The group is
 * also kept as written (`metadata`) when its parts do not spell it (`/`, ` on `): SPEC §3 lets
 * only the time, request id and level change spelling.
 */
function readMeta(meta: string, fields: Record<string, unknown>): string | undefined {
  if (meta.includes('/') || meta.includes('on ')) fields.metadata = meta;
  let left = meta;
  const on = meta.startsWith('on ') ? 0 : meta.lastIndexOf(' on ');
  if (on >= 0) {
    fields.hostname = meta.slice(on === 0 ? 3 : on + 4);
    left = meta.slice(0, on);
  }
  if (left === '') return undefined;
  const slash = left.lastIndexOf('/');
  const pid = slash < 0 ? left : left.slice(slash + 1);
  if (/^\d{1,10}$/.test(pid)) {
    fields.pid = Number(pid);
    return slash < 0 ? undefined : left.slice(0, slash);
  }
  return left;
}

export const pinoPretty: TextFormat = {
  name: 'pino-pretty',
  parse(line): ParsedLine | undefined {
    if (line.charCodeAt(0) !== 0x5b /* [ */ || !isDigit(line.charCodeAt(1))) return undefined;
    // Bounded: a long line that merely starts with `[1` costs a short scan.
    const close = line.slice(0, MAX_TIME + 2).indexOf('] ', 2);
    if (close < 0 || close > MAX_TIME) return undefined;
    for (let i = 2; i < close; i++) if (!isTimeChar(line.charCodeAt(i))) return undefined;
    // `colorize` always colours the level: a plain level means a plain line.
    const text = line.charCodeAt(close + 2) === 0x1b ? stripAnsi(line) : line;
    const lines = splitLines(text);
    const head = lines[0] ?? '';
    let i = close + 2;
    let end = i;
    while (end < head.length && head.charCodeAt(end) >= 0x41 && head.charCodeAt(end) <= 0x5a) end++;
    const word = head.slice(i, end);
    const levelname = word === USER_LEVEL ? 'INFO' : LEVELS.get(word);
    if (levelname === undefined) return undefined;
    const fields: Record<string, unknown> = { time: head.slice(1, close) };
    if (word === USER_LEVEL) fields.level = word;
    let name: string | undefined;
    i = end;
    if (head.startsWith(' (', i)) {
      const closeParen = head.slice(i, i + MAX_META).search(/\)(:| <)/);
      if (closeParen < 0) return undefined;
      name = readMeta(head.slice(i + 2, i + closeParen), fields);
      i += closeParen + 1;
    }
    if (head.startsWith(' <', i)) {
      const closeCaller = head.indexOf('>:', i);
      if (closeCaller < 0) return undefined;
      fields.caller = head.slice(i + 2, closeCaller);
      i = closeCaller + 1;
    }
    if (head.charCodeAt(i) !== 0x3a /* : */) return undefined;
    const message = head.slice(head.charCodeAt(i + 1) === 0x20 ? i + 2 : i + 1);
    const rest = lines.slice(1);
    while (rest.length > 0 && rest[rest.length - 1] === '') rest.pop();
    if (rest.length === 0) return { message, levelname, name, fields };
    const block: Record<string, unknown> = {};
    const read = readBlock(rest, block);
    if (read === undefined) {
      const split = splitStack([message, ...rest].join('\n'));
      return { message: split.message, levelname, name, exc_info: split.exc_info, fields };
    }
    for (const [key, value] of Object.entries(block)) {
      if (Object.prototype.hasOwnProperty.call(fields, key)) {
        const split = splitStack([message, ...rest].join('\n'));
        return { message: split.message, levelname, name, exc_info: split.exc_info, fields };
      }
      setField(fields, key, value);
    }
    return { message, levelname, name, exc_info: read.exc_info, fields };
  },
};
