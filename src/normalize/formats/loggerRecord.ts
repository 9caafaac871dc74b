import { parseJson } from '../../json.js';
import { isObject, nestsTooDeepForRecord, type JsonObject } from '../fields.js';
import type { JsonFormat, ParseContext, ParsedLine } from '../logFormat.js';
import { genericJson, statesLevelWord } from './genericJson.js';

/**
 * The JSON formats that are a logging library's record, in the order of `JSON_FORMATS`: given by
 * formats/index.ts when it registers the formats (this module is imported by lambdaJson.ts, which
 * index.ts imports, so it cannot import the list itself).
 */
let loggerRecordFormats: readonly JsonFormat[] = [];

/** Sets the formats {@link loggerRecordIn} tries (formats/index.ts, once, at load). */
export function useLoggerRecordFormats(formats: readonly JsonFormat[]): void {
  loggerRecordFormats = formats;
}

/** A logging library's record found in a string, as the object it is and as that library reads it. */
export interface LoggerRecord {
  readonly object: JsonObject;
  readonly parsed: ParsedLine;
}

/**
 * True when `text`, whitespace aside, starts with `{"` and ends with `}`: a few character reads.
 * The quote turns away Python's `logger.info(a_dict)` (`{'a': 1}`, the dict's repr) before it
 * pays for a failing `JSON.parse`.
 */
function looksLikeObject(text: string): boolean {
  let start = 0;
  while (start < text.length && text.charCodeAt(start) <= 0x20) start++;
  if (text.charCodeAt(start) !== 0x7b /* { */) return false;
  let key = start + 1;
  while (key < text.length && text.charCodeAt(key) <= 0x20) key++;
  if (text.charCodeAt(key) !== 0x22 /* " */) return false;
  let end = text.length - 1;
  while (end > key && text.charCodeAt(end) <= 0x20) end--;
  return text.charCodeAt(end) === 0x7d; /* } */
}

/**
 * The logging library's record that `text` is (`console.log(JSON.stringify(pinoRecord))`,
 * `logger.info(json.dumps(structlogEvent))`), or a hand-rolled record ({@link handRolledRecord}),
 * or `undefined` when it is none: not a JSON object, or an object that is neither (an arbitrary
 * payload). Only text that starts with `{"` and ends with `}` pays for `JSON.parse`.
 */
export function loggerRecordIn(text: string, context: ParseContext): LoggerRecord | undefined {
  const object = objectIn(text);
  if (object === undefined) return undefined;
  for (const format of loggerRecordFormats) {
    const parsed = format.parse(object, context, text);
    if (parsed !== undefined) {
      parsed.format ??= format.name;
      return { object, parsed };
    }
  }
  return handRolledRecord(object, context, text);
}

/**
 * A record a program wrote by hand, no library's (`console.log(JSON.stringify({ level: 'warn',
 * message }))`): an object that states its level as a word ({@link statesLevelWord}), read as the
 * generic JSON format reads it (format `json`); `undefined` for any other object (an event or
 * payload logged whole stays the message it is). Exported for a message that is that object
 * itself (Node's `console.log({ level, message })` in Lambda's JSON log format).
 */
export function handRolledRecord(
  object: JsonObject,
  context: ParseContext,
  text: string,
): LoggerRecord | undefined {
  if (!statesLevelWord(object)) return undefined;
  const parsed = genericJson.parse(object, context, text);
  if (parsed === undefined) return undefined;
  parsed.format ??= genericJson.name;
  return { object, parsed };
}

function objectIn(text: string): JsonObject | undefined {
  if (!looksLikeObject(text)) return undefined;
  // As parseEvent's guard: a record nested deeper than its encoding survives stays text.
  if (nestsTooDeepForRecord(text)) return undefined;
  let object: unknown;
  try {
    object = parseJson(text);
  } catch {
    return undefined;
  }
  return isObject(object) ? object : undefined;
}
