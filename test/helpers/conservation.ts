/**
 * The conservation invariant of SPEC §3, as a checker: every token of a log line survives in the
 * record (in `message`, `exc_info` or a field); only the line's time, request id and level may
 * leave their original spelling (they become `asctime`/`@timestamp`, `aws_request_id` and
 * `levelname`).
 *
 * Definitions (independent of the normalizer: nothing here imports src/normalize):
 *
 * - **Line parts.** A line is text, optionally ending in JSON: the first `{` or `[` from which the
 *   rest of the line (trailing whitespace aside) is one JSON value (or several objects/arrays
 *   separated by whitespace: Monolog's `%context% %extra%`) starts the JSON part
 *   (`Invoke Error \t{…}`, Ruby's `Error raised …\n{ pretty JSON }`, a JSON line itself).
 * - **Text tokens.** The text part is split on whitespace (any, NO-BREAK SPACE included) and on the
 *   delimiters `"` `'` `` ` `` `=` `;` `(` `)` `[` `]` `{` `}` `<` `>` `|`, then at `:` unless
 *   the piece is a time (`10:47:57,081` stays one token; `INFO:root:msg` is three); leading and
 *   trailing `:` `.` `,` `#` `!` `?` `*` are stripped; pieces with no letter or digit are separators, not
 *   tokens. A `key=value` pair (logfmt) makes `key` a *key token* whose value is `value`.
 * - **JSON tokens.** Every object key is a key token (its value is the member's value); every
 *   scalar is a value token: strings split into text tokens as above, numbers as their literal
 *   (`1e400` stays `1e400`), `true`/`false`/`null` as themselves. Arrays and objects are walked to
 *   any depth. A string member at the JSON part's top level whose whole value (whitespace aside)
 *   is a JSON object (Lambda's JSON log format around `console.log(JSON.stringify(record))`) is
 *   read as that object, a *nested part*: its tokens are JSON tokens, and rule 2 holds for it on
 *   its own. Only that one level: a string inside a nested part is text.
 * - **Survival.** The record is read as it ships (its JSON text, with the same JSON reader, so a
 *   number is its literal): its keys and scalar values outside the forwarder's own provenance
 *   (`cloudwatch`, `@timestamp`, `log_format`) and outside `levelname`. A text token survives when
 *   it occurs in that text at word boundaries (the characters either side are not letters, digits
 *   or `_`). A number survives as its literal text or as a record number of the same decimal value
 *   (`1.0` = `1`, `1e2` = `100`; a value JSON cannot hold, `1e400`, must survive as text).
 * - **Re-expressions (the only exemptions, SPEC §3).**
 *   1. In a text part, the *head* is the tokens before the message's (where the longest run, up
 *      to three, of its first tokens occurs in order; all of them when none is found). In the head, a time (`2023-11-01T10:47:57.081Z`,
 *      `2023-11-01`, `2023/11/01`, `10:47:57,081`), a level word (`INFO`, `[ERROR]`, `fail:`, Serilog's `WRN`,
 *      Ruby's `I,`) and a request id (`undefined` or a UUID, which must then be the record's
 *      `aws_request_id`) may be absent.
 *   2. In a JSON part (and in each nested part), at its top level: one member whose value is a time (a timestamp string,
 *      or an epoch number in s/ms/µs/ns), one whose value names the record's `levelname` (a
 *      level word or a pino number), and one whose value is the record's `aws_request_id` may
 *      be absent: for each, the first such member the record does not hold (else the first).
 *   3. A key (JSON, or logfmt's `key=`) may be absent when the record lifted its value into a core
 *      field: its value has at least one token, and every token of it is in `message`,
 *      `exc_info`, `name`, `aws_request_id` or `asctime`, or is itself exempt by rule 2 (the key's
 *      role is the record's key now: `msg` → `message`, `level` → `levelname`, `stack` → `exc_info`).
 *   4. An object's key may be absent when every token of the object survives elsewhere in the
 *      record (re-homed: Lambda's platform `record` under `lambda`); an empty object's may not.
 *   In the head of rule 1, a zone word or offset after a time (`10:47:57 UTC`, `10:47:57 +0200`)
 *   is part of the time (so are Tomcat's `01-Nov-2023`, Spark's `23/11/01`, MariaDB's `9:47:57`), so
 *   are `AM`/`PM` after a time and a date written as several tokens right before one (MariaDB's
 *   `240101  0:00:00`, java.util.logging's `Jan 01, 2024 1:23:45 PM`), and a
 *   `RequestId` label right before the request id part of the id; glog's `I1101` before its time
 *   is its level letter and date. Logback's status mark
 *   `|-WARN in <origin> - …` spells its level `-WARN` (`|` is a delimiter), and the `in` right
 *   after that level is part of the mark.
 * Terminal colour codes (ANSI CSI sequences) are no tokens: the record strips them (SPEC §3).
 */

/** One token of a line and why it might be exempt. */
interface Token {
  readonly text: string;
  /** A key (JSON or logfmt); `value` is what it names. */
  readonly key?: { readonly value: JsonValue | string };
  /** A JSON number literal: compared by value. */
  readonly number?: boolean;
  /** In a JSON part: the index of the top-level member the token is a value of. */
  readonly top?: number;
  /** Exempt when absent (a re-expression of SPEC §3), with the rule's name. */
  exempt?: string | undefined;
}

/** A JSON value read with number literals kept as text. */
type JsonValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly literal: string }
  | { readonly kind: 'literal'; readonly value: 'true' | 'false' | 'null' }
  | { readonly kind: 'array'; readonly items: JsonValue[] }
  | { readonly kind: 'object'; readonly members: [string, JsonValue][] };

class JsonReader {
  private i = 0;
  constructor(private readonly text: string) {}

  /** The value at `start` and where it ends, or `undefined` when the text there is no JSON. */
  static readAt(text: string, start: number): { value: JsonValue; end: number } | undefined {
    const reader = new JsonReader(text);
    reader.i = start;
    try {
      const value = reader.value(0);
      return { value, end: reader.i };
    } catch {
      return undefined;
    }
  }

  private ws(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text.charAt(this.i))) this.i++;
  }

  private value(depth: number): JsonValue {
    if (depth > 500) throw new Error('too deep');
    this.ws();
    const c = this.text.charAt(this.i);
    if (c === '{') {
      this.i++;
      const members: [string, JsonValue][] = [];
      this.ws();
      if (this.text.charAt(this.i) === '}') {
        this.i++;
        return { kind: 'object', members };
      }
      for (;;) {
        this.ws();
        const key = this.string();
        this.ws();
        this.expect(':');
        members.push([key, this.value(depth + 1)]);
        this.ws();
        if (this.text.charAt(this.i) === ',') {
          this.i++;
          continue;
        }
        this.expect('}');
        return { kind: 'object', members };
      }
    }
    if (c === '[') {
      this.i++;
      const items: JsonValue[] = [];
      this.ws();
      if (this.text.charAt(this.i) === ']') {
        this.i++;
        return { kind: 'array', items };
      }
      for (;;) {
        items.push(this.value(depth + 1));
        this.ws();
        if (this.text.charAt(this.i) === ',') {
          this.i++;
          continue;
        }
        this.expect(']');
        return { kind: 'array', items };
      }
    }
    if (c === '"') return { kind: 'string', value: this.string() };
    for (const word of ['true', 'false', 'null'] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return { kind: 'literal', value: word };
      }
    }
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (match === null) throw new Error(`no JSON value at ${this.i}`);
    this.i += match[0].length;
    return { kind: 'number', literal: match[0] };
  }

  private expect(c: string): void {
    if (this.text.charAt(this.i) !== c) throw new Error(`expected ${c} at ${this.i}`);
    this.i++;
  }

  private string(): string {
    this.expect('"');
    const start = this.i - 1;
    for (;;) {
      const c = this.text.charAt(this.i);
      if (c === '') throw new Error('unterminated string');
      if (c === '\\') this.i += 2;
      else if (c === '"') break;
      else this.i++;
    }
    this.i++;
    return JSON.parse(this.text.slice(start, this.i)) as string;
  }
}

const DELIMITERS = /[\s"'`=;()[\]{}<>|]+/u;
const STRIP = /^[:.,#!?*]+|[:.,#!?*]+$/gu;
const HAS_WORD = /[\p{L}\p{N}]/u;
// Terminal colour codes (CSI sequences) are control, not text: the record strips them.
// eslint-disable-next-line no-control-regex -- ESC is the very character to match
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/gu;

/** The text tokens of `text` (see the module comment). */
export function textTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const piece of text.replace(ANSI, ' ').split(DELIMITERS)) {
    const whole = piece.replace(STRIP, '');
    // A time keeps its colons; any other piece is split at them (`INFO:root:msg`, `Handler:25`).
    for (const part of isTime(whole) ? [whole] : whole.split(':')) {
      const token = part.replace(STRIP, '');
      if (HAS_WORD.test(token)) tokens.push(token);
    }
  }
  return tokens;
}

const LOGFMT_PAIR = /(?<=^|\s)([A-Za-z_@][\w.@-]*)=("(?:[^"\\]|\\.)*"|\S*)/gu;

/** A logfmt value: quoted ones with Go's `%q` escapes undone (JSON's, for the common ones). */
function logfmtValue(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

/** Tokens of a text part: its words, and its `key=value` pairs' keys as key tokens. */
function textPartTokens(text: string): Token[] {
  const tokens: Token[] = [];
  let from = 0;
  for (const match of text.matchAll(LOGFMT_PAIR)) {
    for (const t of textTokens(text.slice(from, match.index))) tokens.push({ text: t });
    const value = logfmtValue(match[2] ?? '');
    for (const t of textTokens(match[1] ?? '')) tokens.push({ text: t, key: { value } });
    for (const t of textTokens(value)) tokens.push({ text: t });
    from = match.index + match[0].length;
  }
  for (const t of textTokens(text.slice(from))) tokens.push({ text: t });
  return tokens;
}

function jsonTokens(value: JsonValue, out: Token[], top?: number): void {
  switch (value.kind) {
    case 'string':
      for (const text of textTokens(value.value)) out.push({ text, top });
      return;
    case 'number':
      out.push({ text: value.literal, number: true, top });
      return;
    case 'literal':
      out.push({ text: value.value, top });
      return;
    case 'array':
      for (const item of value.items) jsonTokens(item, out);
      return;
    case 'object':
      for (const [key, member] of value.members) {
        for (const text of textTokens(key)) out.push({ text, key: { value: member } });
        jsonTokens(member, out);
      }
  }
}

/** The object a string value is, whitespace aside, or `undefined` (see nested parts above). */
export function nestedObject(value: JsonValue): JsonValue | undefined {
  if (value.kind !== 'string' || !value.value.trimStart().startsWith('{')) return undefined;
  const read = JsonReader.readAt(value.value, 0);
  if (read?.value.kind !== 'object' || value.value.slice(read.end).trim() !== '') return undefined;
  return read.value;
}

/**
 * {@link jsonTokens} of a JSON part, its top-level scalars tagged with their member's index; the
 * nested parts among its members (when `nested` is given: a nested part has none) are left to
 * the caller, which reads them as parts of their own.
 */
function jsonPartTokens(value: JsonValue, nested?: JsonValue[]): Token[] {
  const out: Token[] = [];
  if (value.kind !== 'object') {
    jsonTokens(value, out);
    return out;
  }
  value.members.forEach(([key, member], index) => {
    const object = nested === undefined ? undefined : nestedObject(member);
    for (const text of textTokens(key)) out.push({ text, key: { value: object ?? member } });
    if (object !== undefined) nested?.push(object);
    else if (member.kind === 'object' || member.kind === 'array') jsonTokens(member, out);
    else jsonTokens(member, out, index);
  });
  return out;
}

/** The text tokens of a JSON value or a logfmt value (what rule 3 checks). */
function valueTokens(value: JsonValue | string): Token[] {
  if (typeof value === 'string') return textTokens(value).map((text) => ({ text }));
  const out: Token[] = [];
  jsonTokens(value, out);
  return out;
}

/**
 * The objects/arrays from `start` to the end of the line, separated by whitespace (one value for a
 * JSON line, two for Monolog's `… {"ctx":1} []`); `undefined` when the rest is not only those. A
 * bracketed word (`[ERROR]`) is no JSON; only objects and arrays of values count.
 */
function trailingValues(line: string, start: number): JsonValue[] | undefined {
  const values: JsonValue[] = [];
  let at = start;
  while (values.length < 4) {
    const read = JsonReader.readAt(line, at);
    if (read === undefined || (read.value.kind !== 'object' && read.value.kind !== 'array')) return undefined;
    values.push(read.value);
    const rest = line.slice(read.end);
    if (rest.trim() === '') return values;
    const next = read.end + (rest.length - rest.trimStart().length);
    if (next === read.end) return undefined;
    at = next;
  }
  return undefined;
}

/** Where the JSON part of a line starts, and its value; `undefined` when the line has none. */
function jsonPart(line: string): { start: number; value: JsonValue } | undefined {
  let from = 0;
  for (let attempts = 0; attempts < 64; attempts++) {
    const brace = line.indexOf('{', from);
    const bracket = line.indexOf('[', from);
    const start = brace < 0 ? bracket : bracket < 0 ? brace : Math.min(brace, bracket);
    if (start < 0) return undefined;
    const values = trailingValues(line, start);
    if (values !== undefined) {
      const [first] = values;
      if (values.length === 1 && first !== undefined) return { start, value: first };
      // Several values to the end (Monolog's `%context% %extra%`): one part, read as their list.
      return { start, value: { kind: 'array', items: values } };
    }
    from = start + 1;
  }
  return undefined;
}

// ---- what the record holds -------------------------------------------------------------------

const NOT_SEARCHED = new Set(['cloudwatch', '@timestamp', 'log_format', 'levelname']);
const CORE = ['message', 'exc_info', 'name', 'aws_request_id', 'asctime'];

/** The record as text to search, its numbers by value, and its core fields' text. */
interface Haystack {
  readonly all: string;
  readonly core: string;
  readonly numbers: ReadonlySet<string>;
  readonly levelname: string;
  readonly requestId: string | undefined;
  readonly message: string;
}

function collect(value: JsonValue, texts: string[], numbers: Set<string>): void {
  switch (value.kind) {
    case 'string':
      texts.push(value.value);
      return;
    case 'number':
      texts.push(value.literal);
      numbers.add(canonicalNumber(value.literal));
      return;
    case 'literal':
      texts.push(value.value);
      return;
    case 'array':
      for (const item of value.items) collect(item, texts, numbers);
      return;
    case 'object':
      for (const [key, member] of value.members) {
        texts.push(key);
        collect(member, texts, numbers);
      }
  }
}

/** Reads the record's shipped JSON text (one NDJSON line). */
export function haystackOf(recordJson: string): Haystack {
  const read = JsonReader.readAt(recordJson, 0);
  if (read === undefined || read.value.kind !== 'object')
    throw new TypeError('the record is not a JSON object');
  const texts: string[] = [];
  const core: string[] = [];
  const numbers = new Set<string>();
  let levelname = '';
  let requestId: string | undefined;
  let message = '';
  for (const [key, member] of read.value.members) {
    if (key === 'levelname' && member.kind === 'string') levelname = member.value;
    if (key === 'aws_request_id' && member.kind === 'string') requestId = member.value;
    if (key === 'message' && member.kind === 'string') message = member.value;
    if (NOT_SEARCHED.has(key)) continue;
    if (CORE.includes(key) && member.kind === 'string') core.push(member.value);
    texts.push(key);
    collect(member, texts, numbers);
  }
  // A line kept as text keeps its escapes (`\n`, `\u001b[33m` inside JSON or logfmt quotes): its
  // tokens are searched for in the decoded text as well.
  const decoded = (list: string[]) =>
    list.concat(list.filter((t) => t.includes('\\') || t.includes('\u001b')).map(unescaped));
  return {
    all: decoded(texts).join('\u0000'),
    core: decoded(core).join('\u0000'),
    numbers,
    levelname,
    requestId,
    message,
  };
}

/** `text` with JSON / Go string escapes undone and terminal colour codes removed. */
function unescaped(text: string): string {
  return text
    .replace(/\\u([0-9a-fA-F]{4})|\\(.)/gu, (_, hex: string | undefined, c: string) =>
      hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : (ESCAPES[c] ?? c),
    )
    .replace(ANSI, ' ');
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/** A decimal literal's value as `digits e exponent`, leading and trailing zeros removed. */
export function canonicalNumber(literal: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (match === null) return literal;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  let digits = whole + fraction;
  let exp = BigInt(exponent) - BigInt(fraction.length);
  digits = digits.replace(/^0+/, '');
  if (digits === '') return '0';
  while (digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    exp += 1n;
  }
  return `${sign}${digits}e${exp}`;
}

function isWordChar(c: string): boolean {
  return /[\p{L}\p{N}_]/u.test(c);
}

/** `token` occurs in `text` with no letter, digit or `_` right before or after it. */
export function occursIn(text: string, token: string): boolean {
  let at = text.indexOf(token);
  while (at >= 0) {
    const before = at === 0 ? '' : text.charAt(at - 1);
    const after = text.charAt(at + token.length);
    const boundedStart = before === '' || !isWordChar(before) || !isWordChar(token.charAt(0));
    const boundedEnd = after === '' || !isWordChar(after) || !isWordChar(token.charAt(token.length - 1));
    if (boundedStart && boundedEnd) return true;
    at = text.indexOf(token, at + 1);
  }
  return false;
}

function survives(token: Token, hay: Haystack): boolean {
  if (occursIn(hay.all, token.text)) return true;
  return token.number === true && hay.numbers.has(canonicalNumber(token.text));
}

// ---- the re-expressions ----------------------------------------------------------------------

const TIME = [
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/u,
  /^\d{4}\/\d{2}\/\d{2}$/u,
  /^\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/u,
];
const LEVEL_WORDS = new Map<string, string>([
  ['trace', 'DEBUG'],
  ['trce', 'DEBUG'],
  ['verbose', 'DEBUG'],
  ['debug', 'DEBUG'],
  ['dbug', 'DEBUG'],
  ['info', 'INFO'],
  ['information', 'INFO'],
  ['notice', 'INFO'],
  ['warn', 'WARNING'],
  ['warning', 'WARNING'],
  ['error', 'ERROR'],
  ['err', 'ERROR'],
  ['fail', 'ERROR'],
  ['fatal', 'CRITICAL'],
  ['crit', 'CRITICAL'],
  ['critical', 'CRITICAL'],
  ['panic', 'CRITICAL'],
  ['dpanic', 'CRITICAL'],
  ['alert', 'CRITICAL'],
  ['emerg', 'CRITICAL'],
  // syslog's and PSR-3's (monolog) full name, as slog's ReplaceAttr or logrus hooks write it.
  ['emergency', 'CRITICAL'],
  // java.util.logging's (SEVERE, FINE…), syslog's `informational`, log15's four-letter `EROR`.
  ['severe', 'ERROR'],
  ['fine', 'DEBUG'],
  ['finer', 'DEBUG'],
  ['finest', 'DEBUG'],
  ['informational', 'INFO'],
  ['eror', 'ERROR'],
  ['any', 'INFO'],
  // npm's levels (winston): http between info and verbose, silly under debug.
  ['http', 'INFO'],
  ['silly', 'DEBUG'],
  // Serilog's three-letter `{Level:u3}` (its console sink's default template); `err` is above.
  ['vrb', 'DEBUG'],
  ['dbg', 'DEBUG'],
  ['inf', 'INFO'],
  ['wrn', 'WARNING'],
  ['ftl', 'CRITICAL'],
]);
const ZONES = new Set(['UTC', 'GMT', 'Z']);
// Ruby Logger's severity letter (`I, [`), only in a head.
const LEVEL_LETTERS = new Set(['D', 'I', 'W', 'E', 'F', 'A']);
// glog's severity letter glued to the month and day (`I1101 10:47:57.081234`), before its time.
const GLOG_HEAD = /^[IWEF]\d{4}$/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

// Head times of the servers' own layouts: Tomcat's `01-Nov-2023`, Spark's (AWS Glue) `23/11/01`,
// MariaDB's and java.util.logging's unpadded hour `9:47:57` (JUL's with its nanoseconds); and a
// numeric zone after a time (gunicorn's `+0200`).
const SERVER_TIME = [/^\d{2}-[A-Z][a-z]{2}-\d{4}$/u, /^\d{2}\/\d{2}\/\d{2}$/u, /^\d:\d{2}:\d{2}(?:\.\d+)?$/u];
const ZONE_OFFSET = /^[+-]\d{4}$/u;
// A 12-hour clock's half after a time (java.util.logging's `1:11:31 PM`).
const MERIDIEM = new Set(['AM', 'PM']);
// Dates written as several tokens right before a time: MySQL 5.6's and MariaDB's `YYMMDD`
// (`240101  0:00:00`), java.util.logging's `Mon dd, yyyy` (`Jan 01, 2024 1:23:45`).
const SPLIT_DATES: readonly (readonly RegExp[])[] = [
  [/^\d{6}$/u],
  [/^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$/u, /^\d{2}$/u, /^\d{4}$/u],
];

/** How many tokens from `i` spell a {@link SPLIT_DATES} date followed by a time, or 0. */
function splitDateAt(tokens: readonly Token[], i: number): number {
  for (const parts of SPLIT_DATES) {
    const after = tokens[i + parts.length]?.text;
    if (after === undefined || !isTime(after)) continue;
    if (parts.every((shape, k) => shape.test(tokens[i + k]?.text ?? ''))) return parts.length;
  }
  return 0;
}

function isTime(text: string): boolean {
  return TIME.some((shape) => shape.test(text)) || SERVER_TIME.some((shape) => shape.test(text));
}

function isEpoch(literal: string): boolean {
  const n = Math.abs(Number(literal));
  return [1e9, 1e12, 1e15, 1e18].some((unit) => n >= unit && n < unit * 20);
}

function levelOf(value: JsonValue): string | undefined {
  if (value.kind === 'string') return LEVEL_WORDS.get(value.value.replace(ANSI, '').trim().toLowerCase());
  if (value.kind !== 'number') return undefined;
  const n = Number(value.literal);
  if (!Number.isInteger(n) || n < 10 || n > 60) return undefined;
  return n < 30 ? 'DEBUG' : n < 40 ? 'INFO' : n < 50 ? 'WARNING' : n < 60 ? 'ERROR' : 'CRITICAL';
}

/** Where the message's first tokens (up to three of them, in order) start among `tokens`. */
function messageStart(tokens: readonly Token[], message: readonly string[]): number {
  // The longest run of the message's first tokens found (the message may go on in a JSON part).
  for (let n = Math.min(3, message.length); n > 0; n--) {
    const run = message.slice(0, n);
    for (let i = 0; i + n <= tokens.length; i++) {
      if (run.every((text, k) => tokens[i + k]?.text === text)) return i;
    }
  }
  return -1;
}

/** Logback's status level after its `|-` mark: `-INFO`, `-WARN`, `-ERROR`. */
function isStatusLevel(text: string): boolean {
  return text.startsWith('-') && LEVEL_WORDS.has(text.slice(1).toLowerCase());
}

// `app.WARNING` (Monolog's `channel.LEVEL`): a name and a level spelled as one token.
const NAMED_LEVEL = /^(.+)\.([A-Za-z]+)$/u;

function markHead(tokens: Token[], hay: Haystack): void {
  let end = messageStart(tokens, textTokens(hay.message));
  if (end < 0) end = tokens.length;
  for (let i = 0; i < end; i++) {
    const match = NAMED_LEVEL.exec(tokens[i]?.text ?? '');
    if (match?.[1] === undefined || match[2] === undefined || !LEVEL_WORDS.has(match[2].toLowerCase()))
      continue;
    tokens.splice(i, 1, { text: match[1] }, { text: match[2] });
    end++;
  }
  for (let i = 0; i < end; i++) {
    const token = tokens[i];
    if (token === undefined) continue;
    const text = token.text;
    const next = tokens[i + 1]?.text;
    // A date in several tokens (marked at its first one) is part of the time after it.
    const date = token.exempt === undefined ? splitDateAt(tokens, i) : 0;
    for (let k = 0; k < date && i + k < end; k++) {
      const part = tokens[i + k];
      if (part !== undefined) part.exempt = 'time';
    }
    if (token.exempt !== undefined) continue;
    if (isTime(text)) token.exempt = 'time';
    else if (
      (ZONES.has(text) || ZONE_OFFSET.test(text) || MERIDIEM.has(text)) &&
      tokens[i - 1]?.exempt === 'time'
    )
      token.exempt = 'time';
    else if (text === 'RequestId' && next !== undefined && next === hay.requestId)
      token.exempt = 'request id';
    else if (LEVEL_WORDS.has(text.toLowerCase()) || LEVEL_LETTERS.has(text)) token.exempt = 'level';
    else if (GLOG_HEAD.test(text) && next !== undefined && isTime(next)) token.exempt = 'level';
    else if (isStatusLevel(text)) token.exempt = 'level';
    else if (text === 'in' && isStatusLevel(tokens[i - 1]?.text ?? '') && tokens[i - 1]?.exempt === 'level')
      token.exempt = 'level';
    else if (text === 'undefined' || (UUID.test(text) && hay.requestId === text)) token.exempt = 'request id';
  }
}

/** Rule 2: the JSON part's own time, level and request id, at its top level. */
function markJsonTop(value: JsonValue, tokens: Token[], hay: Haystack): void {
  if (value.kind !== 'object') return;
  const members = value.members;
  const absent = (index: number) => tokens.some((t) => t.top === index && !survives(t, hay));
  // One time and one level may go: the first member of that kind whose value the record does
  // not hold (a message `"fatal"` that survives never uses up the level's allowance), else the
  // first of that kind (its value survives, and its key is then the record's `levelname`).
  const pick = (is: (m: JsonValue) => boolean, as: string) => {
    const found = members.findIndex(([, m], i) => is(m) && absent(i));
    const index = found >= 0 ? found : members.findIndex(([, m]) => is(m));
    for (const token of tokens) if (index >= 0 && token.top === index) token.exempt ??= as;
  };
  pick((m) => (m.kind === 'string' ? isTime(m.value) : m.kind === 'number' && isEpoch(m.literal)), 'time');
  pick((m) => levelOf(m) === hay.levelname, 'level');
  pick((m) => hay.requestId !== undefined && m.kind === 'string' && m.value === hay.requestId, 'request id');
}

/**
 * Rule 3: a key whose value the record lifted into a core field. A key inside that value
 * counts as lifted when it is lifted itself (Go's `{"path","line","label"}` frames in `exc_info`).
 */
function isLifted(value: JsonValue | string, tokens: readonly Token[], hay: Haystack, depth = 0): boolean {
  const inner = valueTokens(value);
  if (inner.length === 0 || depth > 32) return false;
  return inner.every((t) => {
    if (t.key !== undefined)
      return occursIn(hay.core, t.text) || isLifted(t.key.value, tokens, hay, depth + 1);
    return (
      occursIn(hay.core, t.text) ||
      tokens.some((other) => other.exempt !== undefined && other.key === undefined && other.text === t.text)
    );
  });
}

/**
 * Rule 4: an object's key may be absent when the record kept every token of the object under
 * another key (the object was re-homed, say Lambda's platform `record` under `lambda`). An
 * empty object has nothing to re-home: its key must survive.
 */
function isRehomed(value: JsonValue | string, hay: Haystack): boolean {
  if (typeof value === 'string' || value.kind !== 'object' || value.members.length === 0) return false;
  const inner = valueTokens(value);
  return (
    inner.length > 0 &&
    inner.every((t) => survives(t, hay) || (t.key !== undefined && isLifted(t.key.value, [], hay)))
  );
}

function markKeys(tokens: Token[], hay: Haystack): void {
  for (const token of tokens) {
    if (token.key === undefined || token.exempt !== undefined) continue;
    if (isLifted(token.key.value, tokens, hay)) token.exempt = 'key lifted into a core field';
    else if (isRehomed(token.key.value, hay)) token.exempt = 'object re-homed';
  }
}

/** What the checker found: the tokens of the line the record does not hold. */
export interface ConservationReport {
  readonly missing: string[];
  /** Every token of the line, for a reader of a failure. */
  readonly tokens: readonly Token[];
}

/**
 * Checks SPEC §3's conservation invariant for one line and the record it became, the record
 * given as the JSON text it ships as. See the module comment for what a token is and which may
 * be absent.
 */
export function checkConservation(line: string, recordJson: string): ConservationReport {
  const hay = haystackOf(recordJson);
  const json = jsonPart(line);
  const text = json === undefined ? line : line.slice(0, json.start);
  const tokens = textPartTokens(text);
  markHead(tokens, hay);
  if (json !== undefined) {
    const nested: JsonValue[] = [];
    const inJson = jsonPartTokens(json.value, nested);
    markJsonTop(json.value, inJson, hay);
    tokens.push(...inJson);
    for (const part of nested) {
      const inPart = jsonPartTokens(part);
      markJsonTop(part, inPart, hay);
      tokens.push(...inPart);
    }
  }
  markKeys(tokens, hay);
  const missing = tokens
    .filter((token) => token.exempt === undefined && !survives(token, hay))
    .map((t) => t.text);
  return { missing: [...new Set(missing)], tokens };
}
