import { addPairValue, stripAnsi, without } from '../fields.js';
import type { JsonFormat, ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { isDigit, matchShape } from './scan.js';

/**
 * HashiCorp's go-hclog, what Terraform (core and providers, through terraform-plugin-log), Vault,
 * Consul, Nomad and the Lambda extensions built on them write. Checked against hashicorp/go-hclog
 * intlogger.go (`logPlain`, `logJSON`, `jsonMapEntry`, `writeIndent`, `writeEscapedForOutput`,
 * `_levelToBracket`, `TimeFormat`) and logger_test.go's expected lines.
 *
 * The default text output, one write per call:
 * `2023-11-01T10:47:57.081Z [INFO]  agent.server: Joining cluster: addr=10.0.0.1 peers="a b"`:
 * the time (`2006-01-02T15:04:05.000Z0700`: milliseconds, `Z` or `-0700`), the level in brackets
 * padded to seven (`[INFO] `, `[WARN] `, `[DEBUG]`, `[TRACE]`, `[ERROR]`), ` file.go:12:` with
 * `IncludeLocation`, a space, the logger's name and `: ` when it has one (`Named` joins with
 * `.`), the message, then `:` and ` key=value` for each pair: a value with a character outside
 * `-`…`~` quoted (`"…"`, `"` escaped as `\"`), `""` for an empty string, a slice as `[a, b]`. A
 * value of several lines is written `\n  key=\n  | line\n  | line\n  ` (the pairs after it follow
 * on that last line), and a captured stack trace on the lines after the record. Colour
 * (`Color: AutoColor` on a terminal, `ColorHeaderOnly`) wraps the line or its level: read without
 * the codes.
 *
 * Read: the level (TRACE DEBUG, WARN WARNING), the name, the message, every pair as a field (the
 * value as written, unquoted; a multi-line value's lines joined by `\n`; a key written twice an
 * array, in order), the location as `caller`, the stack as exc_info. `[INFO]  agent: k=v` (no
 * message, or no name: hclog writes both alike) keeps `agent` as the message.
 *
 * The JSON output (`JSONFormat: true`): `{"@level":"info","@message":…,"@module":…,"@timestamp":…}`
 * and the pairs as keys (`@caller` with the location, `stacktrace`): `@message`, `@level`,
 * `@module` → name, `stacktrace` → exc_info; every other key kept.
 */

const NAME = 'hclog';

const LEVELS: ReadonlyMap<string, LevelName> = new Map([
  ['[TRACE]', 'DEBUG'],
  ['[DEBUG]', 'DEBUG'],
  ['[INFO] ', 'INFO'],
  ['[WARN] ', 'WARNING'],
  ['[ERROR]', 'ERROR'],
]);
const JSON_LEVELS: ReadonlyMap<string, LevelName | null> = new Map([
  ['trace', 'DEBUG'],
  ['debug', 'DEBUG'],
  ['info', 'INFO'],
  ['warn', 'WARNING'],
  ['error', 'ERROR'],
  // hclog's spelling for a level outside its five (`Level(99)`): no level of the record's.
  ['all', null],
]);

// Keys and names are short; a longer run is no hclog header.
const MAX_NAME = 256;

/** After `2006-01-02T15:04:05.000` and a `Z` or `±hhmm` zone at 0, or -1. */
function timeEnd(line: string): number {
  if (!matchShape(line, 0, 'dddd-dd-ddTdd:dd:dd.ddd')) return -1;
  const zone = line.charCodeAt(23);
  if (zone === 0x5a /* Z */) return 24;
  if ((zone === 0x2b || zone === 0x2d) /* + - */ && matchShape(line, 24, 'dddd')) return 28;
  return -1;
}

type Fields = Record<string, unknown>;

/** The end of the quoted value opening at `start` (`"`), just after its closing quote, or -1. */
function quotedEnd(text: string, start: number, end: number): number {
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22 /* " */) return i + 1;
  }
  return -1;
}

/** The end of the slice rendering opening at `start` (`[a, "b c"]`), just after its `]`, or -1. */
function sliceEnd(text: string, start: number, end: number): number {
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const close = quotedEnd(text, i, end);
      if (close < 0) return -1;
      i = close - 1;
    } else if (c === 0x5d /* ] */ && (i + 1 === end || text.charCodeAt(i + 1) === 0x20)) return i + 1;
  }
  return -1;
}

/** A quoted value as hclog escaped it: only `"` (`\"`) is unescaped, the rest stays as written. */
function unquote(value: string): string {
  const inner = value.slice(1, -1);
  return inner.includes('\\"') ? inner.replaceAll('\\"', '"') : inner;
}

/**
 * Reads ` key=value` pairs from `start` to `end` (one line) into `fields`. Returns `end` when
 * every character was a pair, else `~i` for the index `i` where reading stopped (nothing is
 * added then).
 */
function readPairs(text: string, start: number, end: number, fields: Fields): number {
  const found: [string, string][] = [];
  let i = start;
  while (i < end) {
    if (text.charCodeAt(i) !== 0x20) return ~i;
    const keyStart = i + 1;
    let eq = keyStart;
    const keyLimit = Math.min(end, keyStart + MAX_NAME);
    while (eq < keyLimit) {
      const c = text.charCodeAt(eq);
      if (c === 0x3d /* = */ || c === 0x20 || c === 0x22) break;
      eq++;
    }
    if (eq === keyStart || text.charCodeAt(eq) !== 0x3d) return ~eq;
    const valueStart = eq + 1;
    const first = text.charCodeAt(valueStart);
    let valueEnd: number;
    if (first === 0x22 /* " */) valueEnd = quotedEnd(text, valueStart, end);
    else if (first === 0x5b /* [ */) valueEnd = sliceEnd(text, valueStart, end);
    else {
      valueEnd = text.indexOf(' ', valueStart);
      if (valueEnd < 0 || valueEnd > end) valueEnd = end;
    }
    // A quote or slice left open runs to the end of the line: no later `:` can start the pairs
    // either (each would rescan to the end), so the line has none.
    if (valueEnd < 0) return ~end;
    if (valueEnd < end && text.charCodeAt(valueEnd) !== 0x20) return ~valueStart;
    const raw = text.slice(valueStart, valueEnd);
    found.push([text.slice(keyStart, eq), first === 0x22 ? unquote(raw) : raw]);
    i = valueEnd;
  }
  for (const [key, value] of found) addPairValue(fields, key, value);
  return end;
}

/**
 * Where the pairs start in `text` (from `from` to the end of the first line, `end`): the `:` after
 * the message from which the rest of the line is pairs (or nothing, when a multi-line value comes
 * first). -1 when there are none. Each failed try resumes after the point it stopped at, so the
 * scan stays linear.
 */
function pairsStart(text: string, from: number, end: number, fields: Fields): number {
  let at = from;
  while (at < end) {
    const colon = text.indexOf(':', at);
    if (colon < 0 || colon >= end) return -1;
    if (colon + 1 === end) return colon;
    if (text.charCodeAt(colon + 1) === 0x20) {
      const stop = readPairs(text, colon + 1, end, fields);
      if (stop === end) return colon;
      if (~stop === end) return -1;
      at = Math.max(~stop, colon + 1);
    } else at = colon + 1;
  }
  return -1;
}

/** The name before `: ` at `start` (no space, no colon), or -1. */
function nameEnd(text: string, start: number, end: number): number {
  const limit = Math.min(end, start + MAX_NAME);
  for (let i = start; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a /* : */) return i > start && text.charCodeAt(i + 1) === 0x20 ? i : -1;
    if (c === 0x20 || c === 0x22 || c === 0x3d /* = */) return -1;
  }
  return -1;
}

/** ` dir/file.go:123:` (IncludeLocation) at `start`: the index after its colon, or -1. */
function callerEnd(text: string, start: number, end: number): number {
  const space = text.indexOf(' ', start);
  const stop = space < 0 || space > end ? end : space;
  if (stop - start > MAX_NAME || text.charCodeAt(stop - 1) !== 0x3a) return -1;
  let i = stop - 2;
  while (i > start && isDigit(text.charCodeAt(i))) i--;
  if (i === stop - 2 || text.charCodeAt(i) !== 0x3a || !text.endsWith('.go', i)) return -1;
  return stop;
}

/**
 * The lines after the record's first: a multi-line value's `  key=` and `  | line` lines, the
 * `   key=value` pairs that follow it, blank `  ` lines; the first other line starts the stack.
 */
function readContinuation(lines: readonly string[], fields: Fields): string | undefined {
  let key: string | undefined;
  let value: string[] = [];
  const flush = () => {
    if (key !== undefined) addPairValue(fields, key, value.join('\n'));
    key = undefined;
    value = [];
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] as string;
    if (key !== undefined && line.startsWith('  | ')) {
      value.push(line.slice(4));
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (
      line.startsWith('  ') &&
      line.charCodeAt(2) !== 0x20 &&
      line.endsWith('=') &&
      !line.includes(' ', 2)
    ) {
      flush();
      key = line.slice(2, -1);
      continue;
    }
    if (line.startsWith('   ')) {
      flush();
      if (readPairs(line, 2, line.length, fields) === line.length) continue;
    }
    flush();
    // The first line that is no part of a value: the stack captured after the record.
    return lines.slice(n).join('\n').trimEnd();
  }
  flush();
  return undefined;
}

function parseText(line: string): ParsedLine | undefined {
  let at = timeEnd(line);
  if (at < 0 || line.charCodeAt(at) !== 0x20) return undefined;
  const levelname = LEVELS.get(line.slice(at + 1, at + 8));
  if (levelname === undefined) return undefined;
  at += 8;
  if (line.charCodeAt(at) !== 0x20) return undefined;
  const body = line.trimEnd();
  const nl = body.indexOf('\n');
  const end = nl < 0 ? body.length : nl;
  const fields: Fields = {};
  // After the bracket (its padding included) one space, the location's or the name's.
  let start = at + 1;
  const caller = callerEnd(body, start, end);
  if (caller > 0) {
    fields.caller = body.slice(start, caller - 1);
    if (body.charCodeAt(caller) !== 0x20) return undefined;
    start = caller + 1;
  }
  let name: string | undefined;
  let messageStart = start;
  const nameStop = nameEnd(body, start, end);
  if (nameStop > 0) {
    // `agent: k=v`: a message with pairs and no name, or a name with pairs and no message.
    const probe: Fields = {};
    if (readPairs(body, nameStop + 1, end, probe) !== end) {
      name = body.slice(start, nameStop);
      messageStart = nameStop + 2;
    }
  }
  const split = pairsStart(body, messageStart, end, fields);
  let message = body.slice(messageStart, split < 0 ? end : split);
  let exc_info: string | undefined;
  if (nl >= 0) {
    const rest = body.slice(nl + 1);
    // After pairs: multi-line values, then a captured stack (`debug.Stack()`); with none, a
    // message of several lines, unless a stack starts right after the first.
    if (split >= 0) exc_info = readContinuation(rest.split('\n'), fields);
    else if (rest.startsWith('goroutine ')) exc_info = rest;
    else {
      // A message of several lines: its pairs, if any, end the last one.
      const last = body.lastIndexOf('\n') + 1;
      const tail = pairsStart(body, last, body.length, fields);
      message = body.slice(messageStart, tail < 0 ? body.length : tail);
    }
  }
  return {
    message,
    levelname,
    name,
    exc_info,
    fields: Object.keys(fields).length === 0 ? undefined : fields,
  };
}

export const hclog: TextFormat = {
  name: NAME,
  parse(line) {
    const c = line.charCodeAt(0);
    if (isDigit(c)) {
      // The header coloured alone (`ColorHeaderOnly`): its code right after the time.
      const at = timeEnd(line);
      if (at > 0 && line.charCodeAt(at + 1) === 0x1b) return parseText(stripAnsi(line));
      return parseText(line);
    }
    // The whole line coloured (`AutoColor` on a terminal): `ESC[94m` then the time. Checked
    // before stripping, so other coloured lines pay for no copy.
    if (c === 0x1b) {
      const m = line.indexOf('m', 2);
      return m > 0 && m < 12 && isDigit(line.charCodeAt(m + 1)) ? parseText(stripAnsi(line)) : undefined;
    }
    return undefined;
  },
};

export const hclogJson: JsonFormat = {
  name: NAME,
  parse(object): ParsedLine | undefined {
    const level = object['@level'];
    const message = object['@message'];
    if (typeof level !== 'string' || typeof message !== 'string') return undefined;
    const levelname = JSON_LEVELS.get(level);
    if (levelname === undefined) return undefined;
    const module = object['@module'];
    const name = typeof module === 'string' && module !== '' ? module : undefined;
    const stack = object.stacktrace;
    const exc_info = typeof stack === 'string' && stack.trim() !== '' ? stack.trimEnd() : undefined;
    // What the record reads is consumed; a level outside hclog's five (`all`) stays a field.
    const consumed = ['@message'];
    if (levelname !== null) consumed.push('@level');
    if (name !== undefined) consumed.push('@module');
    if (exc_info !== undefined) consumed.push('stacktrace');
    const fields = without(object, consumed);
    return {
      message,
      levelname: levelname ?? undefined,
      name,
      exc_info,
      fields,
    };
  },
};
