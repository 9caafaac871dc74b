import { SPEC_LEVEL_WORDS, toLevelName } from '../levels.js';
import { setField } from '../../json.js';
import type { JsonFormat, ParseContext, ParsedLine } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { hasInnerErrors, stackWithCauses } from './errorCauses.js';
import { isProcessWarning, PROCESS_WARNING_HEAD } from './nodeRuntime.js';
import {
  DOTNET_LEVELS,
  dotnetRecord,
  withShadowedProperties,
  type DotnetRecord,
} from './lambdaJsonDotnet.js';
import { handRolledRecord, loggerRecordIn, type LoggerRecord } from './loggerRecord.js';
import { isMultiLine, splitStack } from './stacks.js';
import {
  errorHeadline,
  firstStringKey,
  framesWrittenWhole,
  isLambdaError,
  isObject,
  jsonText,
  lambdaErrorStack,
  messageText,
  NAME_KEYS,
  stackText,
  stringAt,
  without,
  withMessageObject,
  type JsonObject,
} from '../fields.js';

/**
 * Lambda's JSON log format (function setting `LogFormat: JSON`), application records:
 * - Python (awslambdaric `lambda_runtime_log_utils.JsonFormatter`): `{"timestamp","level","message",
 *   "logger","requestId", …extra}`; with an exception also `stackTrace` (`traceback.format_tb`
 *   entries), `errorType`, `errorMessage`, `location`; an uncaught error (bootstrap `log_error`) is
 *   `{"timestamp","log_level":"ERROR","errorMessage","errorType","requestId","stackTrace"}`, no
 *   `message` (read as the error payload below).
 * - Node.js (RIC `LogPatch.js` `formatJsonMessage`): `{"timestamp","level","requestId","message"}`,
 *   `message` any JSON value; a single `Error` argument becomes `message: {"errorType","errorMessage",
 *   "stackTrace":[…stack lines], …own props}` (uncaught errors too, via `console.error(intoError(err))`);
 *   several arguments with an Error put `errorType`/`errorMessage`/`stackTrace` at the top level.
 *   `requestId` is absent outside an invocation, `message` when the single argument has no JSON value
 *   (`console.log(undefined)`): the message is empty. A string message that is a logger's record
 *   (or a hand-rolled one stating a level word), and a message object that states a level word
 *   beside a message, are read as that record; Node's process warnings arrive as `ERROR` (the
 *   patched console.error) and are WARNING.
 * - Java (aws-lambda-java-libs `JsonLogFormatter`): `{"timestamp","level","message","AWSRequestId"}`;
 *   with aws-lambda-java-log4j2's JSON layout (`LambdaLayout.json`): `{"timestamp","level","message",
 *   "logger","errorType","errorMessage","stackTrace", …MDC flattened, `AWSRequestId` among it}`,
 *   `stackTrace` an array of `{"class","method","file","line"}` (or a string when stringified).
 * - .NET (Amazon.Lambda.RuntimeSupport `JsonLogMessageFormatter`): `{"timestamp","level":"Information",
 *   "requestId","traceId"?,"message", …message template properties}`, with an exception also
 *   `errorType`, `errorMessage` and `stackTrace` (`Exception.ToString()` split on `\n`, trimmed); an
 *   unhandled exception has an empty `message` (LambdaBootstrap `WriteUnhandledExceptionToLog`).
 * - The runtimes' uncaught-error payload printed as a line (Java, Ruby, custom runtimes):
 *   `{"errorMessage","errorType","stackTrace":[…],"cause"?}`, no level: ERROR.
 * Checked against aws/aws-lambda-python-runtime-interface-client (awslambdaric/bootstrap.py,
 * lambda_runtime_log_utils.py), aws/aws-lambda-nodejs-runtime-interface-client (src/LogPatch.js),
 * aws/aws-lambda-java-libs (aws-lambda-java-log4j2 LambdaLayout.json, runtime-interface-client
 * JsonLogFormatter, the Java error document of the Lambda docs' "Function errors (Java)"),
 * aws/aws-lambda-dotnet (Libraries/src/Amazon.Lambda.RuntimeSupport/Helpers/Logging/JsonLogMessageFormatter.cs)
 * and https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html.
 */

/**
 * Runtime level spellings that are none of the five names: Python's JSON formatter rounds a level
 * under 10 down to 0, `NOTSET` (awslambdaric lambda_runtime_log_utils.py `_format_log_level`),
 * under DEBUG on Python's scale; Java's `LambdaLogger.log(String)` has no level and writes
 * `UNDEFINED` (aws-lambda-java-core LogLevel.java, runtime-interface-client JsonLogFormatter.java):
 * a line with no level. Their `level` key stays as written.
 */
const UNNAMED_LEVELS: ReadonlyMap<string, LevelName | undefined> = new Map([
  ['NOTSET', 'DEBUG'],
  ['UNDEFINED', undefined],
]);

/**
 * The level names the runtimes write in JSON records: Node.js TRACE…FATAL, Python DEBUG…CRITICAL,
 * Java (log4j2) TRACE…FATAL, .NET `LogLevel` names Trace…Critical.
 */
const RUNTIME_LEVELS = new Set<string>([...SPEC_LEVEL_WORDS, ...DOTNET_LEVELS, ...UNNAMED_LEVELS.keys()]);

const REQUEST_ID_KEYS = ['requestId', 'AWSRequestId'];

/** Where the Node.js runtime's `jsonErrorReplacer` (LogPatch.js) writes a nested Error's stack. */
const NODE_RECORD_STACK = ['stackTrace'];

/** The request id and the key it came from (`requestId` first); an empty one is no id. */
function requestIdOf(object: JsonObject): [string, string] | undefined {
  for (const key of REQUEST_ID_KEYS) {
    const id = stringAt(object, key);
    if (id !== undefined && id !== '' && id !== 'undefined') return [key, id];
  }
  return undefined;
}

/** True when `exc_info` holds all of a `stackTrace` value (see {@link framesWrittenWhole}). */
function stackTaken(value: unknown): boolean {
  return stackText(value) !== undefined && (!Array.isArray(value) || framesWrittenWhole(value));
}

/**
 * `console.error('Failed', err, ctx)`: util.format wrote the arguments separated by spaces, the
 * error as its stack, so the message holds the stack the record keeps as exc_info. The message is
 * what is left around it: the text before the stack and what follows it (`ctx`). An error with
 * properties of its own is printed with them after its last frame, ` {` to a `}` at the start of a
 * line (util.inspect `formatError`: `[errors]: [ …inner errors' stacks… ]`, `[cause]: …`,
 * `code: 'E1'`): that block is part of the error's printout, not of the message; it is returned as
 * `props`, for exc_info.
 */
function withoutStack(text: string, frames: readonly unknown[]): { text: string; props?: string } {
  const first = frames[0];
  const at = typeof first === 'string' && first !== '' ? text.indexOf(first) : -1;
  if (at < 0) return { text };
  let end = at;
  for (const frame of frames) {
    if (typeof frame !== 'string' || !text.startsWith(frame, end)) break;
    end += frame.length;
    if (text.charCodeAt(end) === 0x0a) end++;
  }
  let props: string | undefined;
  if (text.startsWith(' {\n', end)) {
    const close = text.indexOf('\n}', end);
    if (close >= 0) {
      props = text.slice(end, close + 2);
      end = close + 2;
    }
  }
  const rest = [text.slice(0, at).trimEnd(), text.slice(end).trim()].filter((part) => part !== '').join(' ');
  return props === undefined ? { text: rest } : { text: rest, props };
}

/** The rejection with its `reason`'s stack taken (it is exc_info); the wrapper's stays. */
function withoutReasonStack(message: JsonObject): JsonObject {
  const reason = message.reason as JsonObject;
  return { ...message, reason: without(reason, ['stackTrace']) ?? {} };
}

/**
 * A string message without the line breaks it ends with: the runtimes write a string argument as
 * it is (Node's `console.log('done\n')` gives `"message":"done\n"`, RIC `formatJsonMessage`;
 * Java's `LambdaLogger.log("x\n")` the same, JsonLogFormatter), and Python ends its
 * `LAMBDA_WARNING` messages with `\r` (its stdout line terminator, awslambdaric
 * lambda_literals.py). A trailing line break is a separator, no part of the message (as
 * parseLine treats the event's own).
 */
function trimLineBreaks(text: string): string {
  let end = text.length;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (c !== 0x0a && c !== 0x0d) break;
    end--;
  }
  return end === text.length ? text : text.slice(0, end);
}

/**
 * The key naming the record's logger: Lambda's own is `logger` (Python, log4j2), SPEC §3
 * precedence decides among any others. A .NET record has none: its `name` or `logger` is a
 * message-template property (lambdaJsonDotnet.ts), and the record is named by the function.
 */
function nameKeyOf(object: JsonObject, dotnet: DotnetRecord | undefined): string | undefined {
  return dotnet === undefined ? firstStringKey(object, NAME_KEYS) : undefined;
}

function parseApplication(object: JsonObject, context: ParseContext, dotnet?: DotnetRecord): ParsedLine {
  const message = typeof object.message === 'string' ? trimLineBreaks(object.message) : object.message;
  if (typeof message === 'string') {
    const inner = loggerRecordIn(message, context);
    if (inner !== undefined) return parseEnveloped(object, inner, dotnet);
  } else if (isObject(message) && isRecordObject(message)) {
    // Node's `console.log({ level: 'warn', message: '…' })`: the argument is the record, as its
    // JSON.stringify'd text would be.
    const inner = handRolledRecord(message, context, jsonText(message));
    if (inner !== undefined) return parseRecordObject(object, message, inner.parsed);
  }
  const nameKey = nameKeyOf(object, dotnet);
  const requestId = requestIdOf(object);
  // Only what the record took is consumed: an empty `requestId` or `stackTrace` stays a field.
  const unnamed = typeof object.level === 'string' && UNNAMED_LEVELS.has(object.level);
  // Node's warnings go through the patched console.error, as in the text format (nodeRuntime.ts):
  // `ERROR` is the method, the line a warning; the runtime's `level` stays a field.
  const warning =
    object.level === 'ERROR' &&
    typeof message === 'string' &&
    message.startsWith(PROCESS_WARNING_HEAD) &&
    isProcessWarning(message);
  const consumed = unnamed || warning ? ['timestamp', 'message'] : ['timestamp', 'level', 'message'];
  if (nameKey !== undefined) consumed.push(nameKey);
  if (requestId !== undefined) consumed.push(requestId[0]);
  let exc_info: string | undefined;
  let text: string;
  // Node's `Runtime.UnhandledPromiseRejection` wraps the rejected error (`reason`): its stack is
  // the one that helps, as in the text format; the wrapper's (the runtime's frames) stays a field.
  let reasonStack: string | undefined;
  // The serialized error as it stays a field (`message_fields`), its stacks taken.
  let errorFields: JsonObject | undefined;
  if (isLambdaError(message)) {
    // console.error(err) / uncaught error in Node.js: the message is the serialized error.
    const reason = message.reason;
    reasonStack =
      isLambdaError(reason) && Array.isArray(reason.stackTrace) ? lambdaErrorStack(reason) : undefined;
    exc_info = reasonStack ?? lambdaErrorStack(message);
    text = errorHeadline(message);
    // The runtime's replacer writes a cause or an `errors` list of Errors as errors too
    // (`stackTrace` lines): their stacks join exc_info, as in the text format's payload.
    const holder = reasonStack === undefined ? message : (reason as JsonObject);
    if (exc_info !== undefined && hasInnerErrors(holder, NODE_RECORD_STACK)) {
      const chained = stackWithCauses(holder, exc_info, ['stackTrace'], NODE_RECORD_STACK);
      exc_info = chained.exc_info;
      errorFields = reasonStack === undefined ? chained.rest : { ...message, reason: chained.rest };
    } else {
      errorFields =
        (reasonStack === undefined ? without(message, ['stackTrace']) : withoutReasonStack(message)) ?? {};
    }
  } else {
    // No message, or .NET's empty one for an unhandled exception (`FormattedWriteLine("Error",
    // exception, null)` writes `"message":""`): the error's headline says what happened.
    text =
      (message === undefined || message === '') && isLambdaError(object)
        ? errorHeadline(object)
        : messageText(message);
  }
  if (isLambdaError(object)) {
    const ownStack = lambdaErrorStack(object);
    exc_info ??= ownStack;
    const frames: unknown[] = Array.isArray(object.stackTrace) ? (object.stackTrace as unknown[]) : [];
    const rest = withoutStack(text, frames);
    if (rest.text !== text) text = rest.text === '' ? errorHeadline(object) : rest.text;
    if (rest.props !== undefined && exc_info === ownStack) exc_info = `${exc_info ?? ''}${rest.props}`;
  } else if (exc_info === undefined && stackText(object.stackTrace) !== undefined) {
    // A stack without an error type (a logger's own `stackTrace` key): still the stack.
    exc_info = stackText(object.stackTrace);
  } else if (exc_info === undefined && typeof message === 'string' && isMultiLine(message)) {
    // console.log(err.stack) / a logged traceback: the stack is exc_info, not part of the message.
    const split = splitStack(message);
    text = split.message;
    exc_info = split.exc_info;
  }
  if (exc_info !== undefined && stackTaken(object.stackTrace)) consumed.push('stackTrace');
  const fields = withShadowedProperties(without(object, consumed), dotnet);
  const level = warning
    ? 'WARNING'
    : unnamed
      ? UNNAMED_LEVELS.get(object.level as string)
      : toLevelName(object.level);
  return {
    message: text,
    levelname: level ?? (exc_info === undefined ? undefined : 'ERROR'),
    name: nameKey === undefined ? undefined : (object[nameKey] as string),
    exc_info,
    aws_request_id: requestId?.[1],
    // An error message keeps its type, message and own fields; its stack is exc_info.
    fields: withMessageObject(fields, errorFields ?? message),
  };
}

/**
 * A message object that is a log record (a level word and a `message` or `msg` string), not an
 * error (the runtime's `errorType` shape) nor an object logged whole, which stays the message.
 */
function isRecordObject(message: JsonObject): boolean {
  if (isLambdaError(message)) return false;
  return typeof message.message === 'string' || typeof message.msg === 'string';
}

/**
 * Node's `console.log({ level: 'warn', message: 'slow query', durationMs })` in Lambda's JSON log
 * format: the record's message, level (the object's, as for its JSON.stringify'd text), logger
 * name and stack are the object's; the object stays whole under `message_fields`, as any message
 * object does (its `level` keeps its spelling there), and the runtime's level, when it differs,
 * stays a field.
 */
function parseRecordObject(object: JsonObject, message: JsonObject, body: ParsedLine): ParsedLine {
  const requestId = requestIdOf(object);
  const envelopeLevel = toLevelName(object.level);
  const levelname = body.levelname ?? envelopeLevel;
  const consumed = ['timestamp', 'message'];
  if (envelopeLevel === levelname) consumed.push('level');
  if (requestId !== undefined) consumed.push(requestId[0]);
  return {
    message: body.message,
    levelname,
    name: body.name,
    exc_info: body.exc_info,
    aws_request_id: requestId?.[1],
    fields: withMessageObject(without(object, consumed), message),
    format: 'lambda-json/json',
  };
}

/**
 * The inner record's top-level members its library took (absent from its fields) that `wanted`
 * picks: the level or request id the record does not say after all, put back as they came.
 */
function takenMembers(inner: LoggerRecord, wanted: (value: unknown) => boolean): [string, unknown][] {
  const fields = inner.parsed.fields ?? {};
  const members: [string, unknown][] = [];
  for (const key in inner.object) {
    if (!Object.prototype.hasOwnProperty.call(inner.object, key) || Object.hasOwn(fields, key)) continue;
    const value = inner.object[key];
    if (wanted(value)) members.push([key, value]);
  }
  return members;
}

/**
 * A record whose `message` is another logger's JSON record (`console.log(JSON.stringify(
 * pinoRecord))`, `logger.info(json.dumps(event))` through structlog's stdlib integration; the
 * runtimes write a string argument as it is: Node's RIC `formatJsonMessage`, awslambdaric's
 * `JsonFormatter`, `record.getMessage()`). The inner record is read by its library's format
 * (loggerRecord.ts): its message, logger name, stack and fields. The level is the inner record's,
 * the one the program stated (the envelope's only when the record states none): a transport
 * that writes every level through one console method (winston's Console transport with
 * `forceConsole`, Powertools' dev mode) keeps its DEBUG lines DEBUG, and a function reads the
 * same under Lambda's text format, where a structured body's level wins over the prefix's
 * (envelope.ts). The envelope's level, when it differs, stays a field under its own key. The envelope's `requestId` is the Lambda request id; an inner request
 * id that differs stays under its key. The envelope's other fields follow the inner record's;
 * one named like an inner field is kept as `runtime_<key>` (the key's spelling survives in the
 * inner one). `log_format` is `lambda-json/<library>`.
 */
function parseEnveloped(object: JsonObject, inner: LoggerRecord, dotnet?: DotnetRecord): ParsedLine {
  const body = inner.parsed;
  const nameKey = nameKeyOf(object, dotnet);
  const requestId = requestIdOf(object);
  const unnamed = typeof object.level === 'string' && UNNAMED_LEVELS.has(object.level);
  const envelopeLevel = unnamed ? UNNAMED_LEVELS.get(object.level as string) : toLevelName(object.level);
  const levelname = body.levelname ?? envelopeLevel;
  const consumed = ['timestamp', 'message'];
  if (!unnamed && envelopeLevel !== undefined && envelopeLevel === levelname) consumed.push('level');
  const envelopeName = nameKey === undefined ? undefined : (object[nameKey] as string);
  const name = body.name ?? envelopeName;
  if (nameKey !== undefined && envelopeName === name) consumed.push(nameKey);
  if (requestId !== undefined) consumed.push(requestId[0]);

  // Python's `logger.exception(json.dumps(…))`: the runtime's own error keys beside the record.
  let envelopeStack: string | undefined;
  if (isLambdaError(object)) envelopeStack = lambdaErrorStack(object);
  else envelopeStack = stackText(object.stackTrace);
  if (envelopeStack !== undefined && stackTaken(object.stackTrace)) consumed.push('stackTrace');
  const exc_info =
    body.exc_info === undefined || envelopeStack === undefined
      ? (body.exc_info ?? envelopeStack)
      : `${body.exc_info}\n${envelopeStack}`;

  const fields: JsonObject = body.fields ?? {};
  const innerLevel = body.levelname;
  if (innerLevel !== undefined && innerLevel !== levelname)
    for (const [key, value] of takenMembers(inner, (v) => toLevelName(v) === innerLevel))
      setField(fields, key, value);
  const innerId = body.aws_request_id;
  if (requestId !== undefined && innerId !== undefined && innerId !== requestId[1])
    for (const [key, value] of takenMembers(inner, (v) => v === innerId)) setField(fields, key, value);
  const rest = withShadowedProperties(without(object, consumed), dotnet);
  for (const key in rest) {
    if (!Object.prototype.hasOwnProperty.call(rest, key)) continue;
    let target = key;
    while (Object.hasOwn(fields, target)) target = `runtime_${target}`;
    setField(fields, target, rest[key]);
  }
  return {
    message: body.message,
    levelname: levelname ?? (exc_info === undefined ? undefined : 'ERROR'),
    name,
    exc_info,
    aws_request_id: requestId?.[1] ?? innerId,
    fields,
    format: `lambda-json/${body.format ?? 'json'}`,
  };
}

/**
 * The keys of a Node.js record whose single argument JSON has no value for (`console.log(undefined)`,
 * a function): `JSON.stringify` leaves `message` out (LogPatch.js formatJsonMessage), so the record
 * is the envelope alone.
 */
const NODE_ENVELOPE_KEYS: ReadonlySet<string> = new Set(['timestamp', 'level', 'requestId', 'tenantId']);

function isEnvelopeOnly(object: JsonObject): boolean {
  for (const key in object) if (!NODE_ENVELOPE_KEYS.has(key)) return false;
  return true;
}

/**
 * Keys no runtime's JSON formatter writes: Python's reserves the LogRecord attributes `name` and
 * `exc_info` (awslambdaric lambda_runtime_log_utils.py `_RESERVED_FIELDS`; it names the logger
 * `logger`), Node.js writes only its envelope and error keys (LogPatch.js `formatJsonMessage`),
 * Java `logger` (log4j2's LambdaLayout.json). A record with `exc_info`, or a `name` without
 * `logger`, is another formatter's (python-json-logger with `rename_fields`, a hand-written one),
 * read as generic JSON. A .NET record's `name` is a template property (lambdaJsonDotnet.ts).
 */
function hasForeignKeys(object: JsonObject, dotnet: DotnetRecord | undefined): boolean {
  if (Object.hasOwn(object, 'exc_info')) return true;
  return dotnet === undefined && Object.hasOwn(object, 'name') && !Object.hasOwn(object, 'logger');
}

function isApplicationRecord(object: JsonObject, dotnet: DotnetRecord | undefined): boolean {
  // The level and time first: most other libraries' lines fail them, before the `hasOwn` calls.
  const level = object.level;
  if (typeof level !== 'string' || !RUNTIME_LEVELS.has(level)) return false;
  if (typeof object.timestamp !== 'string') return false;
  if (hasForeignKeys(object, dotnet)) return false;
  return 'message' in object || isLambdaError(object) || isEnvelopeOnly(object);
}

/** A runtime's uncaught-error payload printed on its own: `{"errorMessage","errorType","stackTrace"}`. */
function isErrorPayload(object: JsonObject): boolean {
  return (
    object.level === undefined &&
    object.message === undefined &&
    typeof object.errorType === 'string' &&
    (Array.isArray(object.stackTrace) || 'errorMessage' in object)
  );
}

export const lambdaJson: JsonFormat = {
  name: 'lambda-json',
  parse(object, context, line) {
    const dotnet = dotnetRecord(object, line);
    const record = dotnet?.object ?? object;
    if (isApplicationRecord(record, dotnet)) return parseApplication(record, context, dotnet);
    if (isErrorPayload(object)) {
      const exc_info = lambdaErrorStack(object);
      // A Java `cause` is folded into the stack as `Caused by:` lines; any other stays a field.
      const folded = exc_info?.includes('\nCaused by: ') === true;
      const requestId = requestIdOf(object);
      const consumed = folded ? ['cause'] : [];
      if (requestId !== undefined) consumed.push(requestId[0]);
      if (exc_info !== undefined && stackTaken(object.stackTrace)) consumed.push('stackTrace');
      return {
        message: errorHeadline(object),
        levelname: 'ERROR',
        exc_info,
        aws_request_id: requestId?.[1],
        fields: without(object, consumed),
      };
    }
    return undefined;
  },
};

/**
 * Lambda's platform records in the JSON log format: `{"time","type":"platform.<event>","record":{…}}`,
 * the Telemetry API event schema (https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html).
 * The message is the readable line Lambda writes for the same event in the text format
 * (`START RequestId: … Version: …`, `REPORT RequestId: …\tDuration: … ms\t…`); the record itself is
 * kept under `lambda` (`lambda.type`, `lambda.metrics.durationMs`, `lambda.status`, …) and `time` as
 * it came. INFO, except a `status` of `timeout`, `error` or `failure` (timeouts, crashes,
 * out-of-memory: `errorType` `Runtime.OutOfMemory`), which is ERROR.
 */
const FAILED_STATUSES = new Set(['timeout', 'error', 'failure']);

function num(value: unknown, unit: string): string {
  if (typeof value === 'number') return `${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`;
  return `${messageText(value)} ${unit}`;
}

function part(label: string, value: unknown): string {
  return value === undefined || value === null ? '' : `\t${label}: ${messageText(value)}`;
}

function statusParts(record: JsonObject): string {
  return part('Status', record.status) + part('Error Type', record.errorType);
}

/** The text-format line of each platform event, built from its record. */
const SUMMARIES: Readonly<Record<string, (record: JsonObject, requestId: string) => string>> = {
  'platform.initStart': (r) =>
    // As the text line: a tab between the version and its ARN.
    `INIT_START Runtime Version: ${messageText(r.runtimeVersion)}` +
    part('Runtime Version ARN', r.runtimeVersionArn) +
    part('Phase', r.phase === 'init' ? undefined : r.phase),
  'platform.initRuntimeDone': (r) => `INIT_RUNTIME_DONE${statusParts(r).replace('\t', ' ')}`,
  'platform.initReport': (r) => {
    const m = isObject(r.metrics) ? r.metrics : {};
    return `INIT_REPORT Init Duration: ${num(m.durationMs, 'ms')}${part('Phase', r.phase)}${statusParts(r)}`;
  },
  'platform.start': (r, id) => `START RequestId: ${id}${part('Version', r.version).replace('\t', ' ')}`,
  'platform.runtimeDone': (r, id) => `RUNTIME_DONE RequestId: ${id}${statusParts(r)}`,
  'platform.report': (r, id) => {
    const m = isObject(r.metrics) ? r.metrics : {};
    let line = `REPORT RequestId: ${id}`;
    if (m.durationMs !== undefined) line += `\tDuration: ${num(m.durationMs, 'ms')}`;
    if (m.billedDurationMs !== undefined) line += `\tBilled Duration: ${num(m.billedDurationMs, 'ms')}`;
    if (m.memorySizeMB !== undefined) line += `\tMemory Size: ${num(m.memorySizeMB, 'MB')}`;
    if (m.maxMemoryUsedMB !== undefined) line += `\tMax Memory Used: ${num(m.maxMemoryUsedMB, 'MB')}`;
    if (m.initDurationMs !== undefined) line += `\tInit Duration: ${num(m.initDurationMs, 'ms')}`;
    if (m.restoreDurationMs !== undefined) line += `\tRestore Duration: ${num(m.restoreDurationMs, 'ms')}`;
    return line + statusParts(r);
  },
  'platform.restoreStart': (r) => `RESTORE_START Runtime Version: ${messageText(r.runtimeVersion)}`,
  'platform.restoreRuntimeDone': (r) => `RESTORE_RUNTIME_DONE${statusParts(r).replace('\t', ' ')}`,
  'platform.restoreReport': (r) => {
    const m = isObject(r.metrics) ? r.metrics : {};
    return `RESTORE_REPORT Restore Duration: ${num(m.durationMs, 'ms')}${statusParts(r)}`;
  },
  'platform.extension': (r) =>
    `EXTENSION Name: ${messageText(r.name)} State: ${messageText(r.state)} Events: ${eventList(r.events)}` +
    part('Error Type', r.errorType),
  'platform.telemetrySubscription': (r) =>
    `TELEMETRY Name: ${messageText(r.name)} State: ${messageText(r.state)} Types: ${eventList(r.types)}`,
  'platform.logsDropped': (r) =>
    `LOGS_DROPPED Reason: ${messageText(r.reason)} Dropped Records: ${messageText(r.droppedRecords)} ` +
    `Dropped Bytes: ${messageText(r.droppedBytes)}`,
};

function eventList(value: unknown): string {
  return Array.isArray(value) ? `[${value.map((v) => messageText(v)).join(', ')}]` : messageText(value);
}

const FAULT = 'platform.fault';
const FAULT_REQUEST_ID = 'RequestId: ';

/**
 * `platform.fault`: a runtime or execution environment error, its record a line of text
 * (`"RequestId: d783b35e-… Process exited before completing request"`, Lambda Logs API
 * reference, https://docs.aws.amazon.com/lambda/latest/dg/runtimes-logs-api.html): ERROR, the
 * text the message, its request id read from it.
 */
function parseFault(object: JsonObject, text: string): ParsedLine {
  let requestId: string | undefined;
  if (text.startsWith(FAULT_REQUEST_ID)) {
    const end = text.indexOf(' ', FAULT_REQUEST_ID.length);
    const id = text.slice(FAULT_REQUEST_ID.length, end < 0 ? text.length : end);
    if (id !== '') requestId = id;
  }
  return {
    message: text,
    levelname: 'ERROR',
    aws_request_id: requestId,
    fields: { ...without(object, ['type', 'record']), lambda: { type: FAULT } },
  };
}

export const lambdaJsonPlatform: JsonFormat = {
  name: 'lambda-json-platform',
  parse(object) {
    const type = object.type;
    if (typeof type !== 'string' || !type.startsWith('platform.') || typeof object.time !== 'string')
      return undefined;
    if (type === FAULT && typeof object.record === 'string') return parseFault(object, object.record);
    const record = isObject(object.record) ? object.record : {};
    const requestId = stringAt(record, 'requestId');
    const summary = SUMMARIES[type];
    const status = stringAt(record, 'status');
    const failed =
      (status !== undefined && FAILED_STATUSES.has(status)) ||
      (typeof record.errorType === 'string' && record.errorType !== '');
    const rest = without(object, ['type', 'record']);
    const lambda: JsonObject = { type, ...without(record, ['requestId']) };
    if (!isObject(object.record) && object.record !== undefined) lambda.record = object.record;
    return {
      message:
        summary === undefined ? `${type} ${jsonText(object.record ?? {})}` : summary(record, requestId ?? ''),
      levelname: failed ? 'ERROR' : 'INFO',
      aws_request_id: requestId === '' ? undefined : requestId,
      fields: { ...rest, lambda },
    };
  },
};
