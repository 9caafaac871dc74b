import { parseJson } from '../../json.js';
import { isObject, jsonDepthExceeds, type JsonObject } from '../fields.js';
import type { JsonFormat, ParseContext, ParsedLine } from '../logFormat.js';
import { bunyan } from './bunyan.js';
import { dotnetJsonConsole } from './dotnetJsonConsole.js';
import { ecs } from './ecs.js';
import { gelf } from './gelf.js';
import { logrus, zap, zerolog } from './goJson.js';
import { goSlog } from './goSlog.js';
import { log4j2Json } from './log4j2Json.js';
import { logstashLogback } from './logstashLogback.js';
import { loguru } from './loguru.js';
import { monolog } from './monolog.js';
import { pino } from './pino.js';
import { powertools } from './powertools.js';
import { powertoolsDotnet } from './powertoolsDotnet.js';
import { powertoolsJava } from './powertoolsJava.js';
import { pythonJsonLogger } from './pythonJsonLogger.js';
import { rustTracingJson } from './rustTracingJson.js';
import { serilogClef } from './serilogClef.js';
import { structlog } from './structlog.js';
import { winston, winstonLogstash } from './winston.js';

/**
 * The JSON formats that are a logging library's record, in the order of `JSON_FORMATS`
 * (formats/index.ts): every JSON format but Lambda's own records, the Datadog extension's line,
 * AWS services' records (API Gateway access, Step Functions, CloudTrail) and the generic JSON
 * format, which claims any object. A test keeps the two lists in step.
 */
export const LOGGER_RECORD_FORMATS: readonly JsonFormat[] = [
  powertoolsDotnet,
  powertoolsJava,
  powertools,
  pythonJsonLogger,
  rustTracingJson,
  bunyan,
  pino,
  zap,
  goSlog,
  logrus,
  zerolog,
  winston,
  serilogClef,
  dotnetJsonConsole,
  loguru,
  ecs,
  logstashLogback,
  monolog,
  structlog,
  winstonLogstash,
  log4j2Json,
  gelf,
];

/** A logging library's record found in a string, as the object it is and as that library reads it. */
export interface LoggerRecord {
  readonly object: JsonObject;
  readonly parsed: ParsedLine;
}

// As parseEvent's guard (normalizeEvent.ts): text this long may nest deeper than the record's
// JSON encoding survives; such a record stays text.
const MAX_DEPTH = 1000;
const DEPTH_CHECK_LENGTH = 2 * MAX_DEPTH;

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
 * `logger.info(json.dumps(structlogEvent))`), or `undefined` when it is none: not a JSON object,
 * or an object no logging library's format claims (an arbitrary payload). Only text that starts
 * with `{"` and ends with `}` pays for `JSON.parse`.
 */
export function loggerRecordIn(text: string, context: ParseContext): LoggerRecord | undefined {
  if (!looksLikeObject(text)) return undefined;
  if (text.length > DEPTH_CHECK_LENGTH && jsonDepthExceeds(text, MAX_DEPTH)) return undefined;
  let object: unknown;
  try {
    object = parseJson(text);
  } catch {
    return undefined;
  }
  if (!isObject(object)) return undefined;
  for (const format of LOGGER_RECORD_FORMATS) {
    const parsed = format.parse(object, context, text);
    if (parsed !== undefined) {
      parsed.format ??= format.name;
      return { object, parsed };
    }
  }
  return undefined;
}
