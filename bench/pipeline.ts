import { gunzipSync } from 'node:zlib';
import { encodeRecord, type EncodedRecord } from '../src/batch/encodeRecord.js';
import { packBatches } from '../src/batch/packBatches.js';
import { decodePayload } from '../src/decode/decodePayload.js';
import { normalizePayload } from '../src/normalize/normalizePayload.js';

/** Decode caps decompressed bytes; the stress payload is beyond any real one, so the cap is lifted. */
export const BENCH_DECODE_OPTIONS = { maxPayloadBytes: 1024 * 1024 * 1024 } as const;

/** What the pure pipeline produced for one payload. */
export interface PipelineOutput {
  readonly events: number;
  readonly records: readonly EncodedRecord[];
  readonly batches: readonly (readonly EncodedRecord[])[];
}

/**
 * The forwarder's pure pipeline, exactly as `forwardLogs` runs it before delivery:
 * `decodePayload` → `normalizePayload` → `encodeRecord` → `packBatches`.
 */
export function runPipeline(event: unknown): PipelineOutput {
  const payload = decodePayload(event, BENCH_DECODE_OPTIONS);
  if (payload.messageType !== 'DATA_MESSAGE') return { events: 0, records: [], batches: [] };
  const normalized = normalizePayload(payload);
  const records = normalized.map((record) => encodeRecord(record));
  return { events: payload.logEvents.length, records, batches: packBatches(records) };
}

/**
 * The floor: what any forwarder must do to read the payload at all — base64 decode, gunzip and
 * JSON.parse — with no checks, no normalizing and no encoding. Returns the event count so the
 * work cannot be optimized away.
 */
export function runFloor(data: string): number {
  const payload = JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8')) as {
    logEvents?: unknown[];
  };
  return payload.logEvents?.length ?? 0;
}
