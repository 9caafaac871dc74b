/** Small helpers shared by the JSON formats. */

import { isObject, jsonText, setField, type JsonObject } from '../json.js';

export { isObject, jsonText, type JsonObject } from '../json.js';

/** The first of `keys` whose value is a non-empty string. */
export function firstString(object: JsonObject, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * SPEC §3 precedence of the keys that name a line's logger. `service` is not among them: SPEC §3
 * counts only Powertools' `service` as a name (see {@link POWERTOOLS_NAME_KEYS}); any other
 * line's `service` (winston's `defaultMeta`, an app's own field) stays a field.
 */
export const NAME_KEYS = ['name', 'logger', 'logger_name', 'loggerName'] as const;

/** Powertools records: a logger name they carry first, then their `service` (SPEC §3). */
export const POWERTOOLS_NAME_KEYS = [...NAME_KEYS, 'service'] as const;

/** The first of `keys` whose value is a non-empty string: the key, not its value. */
export function firstStringKey(object: JsonObject, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'string' && value !== '') return key;
  }
  return undefined;
}

/**
 * Sets a `key=value` pair's value; a key seen before gathers its values into an array, in line
 * order (logfmt, hclog: a key written twice keeps both). Values are strings, so an array here is
 * one this function made, and it grows in place (linear).
 */
export function addPairValue(fields: JsonObject, key: string, value: string): void {
  if (!Object.prototype.hasOwnProperty.call(fields, key)) {
    setField(fields, key, value);
    return;
  }
  const seen = fields[key];
  if (Array.isArray(seen)) seen.push(value);
  else setField(fields, key, [seen, value]);
}

/** `object[key]` when it is a string (empty included), else `undefined`. */
export function stringAt(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}

/** A copy of `object` without `keys`; `undefined` when nothing is left. */
export function without(object: JsonObject, keys: readonly string[]): JsonObject | undefined {
  let rest: JsonObject | undefined;
  for (const key in object) {
    if (!Object.prototype.hasOwnProperty.call(object, key) || keys.includes(key)) continue;
    rest ??= {};
    setField(rest, key, object[key]);
  }
  return rest;
}

/** A message as text: strings as they are, anything else as compact JSON. */
export function messageText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return jsonText(value);
}

/**
 * A stack as one string with `\n` between lines (arrays of frames are joined); the line break
 * `printStackTrace` and `format_exc` end with is no part of it.
 */
export function stackText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : trimNewlines(value);
  if (Array.isArray(value) && value.length > 0) return value.map(frameText).join('\n');
  return undefined;
}

/**
 * One frame of a stack array as text. Frames that are objects are Go's: aws-lambda-go's
 * `{"path","line","label"}` (lambda/messages/messages.go) and zerolog's pkg/errors
 * `{"func","line","source"}` (rs/zerolog pkgerrors), written the way Go prints a traceback:
 * the function, then a tab and `file:line`; log4j2's are Java's. Any other frame is its text or
 * compact JSON.
 */
export function frameText(frame: unknown): string {
  if (isObject(frame)) {
    // log4j2 JsonTemplateLayout `exception` resolver, field `stackTrace` (aws-lambda-java-log4j2
    // LambdaLayout.json): `{"class","method","file","line"}`, written as Java's
    // `StackTraceElement.toString()` does: `pkg.Class.method(File.java:12)`, line -2 a native
    // method (`(Native Method)`), no file `(Unknown Source)`.
    if (typeof frame.class === 'string' && typeof frame.method === 'string') {
      const where =
        typeof frame.file === 'string'
          ? `${frame.file}${frame.line === undefined ? '' : `:${messageText(frame.line)}`}`
          : frame.line === -2
            ? 'Native Method'
            : 'Unknown Source';
      return `${frame.class}.${frame.method}(${where})`;
    }
    const fn = frame.label ?? frame.func;
    const file = frame.path ?? frame.source;
    if (fn !== undefined && file !== undefined) {
      const line = frame.line === undefined ? '' : `:${messageText(frame.line)}`;
      return `${messageText(fn)}\n\t${messageText(file)}${line}`;
    }
  }
  return messageText(frame);
}

/**
 * True when {@link frameText} writes every part of every frame (strings; Java frames with a
 * file; Go frames), so the array may leave the record for its text in `exc_info`. A frame it
 * cannot write whole (a Java frame without a file, whose line number Java's text omits) keeps
 * the array as a field.
 */
export function framesWrittenWhole(frames: readonly unknown[]): boolean {
  return frames.every((frame) => {
    if (!isObject(frame)) return true;
    const keys = Object.keys(frame);
    if (typeof frame.class === 'string') {
      return (
        typeof frame.file === 'string' && keys.every((k) => ['class', 'method', 'file', 'line'].includes(k))
      );
    }
    return keys.every((k) => ['label', 'func', 'path', 'source', 'line'].includes(k));
  });
}

/**
 * A structured line's `message` that is itself an object: `message` carries its compact JSON text
 * (readable, searchable as text in Kibana), and the object is kept whole under the record's
 * `message_fields` so its fields can be filtered on (`message_fields.orderId`). Formats hand the
 * object over under this symbol in their `fields` (a symbol key is never one of the line's own
 * keys, so the line's own `message_fields`, if any, is a collision like any other, kept under
 * `original_fields`).
 */
export const MESSAGE_OBJECT: unique symbol = Symbol('message object');

/** The other fields of a line, plus the message object when the message was one. */
export function withMessageObject(rest: JsonObject | undefined, message: unknown): JsonObject | undefined {
  if (!isObject(message)) return rest;
  const fields: JsonObject & { [MESSAGE_OBJECT]?: JsonObject } = rest ?? {};
  fields[MESSAGE_OBJECT] = message;
  return fields;
}

/** The message object a format handed over with {@link withMessageObject}. */
export function messageObjectOf(fields: JsonObject): JsonObject | undefined {
  return (fields as { [MESSAGE_OBJECT]?: JsonObject })[MESSAGE_OBJECT];
}

/** Lambda's error shape (`errorType`, `errorMessage`, `stackTrace`), as written by the runtimes. */
export interface LambdaError {
  errorType?: unknown;
  errorMessage?: unknown;
  stackTrace?: unknown;
  cause?: unknown;
}

/** True for an object with a string `errorType` or `errorMessage`: Lambda's error shape. */
export function isLambdaError(value: unknown): value is JsonObject & LambdaError {
  return isObject(value) && (typeof value.errorType === 'string' || typeof value.errorMessage === 'string');
}

/** `Type: message`, the way the runtimes print an error's headline. */
export function errorHeadline(error: LambdaError): string {
  const type = typeof error.errorType === 'string' ? error.errorType : '';
  const message = messageText(error.errorMessage);
  if (type === '') return message;
  return message === '' ? type : `${type}: ${message}`;
}

const MAX_CAUSES = 16;

/**
 * The stack of a Lambda error shape as the language itself prints it, lines joined by `\n`:
 * - Python (`stackTrace` from `traceback.format_tb`/`format_list`, entries `  File "…", line N, in f\n    code\n`):
 *   `Traceback (most recent call last):` + frames + `Type: message`, as Python prints it;
 * - Node.js (`stackTrace` is `error.stack.split('\n')`, its first line the `Error: message` headline): joined;
 * - Java (`stackTrace` entries `pkg.Class.method(File.java:12)`, `cause` nested):
 *   `Type: message` + `\tat frame` lines + `Caused by: …`, as `printStackTrace` prints it;
 * - anything else (Ruby `file.rb:3:in 'method'`, custom runtimes): the headline, then the frames.
 * `undefined` when the error carries neither a stack nor a type.
 */
export function lambdaErrorStack(error: LambdaError): string | undefined {
  const frames = Array.isArray(error.stackTrace) ? error.stackTrace.map(frameText) : [];
  const headline = errorHeadline(error);
  const first = frames[0];
  if (first === undefined) {
    if (typeof error.stackTrace === 'string' && error.stackTrace.trim() !== '')
      return stackText(error.stackTrace);
    return typeof error.errorType === 'string' && error.errorType !== '' ? headline : undefined;
  }
  if (first.startsWith('  File "')) {
    const lines = ['Traceback (most recent call last):'];
    for (const frame of frames) lines.push(trimNewlines(frame));
    lines.push(headline);
    return lines.join('\n');
  }
  if (headline !== '' && first.startsWith(headline)) {
    // .NET writes `Exception.ToString()` lines trimmed: its frames and inner-exception markers
    // get back the indentation ToString() gave them.
    return frames.map(dotnetLine).join('\n');
  }
  if (frames.some((frame) => frame.startsWith('    at '))) return stackText(frames);
  if (isJavaFrame(first)) return javaStack(error, frames);
  return [headline, ...frames].join('\n');
}

const END_OF_INNER = '--- End of inner exception stack trace ---';

/** A trimmed line of .NET's `Exception.ToString()` as ToString() indents it. */
function dotnetLine(line: string): string {
  if (line.startsWith('at ') || line === END_OF_INNER) return `   ${line}`;
  return line.startsWith('---> ') ? ` ${line}` : line;
}

function trimNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0x0a || text.charCodeAt(end - 1) === 0x0d)) end--;
  return (end === text.length ? text : text.slice(0, end)).replace(/\r\n?/g, '\n');
}

// `com.example.Handler.handleRequest(Handler.java:12)`, `java.base/…(Native Method)`.
function isJavaFrame(frame: string): boolean {
  return frame.endsWith(')') && frame.indexOf('(') > 0 && frame.charCodeAt(0) > 0x20;
}

function javaStack(error: LambdaError, frames: readonly string[]): string {
  const lines = [errorHeadline(error)];
  for (const frame of frames) lines.push(`\tat ${frame}`);
  let cause = error.cause;
  for (let depth = 0; depth < MAX_CAUSES && isLambdaError(cause); depth++) {
    lines.push(`Caused by: ${errorHeadline(cause)}`);
    if (Array.isArray(cause.stackTrace))
      for (const frame of cause.stackTrace) lines.push(`\tat ${messageText(frame)}`);
    cause = cause.cause;
  }
  return lines.join('\n');
}

// CSI sequences (colours, cursor moves): ESC [ params final-byte. Linear: no nested quantifier.
// eslint-disable-next-line no-control-regex -- ESC is the very character to match
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** Removes terminal colour codes, which loggers like pino-pretty, chalk or winston's colorize leave. */
export function stripAnsi(text: string): string {
  return text.includes('\u001b') ? text.replace(ANSI, '') : text;
}

// Nesting the record's JSON encoding survives with room to spare (V8 recurses per level), and
// the text length below which that depth cannot be reached (two characters per level).
const MAX_FIELD_DEPTH = 1000;
const DEPTH_CHECK_LENGTH = 2 * MAX_FIELD_DEPTH;

/**
 * True when JSON `text` nests deeper than the record's encoding survives: such a line (or a
 * message holding such a record) is forwarded as text. Only text long enough to nest that deep
 * pays for the scan.
 */
export function nestsTooDeepForRecord(text: string): boolean {
  return text.length > DEPTH_CHECK_LENGTH && jsonDepthExceeds(text, MAX_FIELD_DEPTH);
}

/**
 * True when the JSON text nests objects/arrays deeper than `max` (brackets inside strings
 * ignored). `JSON.parse` accepts any depth, but `JSON.stringify` (the record's encoding) recurses
 * and throws past a few thousand levels; such a line is forwarded as text instead. One pass.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}
