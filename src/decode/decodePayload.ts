import { gunzipSync } from 'node:zlib';
import { DecodeError } from '../errors.js';
import { isObject, jsonText } from '../json.js';
import type { DataMessage, LogEvent, MalformedLogEvent, SubscriptionPayload } from './subscriptionPayload.js';

/** The event Lambda receives from a CloudWatch Logs subscription filter. */
export interface CloudWatchLogsEvent {
  readonly awslogs: { readonly data: string };
}

export interface DecodeOptions {
  /** Refuse payloads that decompress to more than this many bytes (gzip bomb guard). */
  readonly maxPayloadBytes: number;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

/** Extracts `awslogs.data` from the invocation event, or says what the event was instead. */
export function payloadData(event: unknown): string {
  if (!isObject(event) || !isObject(event.awslogs)) {
    throw new DecodeError(
      'event',
      `expected { "awslogs": { "data": "..." } }, got ${describe(event)} without awslogs`,
    );
  }
  const data = event.awslogs.data;
  if (typeof data !== 'string' || data.length === 0) {
    throw new DecodeError('event', `awslogs.data must be a non-empty base64 string, got ${describe(data)}`);
  }
  return data;
}

/** zlib's default output chunk (16 KiB): what a trailer that cannot be used falls back to. */
const DEFAULT_CHUNK_BYTES = 16 * 1024;
/** Upper bound of one output chunk, whatever the trailer claims (it is not trusted). */
const MAX_CHUNK_BYTES = 16 * 1024 * 1024;

/**
 * Output chunk size for gunzip: the size the gzip trailer announces (ISIZE, the input size mod
 * 2^32, RFC 1952 §2.3.1), so the whole output is one chunk instead of hundreds of 16 KiB chunks
 * concatenated at the end: 20 → 13 ms for a 1 MB event (bench/README.md). The trailer is only a
 * hint: bounded by the cap and `maxOutputLength`, and a wrong value costs speed, never
 * correctness.
 */
function outputChunkSize(compressed: Buffer, maxOutputBytes: number): number {
  const announced = compressed.readUInt32LE(compressed.length - 4) + 1;
  return Math.max(DEFAULT_CHUNK_BYTES, Math.min(announced, MAX_CHUNK_BYTES, maxOutputBytes + 1));
}

/**
 * Whether `data`, which Node's decoder made `decodedLength` bytes of, is standard base64: the
 * alphabet `A–Z a–z 0–9 + /`, up to two `=` at the end, a length that is a multiple of 4
 * (CloudWatch Logs never sends base64url or whitespace). Node's decoder is lenient: it
 * skips characters outside the alphabet, stops at an `=` and reads base64url's `-` and `_` as
 * `+` and `/`. So the length tells the first two apart: `n` characters of which the last `p`
 * are `=` decode to `3n/4 - p` bytes exactly when every other one is in the alphabet; and two
 * searches for a single character, the third. Before, the bytes were encoded again and compared
 * with the input (0.35 ms and a 1 MB string on the max payload, against 0.04 ms for this); a
 * property test holds the two definitions to the same answers.
 */
export function isStrictBase64(data: string, decodedLength: number): boolean {
  if (data.length % 4 !== 0) return false;
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  if (decodedLength !== (data.length / 4) * 3 - padding) return false;
  return !data.includes('-') && !data.includes('_');
}

/** base64 → gzip → UTF-8 JSON text, each step checked. */
export function inflatePayload(data: string, options: DecodeOptions): string {
  return inflatePayloadBytes(data, options).toString('utf8');
}

/** {@link inflatePayload} up to the UTF-8 bytes of the JSON text, not decoded yet. */
export function inflatePayloadBytes(data: string, options: DecodeOptions): Buffer {
  const compressed = Buffer.from(data, 'base64');
  if (!isStrictBase64(data, compressed.length)) {
    const bad = data.search(/[^A-Za-z0-9+/=]/);
    const firstPad = data.indexOf('=');
    const early = firstPad >= 0 && (data.length - firstPad > 2 || !data.endsWith('='));
    throw new DecodeError(
      'base64',
      bad >= 0
        ? `awslogs.data is not base64: character ${JSON.stringify(data[bad])} at offset ${bad}`
        : early
          ? `awslogs.data is not base64: padding "=" before its end, at offset ${firstPad}`
          : `awslogs.data is not base64: length ${data.length} is not a multiple of 4`,
    );
  }
  if (compressed.length < 18 || compressed[0] !== 0x1f || compressed[1] !== 0x8b) {
    throw new DecodeError(
      'gzip',
      `awslogs.data is not gzip data (${compressed.length} bytes, no gzip header)`,
    );
  }
  let json: Buffer;
  try {
    json = gunzipSync(compressed, {
      maxOutputLength: options.maxPayloadBytes,
      chunkSize: outputChunkSize(compressed, options.maxPayloadBytes),
    });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || cause instanceof RangeError) {
      throw new DecodeError(
        'gzip',
        `payload decompresses to more than ${options.maxPayloadBytes} bytes (MAX_PAYLOAD_BYTES); refused`,
        { cause },
      );
    }
    throw new DecodeError(
      'gzip',
      `gzip data of ${compressed.length} bytes is corrupt or truncated: ${(cause as Error).message}`,
      { cause },
    );
  }
  return json;
}

function requireString(payload: Record<string, unknown>, key: string): string {
  const value = payload[key];
  if (typeof value !== 'string') {
    throw new DecodeError('shape', `field "${key}" must be a string, got ${describe(value)}`);
  }
  return value;
}

/** The range a JavaScript Date can hold (±100,000,000 days around the epoch). */
const MAX_EPOCH_MS = 8.64e15;

function isTimestamp(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_EPOCH_MS;
}

/** One `logEvents[]` entry checked against the documented shape; `index` is its place in the payload. */
export function checkEvent(entry: unknown, index: number): LogEvent | MalformedLogEvent {
  if (
    isObject(entry) &&
    typeof entry.id === 'string' &&
    typeof entry.message === 'string' &&
    isTimestamp(entry.timestamp)
  ) {
    return entry as unknown as LogEvent;
  }
  const problems: string[] = [];
  const record = isObject(entry) ? entry : {};
  if (!isObject(entry)) problems.push(`is ${describe(entry)}, not an object`);
  else {
    if (typeof record.id !== 'string') problems.push(`"id" is ${describe(record.id)}`);
    if (typeof record.message !== 'string') problems.push(`"message" is ${describe(record.message)}`);
    if (!isTimestamp(record.timestamp)) problems.push(`"timestamp" is not epoch milliseconds`);
  }
  return {
    index,
    reason: `logEvents[${index}] ${problems.join(', ')}`,
    raw: jsonText(entry),
    id: typeof record.id === 'string' ? record.id : undefined,
    timestamp: isTimestamp(record.timestamp) ? record.timestamp : undefined,
  };
}

/** Longest piece of a wrong value quoted in an error message. */
const PREVIEW_CHARS = 100;

/** A wrong value as an error message quotes it: strings cut short, containers by their kind. */
function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'object' && value !== null) return describe(value);
  const text = jsonText(value);
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}… (${text.length} characters)` : text;
}

/**
 * Validates the decompressed JSON against the subscription payload's documented shape. The
 * payload's own structure may be nested at any depth (SPEC §2): entries are serialized without
 * recursion (`jsonText`), and should anything still exhaust the stack, the payload fails with a
 * {@link DecodeError} naming the stage, never a bare `RangeError`.
 */
export function parsePayload(json: string): SubscriptionPayload {
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch (cause) {
    throw new DecodeError(
      'json',
      `decompressed payload (${json.length} characters) is not JSON: ${(cause as Error).message}`,
      { cause },
    );
  }
  try {
    return checkPayload(payload);
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause;
    throw new DecodeError(
      'shape',
      `decompressed payload (${json.length} characters) is nested too deeply to check: ${cause.message}`,
      { cause },
    );
  }
}

/** The parsed payload checked against the documented shape (see {@link parsePayload}). */
export function checkPayload(payload: unknown): SubscriptionPayload {
  if (!isObject(payload)) {
    throw new DecodeError('shape', `expected a JSON object, got ${describe(payload)}`);
  }
  const messageType = payload.messageType;
  if (messageType === 'CONTROL_MESSAGE') return { messageType };
  if (messageType !== 'DATA_MESSAGE') {
    throw new DecodeError(
      'shape',
      `"messageType" must be DATA_MESSAGE or CONTROL_MESSAGE, got ${preview(messageType)}`,
    );
  }
  const logGroup = requireString(payload, 'logGroup');
  const logStream = requireString(payload, 'logStream');
  const owner = typeof payload.owner === 'string' ? payload.owner : '';
  const filters = Array.isArray(payload.subscriptionFilters)
    ? payload.subscriptionFilters.filter((f): f is string => typeof f === 'string')
    : [];
  const events = payload.logEvents;
  if (!Array.isArray(events)) {
    throw new DecodeError('shape', `"logEvents" of ${logGroup} must be an array, got ${describe(events)}`);
  }
  const logEvents: (LogEvent | MalformedLogEvent)[] = new Array<LogEvent | MalformedLogEvent>(events.length);
  for (let i = 0; i < events.length; i++) logEvents[i] = checkEvent(events[i], i);
  const message: DataMessage = {
    messageType,
    owner,
    logGroup,
    logStream,
    subscriptionFilters: filters,
    logEvents,
  };
  return message;
}

/**
 * Decodes a CloudWatch Logs subscription event: base64 → gunzip (capped) → JSON → shape.
 * Throws {@link DecodeError} naming the step that failed; an event entry with the wrong shape
 * does not fail the payload, it is returned marked so it can still be forwarded.
 */
export function decodePayload(event: unknown, options: DecodeOptions): SubscriptionPayload {
  return parsePayload(inflatePayload(payloadData(event), options));
}
