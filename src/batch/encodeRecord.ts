import { COLLISIONS_KEY, type ForwarderRecord } from '../normalize/record.js';
import { MAX_BYTES_PER_RECORD } from './limits.js';

/** One record as it goes on the wire: NDJSON line bytes, and its event id for reporting. */
export interface EncodedRecord {
  readonly id: string;
  /** The line's UTF-8 bytes, its `\n` included. */
  readonly data: Buffer;
  /** `data.length`, read without making `data`. */
  readonly size: number;
  /** Set when the record was cut to fit {@link MAX_BYTES_PER_RECORD}. */
  readonly truncated: boolean;
  /** The same bytes, the id read as `prefix` + this one's (a copy with `...` would lose `data`, a getter). */
  readonly withIdPrefix: (prefix: string) => EncodedRecord;
}

/**
 * An {@link EncodedRecord} whose bytes are `size` bytes at `start` of `bytes`, a chunk many lines
 * share: `data`, the view of them, is made each time it is read (once per call that sends the
 * record), not held by every record from its encoding to its delivery.
 *
 * Why: a `Uint8Array` view is ~100 bytes of heap, twice the record's own, and the pipeline holds
 * every record until it is packed, so each young-generation GC copied them all. Pipeline on the
 * max payload (18,072 records, one process, GC before each run, medians of 11, 3 processes):
 * with a view per record 87.7–88.6 ms, with the offsets only 83.9–85.4 ms (dropping the records
 * as they come, the bound: 83.7–86.1 ms); the whole handler unchanged (bench/README.md).
 *
 * A line the grouped encoder cut from a group's JSON holds no id string either: its id is read
 * from its own bytes when asked for ({@link idInLine}), which only a failed record's report does.
 * Each 56-character event id kept a string of 72 bytes alive from its event's parse to its
 * record's delivery, through the scavenges in between: on the max payload (20 runs back to back,
 * `--trace-gc-nvp`) a scavenge kept 1,050 KB instead of 768 KB, and scavenging took 4.97 ms a
 * run instead of 3.89.
 */
export class ChunkLine implements EncodedRecord {
  readonly size: number;
  readonly truncated: boolean;
  private readonly bytes: Buffer;
  private readonly start: number;
  /** The event id; `undefined` when it is the `cloudwatch.id` written in the line. */
  private readonly ownId: string | undefined;
  private readonly idPrefix: string;

  constructor(
    id: string | undefined,
    bytes: Buffer,
    start: number,
    size: number,
    truncated: boolean,
    idPrefix = '',
  ) {
    this.size = size;
    this.truncated = truncated;
    this.bytes = bytes;
    this.start = start;
    this.ownId = id;
    this.idPrefix = idPrefix;
  }

  get id(): string {
    return this.idPrefix + (this.ownId ?? idInLine(this.bytes, this.start, this.size));
  }

  get data(): Buffer {
    return this.bytes.subarray(this.start, this.start + this.size);
  }

  withIdPrefix(prefix: string): ChunkLine {
    return new ChunkLine(
      this.ownId,
      this.bytes,
      this.start,
      this.size,
      this.truncated,
      prefix + this.idPrefix,
    );
  }
}

/** How a record's provenance starts in its JSON (normalize/record.ts, normalizeEvent.ts `buildRecord`). */
const CLOUDWATCH_KEY = Buffer.from('"cloudwatch":{"logGroup":"', 'latin1');
/** The end of the `owner` value and the `id` key after it. */
const ID_KEY = Buffer.from('","id":"', 'latin1');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The `cloudwatch.id` of the record whose JSON line is the `size` bytes at `start` of `bytes`.
 * Every key before `cloudwatch` holds a string (record.ts), whose quotes JSON escapes, so the first
 * `"cloudwatch":{"logGroup":"` of the line is the record's own, and the first `","id":"` after it
 * ends its `owner`: `logGroup`, `logStream` and `owner` are strings too. The id is a JSON string.
 */
export function idInLine(bytes: Buffer, start: number, size: number): string {
  const end = start + size;
  const key = bytes.indexOf(CLOUDWATCH_KEY, start);
  const at = key < 0 || key >= end ? -1 : bytes.indexOf(ID_KEY, key + CLOUDWATCH_KEY.length);
  if (at < 0 || at >= end) throw new TypeError('the line holds no cloudwatch.id');
  const open = at + ID_KEY.length - 1;
  for (let close = bytes.indexOf(QUOTE, open + 1); close >= 0 && close < end;) {
    let backslashes = 0;
    while (bytes[close - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return JSON.parse(bytes.toString('utf8', open, close + 1)) as string;
    close = bytes.indexOf(QUOTE, close + 1);
  }
  throw new TypeError('the line holds no cloudwatch.id');
}

/** A line whose bytes are all of `data`. */
export function encodedLine(id: string, data: Buffer, truncated: boolean): EncodedRecord {
  return new ChunkLine(id, data, 0, data.length, truncated);
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

// Lines are written into shared chunks (a record points into one, see ChunkLine), instead of one
// `Buffer.from(JSON.stringify(record) + '\n')` each: that flattened the concatenated string (a
// copy of every line) and allocated a pool slice per record. Encode step on the max payload
// (npm run bench --quick, 18,072 records, median of 5): 99 → 75 ms; self time of `encode`
// 28 % of the pipeline's before. The request body's writer base64-encodes each line's view.
const CHUNK_BYTES = 256 * 1024;
/** Lines this long (in UTF-16 units) may not fit a chunk: they get a Buffer of their own. */
const LONG_LINE = Math.floor((CHUNK_BYTES - 1) / 3);
let chunk = Buffer.allocUnsafe(0);
let used = 0;

/** `json` and its `\n` as UTF-8 bytes (a view into a shared chunk, or a Buffer of its own). */
export function writeLine(json: string): Buffer {
  if (json.length > LONG_LINE) {
    const size = Buffer.byteLength(json) + 1;
    const own = Buffer.allocUnsafe(size);
    own.write(json, 0);
    own[size - 1] = 0x0a;
    return own;
  }
  // A UTF-16 unit is at most 3 bytes of UTF-8: room for that many is room for the line.
  if (chunk.length - used < json.length * 3 + 1) {
    chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
  }
  const start = used;
  const end = start + chunk.write(json, start);
  chunk[end] = 0x0a;
  used = end + 1;
  return chunk.subarray(start, used);
}

/**
 * Bytes a chunk keeps free beyond `text.length` for {@link writeIfAscii}: a UTF-8 write that runs
 * out of room stops short of a character of up to 4 bytes, so with this much more room a text
 * that is not ASCII writes more bytes than it has UTF-16 units, or all of them, never exactly as
 * many.
 */
const ASCII_SLACK = 4;

/**
 * Writes `text` as UTF-8 into a shared chunk (or a Buffer of its own when it is larger than a
 * chunk) when it is ASCII, one byte per UTF-16 unit, and says where: the caller cuts it into
 * lines. Otherwise writes nothing that counts and returns `undefined`. One pass: the write says
 * whether the text was ASCII (`Buffer.byteLength` first and a Latin-1 write after were two).
 */
export function writeIfAscii(text: string): { readonly bytes: Buffer; readonly offset: number } | undefined {
  if (text.length + ASCII_SLACK > CHUNK_BYTES) {
    const own = Buffer.allocUnsafe(text.length + ASCII_SLACK);
    return own.write(text, 0) === text.length ? { bytes: own, offset: 0 } : undefined;
  }
  if (chunk.length - used < text.length + ASCII_SLACK) {
    chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
  }
  const offset = used;
  if (chunk.write(text, offset) !== text.length) return undefined;
  used += text.length;
  return { bytes: chunk, offset };
}

/**
 * Serializes a record as one NDJSON line. A line over {@link MAX_BYTES_PER_RECORD} is not
 * dropped: `message`, then `exc_info`, is cut until it fits, and the record says so with
 * `truncated: true` and `original_size` (bytes of the full line). A record whose other fields
 * alone are too large keeps its core and provenance, with those fields as cut JSON text in
 * `message`. The result is never over `limit` bytes.
 */
export function encodeRecord(record: ForwarderRecord, limit: number = MAX_BYTES_PER_RECORD): EncodedRecord {
  const json = JSON.stringify(record);
  // Fast path: a line cannot be over `limit` bytes if it has fewer than limit/3 UTF-16 units
  // (each unit is at most 3 bytes of UTF-8), which holds for nearly every log line.
  if ((json.length + 1) * 3 <= limit || Buffer.byteLength(json) + 1 <= limit) {
    return encodedLine(record.cloudwatch.id, writeLine(json), false);
  }
  const originalSize = Buffer.byteLength(json) + 1;
  const cut = marked(record, originalSize);
  const fitted = cutField(cut, 'message', limit) ?? cutField(cut, 'exc_info', limit);
  if (fitted !== undefined) return encodedLine(record.cloudwatch.id, Buffer.from(fitted), true);

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
  return encodedLine(record.cloudwatch.id, Buffer.from(last), true);
}
