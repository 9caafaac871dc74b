import { toLevelName } from '../levels.js';
import type { JsonFormat, ParsedLine } from '../logFormat.js';
import {
  firstStringKey,
  isObject,
  POWERTOOLS_NAME_KEYS,
  messageText,
  stackText,
  stringAt,
  without,
  withMessageObject,
  type JsonObject,
} from '../fields.js';
import { stackWithCauses } from './errorCauses.js';

/**
 * Powertools for AWS Lambda Logger records.
 * - Python (`LambdaPowertoolsFormatter`): `{"level","location","message","timestamp","service",
 *   "cold_start","function_name","function_memory_size","function_arn","function_request_id",
 *   "xray_trace_id", …appended keys}`; with an exception also `exception` (the traceback as
 *   `logging.Formatter.formatException` prints it) and `exception_name`, and, with
 *   `serialize_stacktrace`, `stack_trace` (an object of frames). `message` may be a dict.
 * - TypeScript (`PowertoolsLogFormatter`): `{"level","message","timestamp","service","cold_start",
 *   "function_arn","function_memory_size","function_name","function_request_id","sampling_rate",
 *   "xray_trace_id", …}`; an error passed to `logger.error('msg', err)` is the `error` key (or the
 *   key the caller chose) formatted by `LogFormatter.formatError` as `{"name","location","message",
 *   "stack","cause"?}`, an `Error` cause formatted the same way (nested): the causes' stacks join
 *   the error's in exc_info as Node prints them (`[cause]:`). With `POWERTOOLS_DEV` the stack is
 *   an array of its lines and the record is indented (and, printed through the global `console`,
 *   behind the Node.js runtime's prefix on Lambda).
 * Recognised by `service` with `level`, and one of the keys only Powertools writes (`location`,
 * `sampling_rate`, `cold_start`, `function_request_id`), or by an upper-case level, `message` and
 * `timestamp` beside `service` with no Lambda request id or logger key (TypeScript without context).
 * `name` is `service` (unless the record also carries a logger name, which SPEC §3 puts first);
 * `aws_request_id` is `function_request_id`; `exc_info` the `exception`
 * traceback or the error's `stack`.
 * Checked against aws-powertools/powertools-lambda-python (aws_lambda_powertools/logging/formatter.py)
 * and aws-powertools/powertools-lambda-typescript (packages/logger/src/formatter/PowertoolsLogFormatter.ts,
 * LogFormatter.ts `formatError`).
 */

const MARKER_KEYS = ['location', 'sampling_rate', 'cold_start', 'function_request_id'];

/**
 * Where a Powertools record keeps what the record re-expresses. Python, TypeScript and Java write
 * these snake_case keys; .NET's `LoggerOutputCase` spells them otherwise (powertoolsDotnet.ts).
 */
export interface PowertoolsKeys {
  readonly level: string;
  readonly message: string;
  /** Python's traceback string. */
  readonly exception: string;
  /** SPEC §3: the logger's name, then `service`, in this order. */
  readonly names: readonly string[];
  readonly requestIds: readonly string[];
}

export const POWERTOOLS_KEYS: PowertoolsKeys = {
  level: 'level',
  message: 'message',
  exception: 'exception',
  names: POWERTOOLS_NAME_KEYS,
  requestIds: ['function_request_id'],
};

// The level names Powertools writes (Python's, TypeScript's), always upper case.
const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'WARNING', 'ERROR', 'CRITICAL', 'FATAL']);

/** True for a record of a Powertools logger (any language): see the format's comment. */
export function isPowertools(object: JsonObject): boolean {
  if (typeof object.service !== 'string' || typeof object.level !== 'string') return false;
  // Lambda's own Python JSON record (`logger` + `requestId`) with a `service` passed in `extra`.
  if ('logger' in object && 'requestId' in object) return false;
  for (const key of MARKER_KEYS) if (key in object) return true;
  // Powertools TypeScript outside `injectLambdaContext`, no sampling rate set: `level`, `message`,
  // `service`, `timestamp` (and `xray_trace_id`). No Lambda JSON record has a `service` without
  // its request id or logger key; winston's levels are lower case.
  return (
    LEVELS.has(object.level) &&
    'message' in object &&
    typeof object.timestamp === 'string' &&
    !('requestId' in object) &&
    !('AWSRequestId' in object) &&
    !('logger' in object)
  );
}

/** An error a Powertools record carries: its key, its stack as exc_info, what stays of it. */
export interface PowertoolsError {
  key: string;
  exc_info: string;
  /** The error object without what exc_info now holds. */
  rest: JsonObject;
}

/**
 * A formatted stack: a string, or, with `POWERTOOLS_DEV` set, the same split into its lines
 * (`formatError`: `stack.split('\n')`).
 */
function isStack(value: unknown): boolean {
  if (typeof value === 'string') return true;
  return Array.isArray(value) && value.length > 0 && value.every((line) => typeof line === 'string');
}

/** A formatted Error of Powertools TypeScript: `{ name, message, stack, location? }`. */
function errorKey(object: JsonObject): string | undefined {
  if (isObject(object.error) && isStack(object.error.stack)) return 'error';
  for (const key in object) {
    const value = object[key];
    if (isObject(value) && isStack(value.stack) && typeof value.name === 'string') return key;
  }
  return undefined;
}

/** The error object's `stack`, with its causes', is exc_info; its `name`, `message`, `location` stay. */
function stackError(object: JsonObject): PowertoolsError | undefined {
  const key = errorKey(object);
  const error = key === undefined ? undefined : (object[key] as JsonObject);
  const stack = error === undefined ? undefined : stackText(error.stack);
  if (key === undefined || error === undefined || stack === undefined) return undefined;
  return { key, ...stackWithCauses(error, stack, ['stack']) };
}

/**
 * Parses a Powertools record (detected by the caller): Python's `exception` traceback, else the
 * error object `errorOf` finds (by default TypeScript's `{ name, message, stack }`) is exc_info.
 * Powertools for Java and .NET (powertoolsJava.ts, powertoolsDotnet.ts) pass their own, and .NET
 * the keys of its output case.
 */
export function parsePowertools(
  object: JsonObject,
  errorOf: (object: JsonObject) => PowertoolsError | undefined = stackError,
  keys: PowertoolsKeys = POWERTOOLS_KEYS,
): ParsedLine {
  // The docs' "bring your own formatter" example moves the message to `event`.
  const messageKey = !(keys.message in object) && typeof object.event === 'string' ? 'event' : keys.message;
  const message = object[messageKey];
  let exc_info = stackText(object[keys.exception]);
  const levelname = toLevelName(object[keys.level]);
  const consumed = [messageKey];
  if (levelname !== undefined) consumed.push(keys.level);
  if (exc_info !== undefined) consumed.push(keys.exception);
  // SPEC §3: a logger name the record carries (`name`, `logger`, …) comes before `service`.
  const nameKey = firstStringKey(object, keys.names);
  if (nameKey !== undefined) consumed.push(nameKey);
  const requestIdKey = firstStringKey(object, keys.requestIds);
  if (requestIdKey !== undefined) consumed.push(requestIdKey);
  let fields = without(object, consumed);
  if (exc_info === undefined) {
    const error = errorOf(object);
    exc_info = error?.exc_info;
    if (error !== undefined && fields !== undefined) fields[error.key] = error.rest;
  }
  fields = withMessageObject(fields, message);
  const requestId = requestIdKey === undefined ? undefined : stringAt(object, requestIdKey);
  return {
    message: messageText(message),
    levelname: levelname ?? (exc_info === undefined ? undefined : 'ERROR'),
    name: nameKey === undefined ? undefined : (object[nameKey] as string),
    exc_info,
    aws_request_id: requestId,
    fields,
  };
}

export const powertools: JsonFormat = {
  name: 'powertools',
  parse(object): ParsedLine | undefined {
    return isPowertools(object) ? parsePowertools(object) : undefined;
  },
};
