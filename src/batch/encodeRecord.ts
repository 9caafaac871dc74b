import { COLLISIONS_KEY, type ForwarderRecord } from '../normalize/record.js';
import { MAX_BYTES_PER_RECORD } from './limits.js';

/** One record as it goes on the wire: NDJSON line bytes, and its event id for reporting. */
export interface EncodedRecord {
  readonly id: string;
  readonly data: Buffer;
  /** Set when the record was cut to fit {@link MAX_BYTES_PER_RECORD}. */
  readonly truncated: boolean;
}

const NEWLINE = '\n';

function encode(record: ForwarderRecord): string {
  return JSON.stringify(record) + NEWLINE;
}

/** `text` without its last `cut` UTF-16 units, never splitting a surrogate pair. */
function shorten(text: string, cut: number): string {
  let end = Math.max(0, text.length - cut);
  const code = text.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end);
}

// Cutting k characters removes at least k bytes of JSON, so a cut of (excess + this margin)
// fits in one step in the usual case; the loop covers escaping and the marker fields' length.
const MARGIN = 64;

function cutField(
  record: ForwarderRecord,
  field: 'message' | 'exc_info' | 'name',
  limit: number,
): string | undefined {
  for (;;) {
    const line = encode(record);
    const excess = Buffer.byteLength(line) - limit;
    if (excess <= 0) return line;
    const value = record[field];
    if (typeof value !== 'string' || value.length === 0) return undefined;
    record[field] = shorten(value, excess + MARGIN);
  }
}

/** Keys the truncation marks set; a line's own values for them move to {@link COLLISIONS_KEY}. */
const MARK_KEYS = ['truncated', 'original_size'] as const;

function marked(record: ForwarderRecord, originalSize: number): ForwarderRecord {
  const cut: ForwarderRecord = { ...record };
  let moved: Record<string, unknown> | undefined;
  for (const key of MARK_KEYS) {
    if (cut[key] === undefined) continue;
    const kept: unknown = cut[COLLISIONS_KEY];
    moved ??= typeof kept === 'object' && kept !== null ? { ...kept } : {};
    moved[key] = cut[key];
  }
  if (moved !== undefined) cut[COLLISIONS_KEY] = moved;
  cut.truncated = true;
  cut.original_size = originalSize;
  return cut;
}

/**
 * Serializes a record as one NDJSON line. A line over {@link MAX_BYTES_PER_RECORD} is not
 * dropped: `message`, then `exc_info`, is cut until it fits, and the record says so with
 * `truncated: true` and `original_size` (bytes of the full line). A record whose other fields
 * alone are too large keeps its core and provenance, with those fields as cut JSON text in
 * `message`. The result is never over `limit` bytes.
 */
export function encodeRecord(record: ForwarderRecord, limit: number = MAX_BYTES_PER_RECORD): EncodedRecord {
  const line = encode(record);
  // Fast path: a line cannot be over `limit` bytes if it has fewer than limit/3 UTF-16 units
  // (each unit is at most 3 bytes of UTF-8), which holds for nearly every log line.
  if (line.length * 3 <= limit || Buffer.byteLength(line) <= limit) {
    return { id: record.cloudwatch.id, data: Buffer.from(line), truncated: false };
  }
  const originalSize = Buffer.byteLength(line);
  const cut = marked(record, originalSize);
  const fitted = cutField(cut, 'message', limit) ?? cutField(cut, 'exc_info', limit);
  if (fitted !== undefined) return { id: record.cloudwatch.id, data: Buffer.from(fitted), truncated: true };

  // The structured fields themselves are too large: keep the core and provenance, and the rest
  // as JSON text in `message`, cut to fit; a logger `name` too long to fit is cut last.
  const core: ForwarderRecord = {
    asctime: record.asctime,
    name: record.name,
    levelname: record.levelname,
    message: JSON.stringify(record),
    '@timestamp': record['@timestamp'],
    cloudwatch: record.cloudwatch,
    truncated: true,
    original_size: originalSize,
  };
  if (typeof record.aws_request_id === 'string' && record.aws_request_id.length <= 64) {
    core.aws_request_id = record.aws_request_id;
  }
  const last = cutField(core, 'message', limit) ?? cutField(core, 'name', limit);
  if (last === undefined) {
    // Only reachable with a limit below the size of a record's provenance (log group and stream
    // names are at most 512 characters each): a caller's mistake, not a log line's.
    throw new RangeError(
      `record ${record.cloudwatch.id} cannot fit in ${limit} bytes even with its fields cut`,
    );
  }
  return { id: record.cloudwatch.id, data: Buffer.from(last), truncated: true };
}
