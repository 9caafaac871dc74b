import { levelSpellings } from '../levels.js';
import type { JsonFormat, ParsedLine } from '../logFormat.js';
import { isObject, messageText, stringAt, without, type JsonObject } from '../fields.js';
import { isMultiLine, splitStack } from './stacks.js';

/**
 * Rust `tracing` through tracing-subscriber's JSON formatter (`fmt().json()`; also what the
 * `lambda_runtime` crate's default subscriber writes when the function's log format is JSON):
 * `{"timestamp":"2023-11-01T10:47:57.081Z","level":"INFO","fields":{"message":"…", …},
 * "target":"my_crate::api","filename"?,"line_number"?,"threadName"?,"threadId"?,
 * "span":{"name":"…", …its fields},"spans":[{"name":"…", …}, …]}`; with `flatten_event(true)` the
 * event's fields (`message` among them) are at the top level instead of under `fields`. Levels
 * TRACE DEBUG INFO WARN ERROR. `fields.message` is the message (the other event fields stay under
 * `fields`), `target` the name; `span`/`spans` stay as they are, and the Lambda invocation span's
 * `requestId` (`Lambda runtime invoke{requestId, xrayTraceId}`) is the request id. An `error`
 * field holding a multi-line `{:?}` rendering (anyhow's `Caused by:` / `Stack backtrace:`) or a
 * `backtrace` field is exc_info.
 * Recognised by a level of that spelling beside a string `target` and `fields` (or `message`),
 * or, with no `target` (the `lambda_runtime` subscriber's `with_target(false)`), beside a `fields`
 * object holding a string `message`.
 * Checked against tokio-rs/tracing tracing-subscriber/src/fmt/format/json.rs (`Json`,
 * `SerializableSpan`, `flatten_event`) and awslabs/aws-lambda-rust-runtime
 * lambda-runtime-api-client/src/tracing.rs, lambda-runtime/src/layers/trace.rs.
 */

const LEVELS = levelSpellings(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']);
const STACK_FIELDS = ['backtrace', 'error', 'err'];

function requestIdOf(object: JsonObject): string | undefined {
  const span = object.span;
  if (isObject(span) && typeof span.requestId === 'string') return span.requestId;
  if (!Array.isArray(object.spans)) return undefined;
  for (const s of object.spans as unknown[])
    if (isObject(s) && typeof s.requestId === 'string') return s.requestId;
  return undefined;
}

/** A non-empty `target`: the record's `name`. */
function hasName(object: JsonObject): boolean {
  return typeof object.target === 'string' && object.target !== '';
}

/**
 * The `lambda_runtime` crate's own subscriber (`fmt().with_target(false).without_time().json()`):
 * no `target` and no `timestamp`, the event's fields under `fields` with their `message`.
 */
function isTargetless(object: JsonObject): boolean {
  return object.target === undefined && isObject(object.fields) && typeof object.fields.message === 'string';
}

export const rustTracingJson: JsonFormat = {
  name: 'rust-tracing-json',
  parse(object): ParsedLine | undefined {
    // `target` first: most lines have a string `level`, few a `target`.
    if (typeof object.target !== 'string' && !isTargetless(object)) return undefined;
    if (typeof object.level !== 'string') return undefined;
    const level = LEVELS.get(object.level);
    if (level === undefined) return undefined;
    const nested = isObject(object.fields);
    if (!nested && !('message' in object)) return undefined;
    // The event's own fields: under `fields`, or (flattened) the object itself.
    const event = nested ? (object.fields as JsonObject) : object;
    const consumed = ['message'];
    let exc_info: string | undefined;
    for (const key of STACK_FIELDS) {
      const value = stringAt(event, key);
      if (value !== undefined && (key === 'backtrace' || isMultiLine(value))) {
        exc_info = value.replace(/\r\n?/g, '\n');
        consumed.push(key);
        break;
      }
    }
    let message = messageText(event.message);
    if (exc_info === undefined && typeof event.message === 'string' && isMultiLine(message)) {
      const split = splitStack(message);
      message = split.message;
      exc_info = split.exc_info;
    }
    let fields: JsonObject | undefined;
    if (nested) {
      fields = without(object, hasName(object) ? ['level', 'target', 'fields'] : ['level', 'fields']) ?? {};
      const rest = without(event, consumed);
      if (rest !== undefined) fields.fields = rest;
    } else {
      fields = without(object, hasName(object) ? ['level', 'target', ...consumed] : ['level', ...consumed]);
    }
    return {
      message,
      levelname: level,
      name: hasName(object) ? (object.target as string) : undefined,
      exc_info,
      aws_request_id: requestIdOf(object),
      fields,
    };
  },
};
