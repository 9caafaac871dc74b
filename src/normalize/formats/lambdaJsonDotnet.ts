import { parseJson, setField } from '../../json.js';
import { isObject, type JsonObject } from '../fields.js';

/**
 * The .NET runtime's records in Lambda's JSON log format, as Amazon.Lambda.RuntimeSupport's
 * `JsonLogMessageFormatter.FormatMessage` writes them with `Utf8JsonWriter` (compact, keys in
 * this order): `{"timestamp","level","requestId"?,"tenantId"?,"traceId"?,"message"`, then one
 * top-level key per message-template property (`LogInformation("Hello {name}", name)` writes
 * `"name":"Bob"`), then `errorType`, `errorMessage`, `stackTrace` with an exception. The writer
 * does not check for duplicate keys, so a property named like one of the runtime's keys
 * (`{message}`, `{level}`, `{requestId}`) is written a second time, and `JSON.parse` keeps only
 * the last: the runtime's message, level or request id would be replaced by the property's
 * value. The record has no logger key (LambdaILogger passes no category in the JSON format): a
 * `name` or `logger` key is a property.
 * Checked against aws/aws-lambda-dotnet Libraries/src/Amazon.Lambda.RuntimeSupport/Helpers/
 * Logging/JsonLogMessageFormatter.cs and Libraries/src/Amazon.Lambda.Logging.AspNetCore/LambdaILogger.cs.
 */

/** The level names the .NET runtime writes (`LogLevel.ToString()`), which no other runtime spells so. */
export const DOTNET_LEVELS: ReadonlySet<string> = new Set([
  'Trace',
  'Debug',
  'Information',
  'Warning',
  'Error',
  'Critical',
]);

/** The runtime's keys, written before the properties: the first occurrence is the runtime's. */
const HEAD_KEYS = ['timestamp', 'level', 'requestId', 'tenantId', 'traceId', 'message'];
/** The exception's keys, written after the properties: the last occurrence is the runtime's. */
const TAIL_KEYS = ['errorType', 'errorMessage', 'stackTrace'];
// A key no line can have (a NUL in it), for the first occurrence of a duplicate while re-reading.
const MARK = '\\u0000first';
const MARKED = '\u0000first';
const HEAD = '"timestamp":"';
const LEVEL = ',"level":"';

/**
 * Where `"timestamp":"…","level":"<.NET level>"` ends in `line` (after the level's closing
 * quote), or -1: the head both the .NET runtime's records and Powertools for .NET's snake_case
 * records have. The runtime writes it first; it is looked for anywhere, so a key put before it
 * (a record re-serialized with one more key) does not hide it. Lines with no `timestamp` key pay
 * one property read.
 */
function dotnetHeadEnd(object: JsonObject, line: string): number {
  if (!('timestamp' in object)) return -1;
  const head = line.indexOf(HEAD);
  if (head < 0) return -1;
  const timestampEnd = line.indexOf('"', head + HEAD.length);
  if (timestampEnd < 0 || !line.startsWith(LEVEL, timestampEnd + 1)) return -1;
  const levelStart = timestampEnd + 1 + LEVEL.length;
  const levelEnd = line.indexOf('"', levelStart);
  return levelEnd >= 0 && DOTNET_LEVELS.has(line.slice(levelStart, levelEnd)) ? levelEnd + 1 : -1;
}

/**
 * True when `line` is the .NET runtime's record, not Powertools for .NET's: Powertools writes
 * `service` right after the level (PowertoolsLogger.cs `GetLogEntry`), the runtime never does
 * (its `service` is a message-template property, after `message`).
 */
export function isDotnetRuntimeRecord(object: JsonObject, line: string): boolean {
  const end = dotnetHeadEnd(object, line);
  return end >= 0 && !line.startsWith(',"service":', end);
}

/** What the runtime wrote, and the properties whose key it wrote too. */
export interface DotnetRecord {
  /** The record with the runtime's values under its keys. */
  readonly object: JsonObject;
  /** The properties that had one of the runtime's keys, by key; empty when none had. */
  readonly shadowed: JsonObject;
}

/**
 * The .NET runtime's record in `line`, or `undefined` when the line is no such record (it has no
 * `"timestamp":"…","level":"<.NET level>"`). Costs an `indexOf` on other lines with a `timestamp`
 * and a few more on .NET ones; only a line that holds one of the runtime's keys twice is read
 * again. Read by the Lambda JSON format and by the generic JSON one, which takes the record where
 * the Lambda JSON format is not tried (inside a text prefix).
 */
export function dotnetRecord(object: JsonObject, line: string): DotnetRecord | undefined {
  if (dotnetHeadEnd(object, line) < 0) return undefined;
  const none: DotnetRecord = { object, shadowed: {} };
  // Where each duplicated key first occurs; `"key":` is only ever a key (a quote inside a
  // string is escaped), though perhaps of a nested object, which the re-read tells apart.
  const firsts: [number, string][] = [];
  for (const key of [...HEAD_KEYS, ...TAIL_KEYS]) {
    const quoted = `"${key}":`;
    const first = line.indexOf(quoted);
    if (first >= 0 && line.indexOf(quoted, first + quoted.length) >= 0) firsts.push([first, key]);
  }
  if (firsts.length === 0) return none;
  // Each first occurrence renamed (from the end, so the offsets before it stay), then read again.
  firsts.sort((a, b) => b[0] - a[0]);
  let marked = line;
  for (const [at, key] of firsts) {
    const end = at + key.length + 1;
    marked = `${marked.slice(0, end)}${MARK}${marked.slice(end)}`;
  }
  let reread: unknown;
  try {
    reread = parseJson(marked);
  } catch {
    return none;
  }
  if (!isObject(reread)) return none;
  const fixed: JsonObject = {};
  const shadowed: JsonObject = {};
  const renamed = new Map(firsts.map(([, key]) => [`${key}${MARKED}`, key]));
  // A first occurrence that was nested (a serialized `{@Order}` with a `message` key) is not the
  // runtime's: the line is read as it was.
  for (const [, key] of firsts) if (!Object.hasOwn(reread, `${key}${MARKED}`)) return none;
  for (const key of Object.keys(reread)) {
    const value = reread[key];
    const original = renamed.get(key);
    if (original !== undefined) {
      // A first occurrence: the runtime's head key, or a property before the exception's key.
      const isTail = TAIL_KEYS.includes(original);
      setField(isTail && Object.hasOwn(reread, original) ? shadowed : fixed, original, value);
    } else if (renamed.has(`${key}${MARKED}`)) {
      // A last occurrence: a property after the runtime's head key, or the exception's key.
      setField(TAIL_KEYS.includes(key) ? fixed : shadowed, key, value);
    } else {
      setField(fixed, key, value);
    }
  }
  return { object: fixed, shadowed };
}

/**
 * The properties of a .NET record that the runtime's keys shadowed, each under its own key; a
 * runtime value already kept under that key (`traceId`) moves to `runtime_<key>`.
 */
export function withShadowed(
  fields: JsonObject | undefined,
  dotnet: DotnetRecord | undefined,
): JsonObject | undefined {
  if (dotnet === undefined) return fields;
  let out = fields;
  for (const key in dotnet.shadowed) {
    if (!Object.prototype.hasOwnProperty.call(dotnet.shadowed, key)) continue;
    out ??= {};
    if (Object.hasOwn(out, key)) {
      let target = `runtime_${key}`;
      while (Object.hasOwn(out, target)) target = `runtime_${target}`;
      setField(out, target, out[key]);
    }
    setField(out, key, dotnet.shadowed[key]);
  }
  return out;
}
