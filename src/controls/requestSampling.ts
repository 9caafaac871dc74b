import type { ForwarderRecord, LevelName } from '../normalize/record.js';
import { isUnder } from './settings.js';

/**
 * The `sampleBelow` / `sampleRate` control (SPEC §6). A record under `sampleBelow` is kept when
 * the hash of its request id (its CloudWatch event id when it has none) falls under the rate:
 * every record of one request below the level is kept or dropped together, and the decision
 * is a pure function of the id, so Lambda's retry of a payload keeps exactly the records the
 * first attempt kept (no new duplicates, no new gaps). ERROR and CRITICAL are never sampled.
 */

/** FNV-1a, 32 bits (http://www.isthe.com/chongo/tech/comp/fnv/). */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * FNV-1a followed by MurmurHash3's finalizer: stable across processes and versions, and its high
 * bits spread even when ids differ only in their last characters (FNV-1a alone leaves those
 * clustered: sequential ids would all fall on the same side of the rate).
 */
export function stableHash(text: string): number {
  let h = fnv1a32(text);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_TO_32 = 2 ** 32;

/** Whether the request (or event) with this id is in the sample at `rate` (0-1). */
export function inSample(id: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  return stableHash(id) / TWO_TO_32 < rate;
}

/** Whether sampling keeps this record. */
export function keptBySampling(record: ForwarderRecord, sampleBelow: LevelName, rate: number): boolean {
  const level = record.levelname;
  if (level === 'ERROR' || level === 'CRITICAL' || !isUnder(level, sampleBelow)) return true;
  return inSample(record.aws_request_id ?? record.cloudwatch.id, rate);
}
