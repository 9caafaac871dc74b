import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { encodedLine, type EncodedRecord } from '../src/batch/encodeRecord.js';
import { createRecordEncoder } from '../src/batch/recordEncoder.js';
import { packBatches } from '../src/batch/packBatches.js';
import { putRecordBatchBody } from '../src/deliver/recordBatchBody.js';
import { decodePayload } from '../src/decode/decodePayload.js';
import { decodeSlicedPayload } from '../src/decode/eventSlices.js';
import { encodePayloadRecords } from '../src/forwardLogs.js';
import { readConfig } from '../src/config.js';
import { defaultNameOf } from '../src/normalize/defaultName.js';
import { normalizePayload } from '../src/normalize/normalizePayload.js';
import type { ForwarderRecord } from '../src/normalize/record.js';
import { asctimeOf, isoTimestamp } from '../src/normalize/timestamps.js';

/** Decode caps decompressed bytes; the stress payload is beyond any real one, so the cap is lifted. */
export const BENCH_DECODE_OPTIONS = { maxPayloadBytes: 1024 * 1024 * 1024 } as const;

/** What the pure pipeline produced for one payload. */
export interface PipelineOutput {
  readonly events: number;
  readonly records: readonly EncodedRecord[];
  readonly batches: readonly (readonly EncodedRecord[])[];
}

/** The configuration the handler reads with only its stream set: every control at its default. */
const BENCH_CONFIG = readConfig({
  DELIVERY_STREAM_NAME: 'bench',
  MAX_PAYLOAD_BYTES: String(BENCH_DECODE_OPTIONS.maxPayloadBytes),
});

/**
 * The forwarder's pure pipeline, exactly as `forwardLogs` runs it before delivery:
 * `decodeSlicedPayload` → `encodePayloadRecords` (its events 500 at a time: normalize → controls at their defaults, which add
 * `function_version` → `encodeRecord`) → `packBatches`.
 */
export function runPipeline(event: unknown): PipelineOutput {
  const payload = decodeSlicedPayload(event, BENCH_DECODE_OPTIONS);
  if (payload.messageType !== 'DATA_MESSAGE') return { events: 0, records: [], batches: [] };
  const { encoded } = encodePayloadRecords(payload, BENCH_CONFIG);
  return { events: payload.eventCount, records: encoded, batches: packBatches(encoded) };
}

/** Milliseconds spent in each step of {@link runPipeline}, for one run. */
export interface StageTimes {
  readonly decode: number;
  readonly normalize: number;
  readonly encode: number;
  readonly pack: number;
}

/**
 * {@link runPipeline} with a clock between the steps, to say where the time goes. To time each
 * step apart, the payload is decoded whole here (`decodePayload`), where the pipeline parses its
 * events 500 at a time as it normalizes them.
 */
export function timePipelineStages(event: unknown): StageTimes {
  const t0 = performance.now();
  const payload = decodePayload(event, BENCH_DECODE_OPTIONS);
  const t1 = performance.now();
  if (payload.messageType !== 'DATA_MESSAGE') return { decode: t1 - t0, normalize: 0, encode: 0, pack: 0 };
  const normalized = normalizePayload(payload);
  const t2 = performance.now();
  const records: EncodedRecord[] = [];
  const encoder = createRecordEncoder((line) => records.push(line));
  for (const record of normalized) encoder.push(record);
  encoder.flush();
  const t3 = performance.now();
  packBatches(records);
  const t4 = performance.now();
  return { decode: t1 - t0, normalize: t2 - t1, encode: t3 - t2, pack: t4 - t3 };
}

/**
 * The floor: what any forwarder must do to read the payload at all — base64 decode, gunzip and
 * JSON.parse — with no checks, no normalizing and no encoding. Returns the event count so the
 * work cannot be optimized away.
 */
export function runFloor(data: string): number {
  return readPayload(data).logEvents?.length ?? 0;
}

interface RawPayload {
  logGroup?: string;
  logStream?: string;
  owner?: string;
  logEvents?: { id: string; timestamp: number; message: string }[];
}

/** The floor's steps: base64 → gunzip → `JSON.parse`, unchecked. */
function readPayload(data: string): RawPayload {
  const compressed = Buffer.from(data, 'base64');
  // The same one-chunk gunzip as `decodePayload` (sized from the gzip trailer), so the floor
  // stays the lower bound and the decode's own tuning does not flatter the ratio.
  const chunkSize = Math.max(
    16 * 1024,
    Math.min(compressed.readUInt32LE(compressed.length - 4) + 1, 16 * 1024 * 1024),
  );
  return JSON.parse(gunzipSync(compressed, { chunkSize }).toString('utf8')) as RawPayload;
}

/**
 * The least a forwarder that writes SPEC §3's record does in JavaScript: the floor, then for every
 * event a record of the core and provenance fields with nothing read from the line (level INFO,
 * the function's name, the message as it came, no fields, no format), through the forwarder's own
 * grouped encoder into per-record bytes. What the pipeline spends beyond it is understanding the
 * lines: detection, parsing, the fields, the controls. Returns the record count.
 */
export function runShapeFloor(data: string): number {
  const payload = readPayload(data);
  const logGroup = payload.logGroup ?? '';
  const logStream = payload.logStream ?? '';
  const owner = payload.owner ?? '';
  const name = defaultNameOf(logGroup, logStream);
  let records = 0;
  const encoder = createRecordEncoder(() => {
    records++;
  });
  for (const event of payload.logEvents ?? []) {
    encoder.push({
      asctime: asctimeOf(event.timestamp),
      name,
      levelname: 'INFO',
      message: event.message,
      '@timestamp': isoTimestamp(event.timestamp),
      cloudwatch: { logGroup, logStream, owner, id: event.id },
    });
  }
  encoder.flush();
  return records;
}

/** The payload's records, normalized once (input of {@link runOutputFloor}). */
export function normalizedRecords(event: unknown): ForwarderRecord[] {
  const payload = decodePayload(event, BENCH_DECODE_OPTIONS);
  return payload.messageType === 'DATA_MESSAGE' ? normalizePayload(payload) : [];
}

/**
 * The cheapest native way to serialize the records: `JSON.stringify` over groups of
 * {@link NATIVE_GROUP} records (V8's serializer copies strings fastest in a long result, see
 * src/batch/recordEncoder.ts), with none of the work of cutting the groups into records.
 */
const NATIVE_GROUP = 128;
function groupJson(records: readonly ForwarderRecord[], each: (json: string) => void): void {
  for (let i = 0; i < records.length; i += NATIVE_GROUP)
    each(JSON.stringify(records.slice(i, i + NATIVE_GROUP)));
}

/**
 * A second, higher floor: reading the payload plus serializing the records the contract asks for
 * (grouped `JSON.stringify`, {@link groupJson}), with no parsing of the lines and no Buffers.
 * Whatever does the normalizer's job pays at least this.
 */
export function runOutputFloor(data: string, records: readonly ForwarderRecord[]): number {
  let chars = runFloor(data);
  groupJson(records, (json) => (chars += json.length));
  return chars;
}

/** The messages of the payload's events, once (input of {@link runNativeFloor}). */
export function eventMessages(event: unknown): string[] {
  const payload = decodePayload(event, BENCH_DECODE_OPTIONS);
  return payload.messageType === 'DATA_MESSAGE'
    ? payload.logEvents.map((entry) =>
        'message' in entry && typeof entry.message === 'string' ? entry.message : '',
      )
    : [];
}

/**
 * The native work no implementation of this contract can skip, with none of the JavaScript
 * around it: the floor, `JSON.parse` of every message that is a JSON object (to read its fields),
 * the records (already normalized) serialized the cheapest native way ({@link groupJson}) and
 * their UTF-8 bytes. What the pipeline spends beyond this is its own parsing logic, record
 * building, cutting the groups into records and GC.
 */
export function runNativeFloor(
  data: string,
  messages: readonly string[],
  records: readonly ForwarderRecord[],
): Buffer[] {
  runFloor(data);
  for (const message of messages) {
    if (message.charCodeAt(0) !== 0x7b /* { */) continue;
    try {
      JSON.parse(message);
    } catch {
      // a line that only starts like an object
    }
  }
  const bytes: Buffer[] = [];
  groupJson(records, (json) => bytes.push(Buffer.from(json)));
  return bytes;
}

/**
 * {@link runNativeFloor} plus the native steps of delivering the records: the batches packed as
 * the handler packs them, each PutRecordBatch body written as the handler writes it (the bytes
 * base64-encoded into the JSON, `putRecordBatchBody`, here a group of records per entry, which
 * base64 makes no cheaper per byte) and hashed with SHA-256, as SigV4 signs it.
 * No SDK, no HTTP, no endpoint: what is left of the handler's time beyond this is the pipeline's
 * JavaScript, the SDK's and the wait for the endpoint.
 */
export function runHandlerNativeFloor(
  data: string,
  messages: readonly string[],
  records: readonly ForwarderRecord[],
): number {
  const lines = runNativeFloor(data, messages, records).map((line, i) => encodedLine(String(i), line, false));
  let bytes = 0;
  for (const batch of packBatches(lines)) {
    const body = putRecordBatchBody(
      'bench-stream',
      batch.map((line) => ({ Data: line.data })),
    );
    createHash('sha256').update(body).digest();
    bytes += body.length;
  }
  return bytes;
}
