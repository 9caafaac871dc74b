import {
  COLLISIONS_KEY,
  MESSAGE_FIELDS_KEY,
  RESERVED_KEYS,
  type ForwarderRecord,
} from '../normalize/record.js';
import { setOwnField } from './recordTags.js';

/**
 * The `maxFields` / `maxDepth` control (SPEC §6): a structured line's fields beyond the caps are
 * moved, whole, into `fields_overflow`, one JSON string holding them at their paths
 * (`{"request":{"headers":{…}},"k101":…}`), so one noisy application cannot grow a shared
 * index's mapping without bound and nothing is lost. Fields are counted as OpenSearch maps them:
 * every key at every depth, objects included; the objects inside an array count with their
 * keys, and such an array is kept or moved as a whole. The forwarder's own fields (core,
 * provenance, tags, fold figures) are not counted and never move.
 */

export const OVERFLOW_KEY = 'fields_overflow';

/**
 * The forwarder's own keys. `message_fields` is the line's (a logged object, mapped field by
 * field) and counts; `original_fields` is not mapped by the index template (`enabled: false`).
 */
export const OWN_FIELDS: ReadonlySet<string> = new Set([
  ...[...RESERVED_KEYS].filter((key) => key !== MESSAGE_FIELDS_KEY),
  COLLISIONS_KEY,
  'truncated',
  'original_size',
  'tags',
  'function_version',
  'duration_ms',
  'billed_duration_ms',
  'memory_size_mb',
  'max_memory_used_mb',
  'init_duration_ms',
]);

/**
 * `OWN_FIELDS.has(key)`, written out: the caps ask it of every top-level key of every record, and
 * a `switch` over the (internalized) keys costs half the `Set` lookup. Field caps at their defaults
 * on the max bench payload (instruction counts, bench/README.md): 23.0 → 11.6 M. A unit test holds
 * the two to the same keys.
 */
export function isOwnField(key: string): boolean {
  switch (key) {
    case 'asctime':
    case 'name':
    case 'levelname':
    case 'message':
    case 'exc_info':
    case '@timestamp':
    case 'aws_request_id':
    case 'cloudwatch':
    case 'log_format':
    case 'forwarder_error':
    case 'truncated':
    case 'original_size':
    case 'rejoin_part':
    case 'original_fields':
    case 'tags':
    case 'function_version':
    case 'duration_ms':
    case 'billed_duration_ms':
    case 'memory_size_mb':
    case 'max_memory_used_mb':
    case 'init_duration_ms':
      return true;
    default:
      return false;
  }
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Caps {
  budget: number;
  maxDepth: number;
}

const CAPS: Caps = { budget: 0, maxDepth: 0 };

/** Fields the contents of `value` map to, whose keys sit at `depth`; over `limit`: Infinity. */
function costOf(value: unknown, depth: number, limit: number, maxDepth: number): number {
  if (Array.isArray(value)) {
    let total = 0;
    for (const item of value) {
      total += costOf(item, depth, limit - total, maxDepth);
      if (total > limit) return Number.POSITIVE_INFINITY;
    }
    return total;
  }
  if (!isObject(value)) return 0;
  if (depth > maxDepth) return Number.POSITIVE_INFINITY;
  let total = 0;
  for (const key in value) {
    total += 1 + costOf(value[key], depth + 1, limit - total - 1, maxDepth);
    if (total > limit) return Number.POSITIVE_INFINITY;
  }
  return total;
}

function moveTo(out: JsonObject | undefined, object: JsonObject, key: string): JsonObject {
  const target = out ?? {};
  target[key] = object[key];
  Reflect.deleteProperty(object, key);
  return target;
}

/** Caps `object` (whose keys sit at `depth`) in place; returns what it moved out, at its paths. */
function cap(object: JsonObject, depth: number, caps: Caps, top: boolean): JsonObject | undefined {
  let out: JsonObject | undefined;
  for (const key in object) {
    if (top && isOwnField(key)) continue;
    const value = object[key];
    if (caps.budget <= 0) {
      out = moveTo(out, object, key);
    } else if (typeof value !== 'object' || value === null) {
      caps.budget--;
    } else if (!Array.isArray(value)) {
      // Its keys would sit deeper than the cap: the object moves whole.
      if (depth >= caps.maxDepth) {
        out = moveTo(out, object, key);
        continue;
      }
      caps.budget--;
      const inner = cap(value as JsonObject, depth + 1, caps, false);
      if (inner !== undefined) {
        out ??= {};
        out[key] = inner;
      }
    } else {
      const cost = 1 + costOf(value, depth + 1, caps.budget, caps.maxDepth);
      if (cost > caps.budget) out = moveTo(out, object, key);
      else caps.budget -= cost;
    }
  }
  return out;
}

/**
 * Applies the caps to a record in place (0: no cap). Returns whether fields were moved to
 * `fields_overflow`.
 */
export function capFields(record: ForwarderRecord, maxFields: number, maxDepth: number): boolean {
  if (maxFields === 0 && maxDepth === 0) return false;
  // One object for every call (`cap` runs no code of anyone else's, so no call overlaps another):
  // a new one per record was 0.75 MB of the max bench payload's ~60 MB allocated a run.
  const caps = CAPS;
  caps.budget = maxFields === 0 ? Number.POSITIVE_INFINITY : maxFields;
  caps.maxDepth = maxDepth === 0 ? Number.POSITIVE_INFINITY : maxDepth;
  const overflow = cap(record, 1, caps, true);
  if (overflow === undefined) return false;
  setOwnField(record, OVERFLOW_KEY, JSON.stringify(overflow));
  return true;
}
