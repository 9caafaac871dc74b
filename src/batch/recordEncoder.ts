import type { ForwarderRecord } from '../normalize/record.js';
import {
  ChunkLine,
  encodeRecord,
  encodedLine,
  writeIfAscii,
  writeLine,
  type EncodedRecord,
} from './encodeRecord.js';
import { MAX_BYTES_PER_RECORD } from './limits.js';

/**
 * Encodes records in groups: one `JSON.stringify` over an array of records, cut back into one
 * NDJSON line per record, instead of one `JSON.stringify` per record. Same bytes per record.
 *
 * Why: V8's JSON serializer (Node 20, V8 11.3) builds its result in parts that start at 32
 * characters and double; a string is copied by its fast loop only when six times its length fits
 * the current part, so a call per record, whose parts stay small, copies most strings through the
 * slow per-character reader. Encoding the max bench payload's 18,072 records (cachegrind,
 * instructions per run, `bench/README.md` "Grouped encoding"): one call per record 419–463 M;
 * groups of 32: 434 M; 64: 335 M; 128: 245 M.
 *
 * Where a record's line ends is found without parsing: every record's first key is `asctime`
 * (normalize/record.ts), and the text `},{"asctime":` can only appear in a JSON text between two
 * objects of an array (inside a string its quotes would be escaped), so a group of n records has
 * exactly n − 1 such boundaries unless a line's own field is an array of objects keyed that way;
 * then the count is off and the group is encoded record by record. A record whose first key is
 * not `asctime`, or too large for the group's fast path, is encoded on its own, in order.
 */

/** Records per group: the largest measured above; a group's JSON lives only until it is cut. */
const GROUP_RECORDS = 128;
/**
 * Characters of `message` + `exc_info` a group may hold before it is encoded: keeps a group of
 * long lines from holding one large JSON text (a group never holds more than the payload, whose
 * decompressed size `MAX_PAYLOAD_BYTES` bounds).
 */
const GROUP_TEXT_CHARS = 256 * 1024;
const BOUNDARY = '},{"asctime":';

export interface RecordEncoder {
  /** Adds a record; its encoded line reaches the sink, in order, at the latest on `flush`. */
  readonly push: (record: ForwarderRecord) => void;
  /** Encodes what is pending. Call once after the last record. */
  readonly flush: () => void;
}

function startsWithAsctime(record: ForwarderRecord): boolean {
  for (const key in record) return key === 'asctime';
  return false;
}

/**
 * A grouped encoder handing each record's {@link EncodedRecord} to `sink`, in push order. Lines
 * over `limit` bytes are cut as {@link encodeRecord} cuts them.
 */
export function createRecordEncoder(
  sink: (line: EncodedRecord) => void,
  limit: number = MAX_BYTES_PER_RECORD,
): RecordEncoder {
  let group: ForwarderRecord[] = [];
  let textChars = 0;

  const one = (record: ForwarderRecord): void => {
    sink(encodeRecord(record, limit));
  };

  const flush = (): void => {
    const records = group;
    if (records.length === 0) return;
    group = [];
    textChars = 0;
    if (records.length === 1) {
      one(records[0] as ForwarderRecord);
      return;
    }
    let json: string;
    try {
      json = JSON.stringify(records);
    } catch {
      // A value JSON.stringify refuses (too deep for the stack): encodeRecord says which record.
      for (const record of records) one(record);
      return;
    }
    // The boundaries first, so a group with a stray one is encoded record by record.
    const ends: number[] = [];
    let from = 1;
    for (;;) {
      const at = json.indexOf(BOUNDARY, from);
      if (at < 0) break;
      ends.push(at + 1);
      from = at + 2;
    }
    if (ends.length !== records.length - 1) {
      for (const record of records) one(record);
      return;
    }
    ends.push(json.length - 1);
    const block = writeIfAscii(json);
    if (block !== undefined) {
      // ASCII, as nearly every group is: bytes sit at the characters' offsets, so the group is
      // copied once and cut in place, each record's `,` (or the closing `]`) becoming its `\n`.
      // Instead of a slice and a UTF-8 write per record: encoding the max payload's 18,072 records,
      // 74–77 → 64–68 ms (medians of 15 runs in one process).
      const { bytes, offset } = block;
      let start = 1;
      for (let i = 0; i < records.length; i++) {
        const end = ends[i] as number;
        const record = records[i] as ForwarderRecord;
        if (end - start + 1 <= limit) {
          bytes[offset + end] = 0x0a;
          // The line's id stays in its bytes (ChunkLine).
          sink(new ChunkLine(undefined, bytes, offset + start, end - start + 1, false));
        } else {
          one(record);
        }
        start = end + 1;
      }
      return;
    }
    let start = 1;
    for (let i = 0; i < records.length; i++) {
      const end = ends[i] as number;
      const record = records[i] as ForwarderRecord;
      // Fast path as in encodeRecord: under limit/3 UTF-16 units cannot be over limit bytes.
      if ((end - start + 1) * 3 <= limit || Buffer.byteLength(json.slice(start, end)) + 1 <= limit) {
        sink(encodedLine(record.cloudwatch.id, writeLine(json.slice(start, end)), false));
      } else {
        one(record);
      }
      start = end + 1;
    }
  };

  return {
    push(record) {
      if (!startsWithAsctime(record)) {
        flush();
        one(record);
        return;
      }
      group.push(record);
      textChars += record.message.length + (record.exc_info?.length ?? 0);
      if (group.length >= GROUP_RECORDS || textChars >= GROUP_TEXT_CHARS) flush();
    },
    flush,
  };
}
