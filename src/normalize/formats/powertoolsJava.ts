import type { JsonFormat, ParsedLine } from '../logFormat.js';
import {
  frameText,
  isObject,
  lambdaErrorStack,
  messageText,
  stackText,
  without,
  type JsonObject,
} from '../fields.js';
import { isPowertools, parsePowertools, type PowertoolsError } from './powertools.js';

/**
 * Powertools for AWS Lambda (Java) Logger records.
 * - v2, log4j2 `JsonTemplateLayout` with `LambdaJsonLayout.json` or logback `LambdaJsonEncoder`:
 *   `{"level":"INFO","message":"…","cold_start":true,"function_arn","function_memory_size",
 *   "function_name","function_request_id","function_version","sampling_rate"?,"service","timestamp",
 *   "xray_trace_id"?, …MDC, "thread"?,"thread_id"?,"thread_priority"?}`; an exception is
 *   `"error":{"message","name":"java.lang.X","stack"}`, `stack` the stack trace as
 *   `printStackTrace` writes it (log4j2 `stringified`), or, from logback without a throwable
 *   converter, `Arrays.toString(getStackTrace())`: `[pkg.C.m(C.java:1), …]`, written here as
 *   Java prints a stack (`java.lang.X: message` then `\tat` frames).
 * - v1 (deprecated `LambdaJsonLayout`, log4j2 `JsonLayout` fields): `{"instant","thread","level",
 *   "loggerName","message","endOfBatch","loggerFqcn","threadId","threadPriority","coldStart",
 *   "functionArn","functionMemorySize","functionName","functionVersion","function_request_id",
 *   "samplingRate","service","timestamp","xray_trace_id"?}`, an exception as `thrown`:
 *   `{"name","message","localizedMessage","extendedStackTrace":[{"class","method","file","line",…}],
 *   "cause"?}`, kept whole as a field (its frames say more than the stack text).
 * SPEC §3 names the record by its logger (`loggerName`), else `service`; `function_request_id` is
 * the request id. Recognised as a Powertools record (powertools.ts) with a key only Java writes
 * (`function_version` with an upper-case level, thread keys, v1's camel-case keys) or a Java error.
 * Checked against aws-powertools/powertools-lambda-java docs/core/logging.md ("Standard structured
 * keys"), powertools-logging-log4j src/main/resources/LambdaJsonLayout.json,
 * powertools-logging-logback LambdaJsonEncoder.java and its LambdaJsonEncoderTest.java, and
 * Apache log4j2's JsonLayout (`thrown`, `extendedStackTrace`).
 */

const JAVA_KEYS = ['function_version', 'thread_id', 'loggerFqcn', 'threadId', 'coldStart', 'functionName'];

function isJavaError(value: unknown): value is JsonObject {
  return isObject(value) && typeof value.name === 'string' && value.name.includes('.') && 'stack' in value;
}

/** `[a.B.c(B.java:1), d.E.f(E.java:2)]`, logback's default rendering of the frames. */
export function arrayFrames(stack: string): string[] | undefined {
  if (!stack.startsWith('[') || !stack.endsWith(']') || stack.includes('\n')) return undefined;
  const inner = stack.slice(1, -1).trim();
  return inner === '' ? [] : inner.split(', ');
}

function javaError(object: JsonObject): PowertoolsError | undefined {
  const error = object.error;
  if (isObject(error)) {
    const stack = stackText(error.stack);
    if (stack === undefined) return undefined;
    const headline =
      error.message === undefined || error.message === null
        ? messageText(error.name)
        : `${messageText(error.name)}: ${messageText(error.message)}`;
    const frames = arrayFrames(stack);
    let exc_info = stack;
    if (frames !== undefined) exc_info = [headline, ...frames.map((frame) => `\tat ${frame}`)].join('\n');
    else if (typeof error.name === 'string' && !stack.startsWith(error.name))
      exc_info = `${headline}\n${stack}`;
    return { key: 'error', exc_info, rest: without(error, ['stack']) ?? {} };
  }
  const thrown = object.thrown;
  if (isObject(thrown) && Array.isArray(thrown.extendedStackTrace)) {
    const exc_info = thrownStack(thrown);
    if (exc_info === undefined) return undefined;
    // The frames carry more than the stack text shows (`exact`, `location`, `version`): all stay.
    return { key: 'thrown', exc_info, rest: thrown };
  }
  return undefined;
}

// log4j2 nests causes through `cause`; lambdaErrorStack stops at its own bound as well.
const MAX_CAUSES = 16;

/** log4j2's `thrown` as Lambda's Java error shape, which lambdaErrorStack writes as Java does. */
function asLambdaError(thrown: JsonObject, depth: number): JsonObject {
  const frames = Array.isArray(thrown.extendedStackTrace) ? thrown.extendedStackTrace.map(frameText) : [];
  return {
    errorType: thrown.name,
    errorMessage: thrown.message,
    stackTrace: frames,
    cause: isObject(thrown.cause) && depth < MAX_CAUSES ? asLambdaError(thrown.cause, depth + 1) : undefined,
  };
}

/**
 * log4j2 `JsonLayout`'s `thrown` (`{"name","message","extendedStackTrace":[{"class","method","file",
 * "line",…}],"cause"?}`) as `printStackTrace` prints it: `Type: message`, `\tat` frames, `Caused by:`.
 */
export function thrownStack(thrown: JsonObject): string | undefined {
  return lambdaErrorStack(asLambdaError(thrown, 0));
}

export const powertoolsJava: JsonFormat = {
  name: 'powertools-java',
  parse(object): ParsedLine | undefined {
    if (!isPowertools(object)) return undefined;
    const java =
      JAVA_KEYS.some((key) => key in object) || isJavaError(object.error) || isObject(object.thrown);
    return java ? parsePowertools(object, javaError) : undefined;
  },
};
