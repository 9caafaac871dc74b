import type { JsonFormat, ParsedLine } from '../logFormat.js';
import { firstString, isObject, stackText, without, type JsonObject } from '../fields.js';
import { parsePowertools, type PowertoolsError } from './powertools.js';

/**
 * Powertools for AWS Lambda (.NET) Logger records: `{"cold_start":true,"xray_trace_id","function_name",
 * "function_version","function_memory_size","function_arn","function_request_id","timestamp",
 * "level":"Information","service","name":"AWS.Lambda.Powertools.Logging.Logger","message":"…",
 * "sampling_rate"?, …appended keys}`, keys snake_case by default (camelCase or PascalCase with
 * `LoggerOutputCase`). Levels are .NET's `LogLevel` names (Trace Debug Information Warning Error
 * Critical). An exception is `"exception":{"type","message","source","stack_trace",
 * "inner_exception"?:{…}}` (`ExceptionConverter`; `stack_trace` is `Exception.StackTrace`, the
 * frames only), written into exc_info as `Exception.ToString()` prints it: `Type: message`,
 * ` ---> Inner: …` and `--- End of inner exception stack trace ---`, then the frames; the exception
 * stays a field without its stack traces.
 * SPEC §3 names the record by its `name` (the logger's category), else `service`; the request id
 * is `function_request_id` (`functionRequestId` in camelCase output).
 * Recognised by `service` and `message` beside a level spelled as .NET does, with no Lambda
 * `requestId` (Lambda's own .NET JSON records carry one and no `service`).
 * Checked against aws-powertools/powertools-lambda-dotnet docs/core/logging.md (CloudWatch Logs
 * excerpts), libraries/src/AWS.Lambda.Powertools.Logging/Internal/Converters/ExceptionConverter.cs
 * and ExceptionPropertyExtractor.cs.
 */

const LEVELS = new Set(['Trace', 'Debug', 'Information', 'Warning', 'Error', 'Critical']);
// `LoggerOutputCase`: snake_case (default), camelCase, PascalCase.
const TYPE_KEYS = ['type', 'Type'];
const MESSAGE_KEYS = ['message', 'Message'];
const STACK_KEYS = ['stack_trace', 'stackTrace', 'StackTrace'];
const INNER_KEYS = ['inner_exception', 'innerException', 'InnerException'];
const EXCEPTION_KEYS = ['exception', 'Exception'];
const REQUEST_ID_KEYS = ['function_request_id', 'functionRequestId', 'FunctionRequestId'];
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

function isPowertoolsDotnet(object: JsonObject): boolean {
  return (
    typeof object.service === 'string' &&
    typeof object.level === 'string' &&
    LEVELS.has(object.level) &&
    'message' in object &&
    !('requestId' in object)
  );
}

export const powertoolsDotnet: JsonFormat = {
  name: 'powertools-dotnet',
  parse(object): ParsedLine | undefined {
    return isPowertoolsDotnet(object) ? parsePowertools(object, dotnetError, REQUEST_ID_KEYS) : undefined;
  },
};
