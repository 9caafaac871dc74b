import type { JsonObject } from '../fields.js';
import { readDuplicates, withShadowed, type DuplicateRead } from './duplicateKeys.js';

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
export type DotnetRecord = DuplicateRead;

/**
 * The .NET runtime's record in `line`, or `undefined` when the line is no such record (it has no
 * `"timestamp":"…","level":"<.NET level>"`). Costs an `indexOf` on other lines with a `timestamp`
 * and a few more on .NET ones; only a line that holds one of the runtime's keys twice is read
 * again. Read by the Lambda JSON format and by the generic JSON one, which takes the record where
 * the Lambda JSON format is not tried (inside a text prefix).
 */
export function dotnetRecord(object: JsonObject, line: string): DotnetRecord | undefined {
  if (dotnetHeadEnd(object, line) < 0) return undefined;
  return readDuplicates(line, HEAD_KEYS, TAIL_KEYS) ?? { object, shadowed: {} };
}

/**
 * The properties of a .NET record that the runtime's keys shadowed, each under its own key; a
 * runtime value already kept under that key (`traceId`) moves to `runtime_<key>`.
 */
export function withShadowedProperties(
  fields: JsonObject | undefined,
  dotnet: DotnetRecord | undefined,
): JsonObject | undefined {
  return withShadowed(fields, dotnet, 'runtime_');
}
