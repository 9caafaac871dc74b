import {
  checkEvent,
  checkPayload,
  inflatePayloadBytes,
  parsePayload,
  payloadData,
  type DecodeOptions,
} from './decodePayload.js';
import type {
  ControlMessage,
  DataMessage,
  LogEvent,
  LogSource,
  MalformedLogEvent,
} from './subscriptionPayload.js';

/**
 * A DATA_MESSAGE whose events are parsed a slice at a time, as they are normalized, instead of
 * all at once: the events of a slice die young, where the 18,000 event objects of a 1 MB payload
 * parsed whole live through the whole pipeline, are promoted to the old generation by the
 * scavenges they survive and are then marked and swept there. On the max bench payload, slices
 * of 500 (forwardLogs.ts): the whole handler's CPU time with Lambda's 128 MB heap flags 593 →
 * 521 ms (medians of 25 warm invocations, 5 alternated processes), peak RSS 100 → 96 MiB; the
 * pipeline's instructions (cachegrind, `--predictable`, K = 3 vs 9; bench/README.md) 1,075 →
 * 1,034 M with those flags, scavenge time −43 % (`--trace-gc`, 9 runs).
 */
export interface SlicedDataMessage extends LogSource {
  readonly messageType: 'DATA_MESSAGE';
  /**
   * How many events the payload holds: exact once {@link events} has given the last of them
   * (read until a slice comes back empty). Asked before, it is counted from the text without
   * parsing it, which an entry nesting an object that looks like the next event would throw off
   * (never CloudWatch's).
   */
  readonly eventCount: number;
  /**
   * The events `from`…`to` (end excluded), in payload order, each checked as {@link parsePayload}
   * checks it (a malformed entry stays in place, marked, its `index` the payload's); empty past
   * the last. Read in order: `from` is never before the end of an earlier call. Throws the
   * `DecodeError` of {@link parsePayload} when the text is not JSON after all.
   */
  readonly events: (from: number, to: number) => readonly (LogEvent | MalformedLogEvent)[];
}

export type SlicedPayload = SlicedDataMessage | ControlMessage;

/** How CloudWatch Logs writes the array, last in the payload: `…,"logEvents":[{"id":"…",…},…]}`. */
const EVENTS_KEY = Buffer.from(',"logEvents":[', 'latin1');
/**
 * Between two events. `{"` cannot occur inside a JSON string (a `"` there is escaped), so every
 * match is structural: between two entries of the array, or inside an entry that nests objects
 * (never CloudWatch's; caught by the count check in {@link SlicedDataMessage.events}).
 */
const NEXT_EVENT = Buffer.from('},{"id":"', 'latin1');
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]
const CLOSE_BRACE = 0x7d; // }

/**
 * The most bytes of event text decoded into one string (an event larger than this is decoded
 * alone). V8 puts a string of more than 128 KiB in a space of its own, mapped for it and
 * faulted in page by page: decoding the max bench payload's 5.6 MB in strings of 160,000 bytes
 * took 4.0–4.7 ms, in strings of 120,000 or 40,000 bytes 0.6–0.8 ms (medians of 50 in one
 * process). 60,000 bytes stay under 128 KiB even as two bytes a character, the form a string
 * takes when it holds a character beyond Latin-1.
 */
const TEXT_BYTES = 60_000;

/**
 * The entries between the bytes at `open` and `close` (the `[` or `,` before the first, the `,` or
 * `]` after the last) as the text of a JSON array: those two bytes are set to `[` and `]` for the
 * decode and put back. Instead of `[${text}]`, a second string that `JSON.parse` flattens, a copy
 * of every slice: all slices of the max bench payload, medians of 20 runs in one process, two
 * runs, 16.2 → 13.0 and 15.3 → 12.4 ms.
 */
function arrayText(json: Buffer, open: number, close: number): string {
  const before = json[open] as number;
  const after = json[close] as number;
  json[open] = OPEN_BRACKET;
  json[close] = CLOSE_BRACKET;
  try {
    return json.toString('utf8', open, close + 1);
  } finally {
    json[open] = before;
    json[close] = after;
  }
}

/** The payload parsed whole, served in slices. */
function wholePayload(payload: DataMessage): SlicedDataMessage {
  const { logEvents, ...source } = payload;
  return {
    ...source,
    eventCount: logEvents.length,
    events: (from, to) => logEvents.slice(from, to),
  };
}

/**
 * The payload's events cut at their boundaries, or `undefined` when the text is not laid out as
 * CloudWatch Logs writes it (then it is parsed whole, which also names what is wrong with it).
 * It works on the UTF-8 bytes: each piece is decoded when it is parsed, so the whole text is never
 * a string, only its 5–6 MB of bytes are held (every cut falls between ASCII bytes, so the pieces
 * decode to exactly the characters of the whole). A piece ends at the last boundary within
 * {@link TEXT_BYTES}, found with one `lastIndexOf`, instead of every event's start found first
 * with an `indexOf` each: 18,071 calls, 1.7 ms on the max bench payload (median of 30).
 */
function cloudWatchLayout(json: Buffer): SlicedDataMessage | undefined {
  const key = json.indexOf(EVENTS_KEY);
  const close = json.length - 2;
  if (key < 0 || json[close] !== CLOSE_BRACKET || json[close + 1] !== CLOSE_BRACE) return undefined;
  const first = key + EVENTS_KEY.length;
  if (first > close) return undefined;
  let head: ReturnType<typeof checkPayload>;
  try {
    // Everything but the events: the same checks, and the same errors, as the whole payload's.
    head = checkPayload(JSON.parse(`${json.toString('utf8', 0, first)}]}`));
  } catch {
    return undefined;
  }
  if (head.messageType !== 'DATA_MESSAGE' || head.logEvents.length !== 0) return undefined;
  // Read front to back: `cursor` is the `[` or `,` before the first event not parsed yet (the
  // array's `]` once all are), `parsed` how many events were parsed, `pending` the last of them,
  // not handed out yet.
  let cursor = first === close ? close : first - 1;
  let parsed = 0;
  let pending: (LogEvent | MalformedLogEvent)[] = [];
  let counted: number | undefined;
  let whole: SlicedDataMessage | undefined;

  /** Parses the events of the next {@link TEXT_BYTES} or so; throws when that text is no array. */
  const parseNext = (): void => {
    let end = close;
    const limit = cursor + TEXT_BYTES;
    if (limit < close) {
      // The last boundary in reach, or (one event larger than that) the first beyond it.
      const before = json.lastIndexOf(NEXT_EVENT, limit);
      const after = before > cursor ? before : json.indexOf(NEXT_EVENT, limit);
      if (after >= 0 && after < close) end = after + 1;
    }
    const entries: unknown = JSON.parse(arrayText(json, cursor, end));
    if (!Array.isArray(entries) || entries.length === 0) throw new TypeError('not the events');
    for (const entry of entries) {
      pending.push(checkEvent(entry, parsed));
      parsed++;
    }
    cursor = end;
  };

  const { logEvents: _none, ...source } = head;
  return {
    ...source,
    get eventCount() {
      if (whole !== undefined) return whole.eventCount;
      if (cursor === close) return parsed;
      counted ??= countEvents(json, first, close);
      return counted;
    },
    events(from, to) {
      if (whole !== undefined) return whole.events(from, to);
      const start = Math.max(0, from);
      if (start < parsed - pending.length) throw new RangeError('the events are read in order');
      try {
        while (parsed < to && cursor < close) parseNext();
      } catch {
        // Not JSON, nested too deeply to check, or a cut inside an entry (one nesting an object
        // that looks like the next event: the text up to it cannot be a JSON array): parsed
        // whole, which either throws the DecodeError that names the problem or gives the true
        // events. The events before this text were cut right, so they were the same.
        const payload = parsePayload(json.toString('utf8'));
        if (payload.messageType !== 'DATA_MESSAGE') {
          throw new TypeError('a payload that read as a DATA_MESSAGE in slices read otherwise whole');
        }
        whole = wholePayload(payload);
        pending = [];
        return whole.events(from, to);
      }
      const base = parsed - pending.length;
      const end = Math.max(start, Math.min(to, parsed));
      const events = pending.slice(start - base, end - base);
      pending = pending.slice(end - base);
      return events;
    },
  };
}

/**
 * How many events the array from `first` to its `]` at `close` holds, counted without parsing
 * them: for a payload dropped whole before it is read (the forwarder's own log group).
 */
function countEvents(json: Buffer, first: number, close: number): number {
  if (first >= close) return 0;
  let count = 1;
  for (
    let at = json.indexOf(NEXT_EVENT, first);
    at >= 0 && at < close;
    at = json.indexOf(NEXT_EVENT, at + 2)
  ) {
    count++;
  }
  return count;
}

/**
 * {@link parsePayload} of the UTF-8 bytes of the JSON text, with a DATA_MESSAGE's events parsed a
 * slice at a time.
 */
export function parseSlicedPayload(json: Buffer): SlicedPayload {
  const sliced = cloudWatchLayout(json);
  if (sliced !== undefined) return sliced;
  const payload = parsePayload(json.toString('utf8'));
  return payload.messageType === 'CONTROL_MESSAGE' ? payload : wholePayload(payload);
}

/** `decodePayload` (base64 → gunzip → JSON → shape), the events parsed a slice at a time. */
export function decodeSlicedPayload(event: unknown, options: DecodeOptions): SlicedPayload {
  return parseSlicedPayload(inflatePayloadBytes(payloadData(event), options));
}
