import type { JsonFormat, ParsedLine } from '../logFormat.js';
import { firstString, isObject, stackText, without, type JsonObject } from '../fields.js';
import { isDotnetRuntimeRecord } from './lambdaJsonDotnet.js';
import { parsePowertools, POWERTOOLS_KEYS, type PowertoolsError, type PowertoolsKeys } from './powertools.js';

/**
 * Powertools for AWS Lambda (.NET) Logger records: `{"cold_start":true,"xray_trace_id","function_name",
 * "function_version","function_memory_size","function_arn","function_request_id","timestamp",
 * "level":"Information","service","name":"AWS.Lambda.Powertools.Logging.Logger","message":"…",
 * "sampling_rate"?, "exception"?, …appended keys}`. Every key, appended ones and the exception's
 * included, is written in the `LoggerOutputCase` (`POWERTOOLS_LOGGER_CASE`): snake_case by default,
 * CamelCase (`coldStart`, `functionRequestId`, `xrayTraceId`; `level`, `message`, `service`, `name`
 * unchanged) or PascalCase (`Level`, `Message`, `Timestamp`, `Service`, `Name`, `ColdStart`,
 * `FunctionRequestId`, `XrayTraceId`, `Exception`). With PascalCase and Lambda's advanced logging
 * controls (`AWS_LAMBDA_LOG_LEVEL`) the level's key is `LogLevel`. Levels are .NET's `LogLevel`
 * names (Trace Debug Information Warning Error Critical). `message` may be an object (`{@json}`).
 * An exception is `"exception":{"type","message","source","stack_trace","inner_exception"?:{…}}`
 * (`ExceptionConverter`, keys in the output case; `stack_trace` is `Exception.StackTrace`, the
 * frames only), written into exc_info as `Exception.ToString()` prints it: `Type: message`,
 * ` ---> Inner: …` and `--- End of inner exception stack trace ---`, then the frames; the exception
 * stays a field without its stack traces.
 * SPEC §3 names the record by its `name` (the logger's category), else `service`; the request id
 * is `function_request_id` in the output case.
 * Recognised by `service` (`Service`) and `message` (`Message`) beside a level spelled as .NET
 * does, with no Lambda `requestId` (Lambda's own .NET JSON records carry one and no `service`).
 * A line with neither `service` nor `Service` costs two property reads. The .NET runtime's own
 * JSON record with a `{service}` template property is told apart by its key order
 * (lambdaJsonDotnet.ts).
 * Checked against aws-powertools/powertools-lambda-dotnet at b029cc51 (2025-03-07):
 * docs/core/logging.md ("Configure Log Output Casing", the ALC warning on `LogLevel`),
 * libraries/src/AWS.Lambda.Powertools.Logging/Internal/PowertoolsLogger.cs (`GetLogEntry`,
 * `GetLogLevelKey`), Internal/LoggingConstants.cs (the PascalCase key names),
 * Serializers/PowertoolsLoggingSerializer.cs (the naming policies, applied to dictionary keys too),
 * Internal/Converters/ExceptionConverter.cs and ExceptionPropertyExtractor.cs, and the tests
 * libraries/tests/AWS.Lambda.Powertools.Logging.Tests/PowertoolsLoggerTest.cs and
 * Attributes/LoggerAspectTests.cs (PascalCase lines).
 */

const LEVELS = new Set(['Trace', 'Debug', 'Information', 'Warning', 'Error', 'Critical']);
// `LoggerOutputCase`: snake_case (default), camelCase, PascalCase.
const TYPE_KEYS = ['type', 'Type'];
const MESSAGE_KEYS = ['message', 'Message'];
const STACK_KEYS = ['stack_trace', 'stackTrace', 'StackTrace'];
const INNER_KEYS = ['inner_exception', 'innerException', 'InnerException'];
const EXCEPTION_KEYS = ['exception', 'Exception'];

/** snake_case and camelCase: the core keys are the same words; only the request id differs. */
const LOWER_KEYS: PowertoolsKeys = {
  ...POWERTOOLS_KEYS,
  requestIds: ['function_request_id', 'functionRequestId'],
};
const PASCAL_KEYS: PowertoolsKeys = {
  level: 'Level',
  message: 'Message',
  exception: 'Exception',
  names: ['Name', 'Service'],
  requestIds: ['FunctionRequestId'],
};
/** PascalCase under Lambda's advanced logging controls (`GetLogLevelKey`). */
const PASCAL_ALC_KEYS: PowertoolsKeys = { ...PASCAL_KEYS, level: 'LogLevel' };
// Inner exceptions nest; deeper chains than this stay in the field as they are.
const MAX_INNER = 16;

function innerOf(exception: JsonObject): JsonObject | undefined {
  for (const key of INNER_KEYS) if (isObject(exception[key])) return exception[key];
  return undefined;
}

/** `Exception.ToString()`: the headline, the inner exceptions, then this one's frames. */
function exceptionText(exception: JsonObject, depth: number): string {
  const type = firstString(exception, TYPE_KEYS) ?? 'System.Exception';
  const message = firstString(exception, MESSAGE_KEYS);
  const lines = [message === undefined ? type : `${type}: ${message}`];
  const inner = depth < MAX_INNER ? innerOf(exception) : undefined;
  if (inner !== undefined) {
    lines.push(` ---> ${exceptionText(inner, depth + 1)}`, '   --- End of inner exception stack trace ---');
  }
  for (const key of STACK_KEYS) {
    const stack = stackText(exception[key]);
    if (stack !== undefined) {
      lines.push(stack);
      break;
    }
  }
  return lines.join('\n');
}

function withoutStacks(exception: JsonObject, depth: number): JsonObject {
  const rest = without(exception, STACK_KEYS) ?? {};
  for (const key of INNER_KEYS) {
    const inner = rest[key];
    if (isObject(inner) && depth < MAX_INNER) rest[key] = withoutStacks(inner, depth + 1);
  }
  return rest;
}

function dotnetError(object: JsonObject): PowertoolsError | undefined {
  for (const key of EXCEPTION_KEYS) {
    const exception = object[key];
    if (isObject(exception) && firstString(exception, TYPE_KEYS) !== undefined)
      return { key, exc_info: exceptionText(exception, 0), rest: withoutStacks(exception, 0) };
  }
  return undefined;
}

function isDotnetLevel(value: unknown): boolean {
  return typeof value === 'string' && LEVELS.has(value);
}

/** The keys of the record's output case, or `undefined` when it is no Powertools .NET record. */
function outputCaseOf(object: JsonObject): PowertoolsKeys | undefined {
  if (typeof object.service === 'string') {
    return isDotnetLevel(object.level) && 'message' in object && !('requestId' in object)
      ? LOWER_KEYS
      : undefined;
  }
  if (typeof object.Service !== 'string' || !('Message' in object)) return undefined;
  if (isDotnetLevel(object.Level)) return PASCAL_KEYS;
  return isDotnetLevel(object.LogLevel) ? PASCAL_ALC_KEYS : undefined;
}

export const powertoolsDotnet: JsonFormat = {
  name: 'powertools-dotnet',
  parse(object, _context, line): ParsedLine | undefined {
    const keys = outputCaseOf(object);
    if (keys === undefined) return undefined;
    // The .NET runtime's own record outside an invocation (no `requestId`) with a `{service}`
    // property has every key this test reads; its key order tells it apart.
    if (keys === LOWER_KEYS && isDotnetRuntimeRecord(object, line)) return undefined;
    return parsePowertools(object, dotnetError, keys);
  },
};
