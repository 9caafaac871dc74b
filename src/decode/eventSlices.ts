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
   * How many events the payload holds. Read it again after {@link events}: in the one case the
   * slicing's count was wrong (an entry that is not a log event, nesting an object that looks like
   * the next event), the first slice that shows it switches to the payload parsed whole, and the
   * count becomes that payload's.
   */
  readonly eventCount: number;
  /**
   * The events `from`…`to` (end excluded), in payload order, each checked as {@link parsePayload}
   * checks it (a malformed entry stays in place, marked, its `index` the payload's). Throws the
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
 * It works on the UTF-8 bytes: each slice is decoded when it is parsed, so the whole text is never
 * a string, only its 5–6 MB of bytes are held (every cut falls between ASCII bytes, so the slices
 * decode to exactly the characters of the whole).
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
  // starts[i] is where event i begins; the last entry is one past the array's `]`.
  const starts: number[] = [];
  if (first < close) {
    starts.push(first);
    for (
      let at = json.indexOf(NEXT_EVENT, first);
      at >= 0 && at < close;
      at = json.indexOf(NEXT_EVENT, at + 2)
    ) {
      starts.push(at + 2);
    }
  }
  starts.push(close + 1);
  let whole: SlicedDataMessage | undefined;
  const { logEvents: _none, ...source } = head;
  return {
    ...source,
    get eventCount() {
      return whole === undefined ? starts.length - 1 : whole.eventCount;
    },
    events(from, to) {
      if (whole !== undefined) return whole.events(from, to);
      const count = starts.length - 1;
      const start = Math.max(0, Math.min(from, count));
      const end = Math.max(start, Math.min(to, count));
      if (start === end) return [];
      const events = new Array<LogEvent | MalformedLogEvent>(end - start);
      let done = start;
      try {
        while (done < end) {
          // The events from `done` whose text fits one string of the heap's regular pages (at
          // least one event, however large).
          let last = done + 1;
          const limit = (starts[done] as number) + TEXT_BYTES;
          while (last < end && (starts[last + 1] as number) <= limit) last++;
          const entries: unknown = JSON.parse(
            arrayText(json, (starts[done] as number) - 1, (starts[last] as number) - 1),
          );
          if (!Array.isArray(entries) || entries.length !== last - done) break;
          for (let i = 0; i < entries.length; i++) {
            events[done - start + i] = checkEvent(entries[i], done + i);
          }
          done = last;
        }
        if (done === end) return events;
      } catch {
        // Not JSON, or nested too deeply to check: the whole payload's parse says which.
      }
      // A cut inside an entry (its slice is not JSON, or holds fewer entries), or a text that is
      // not JSON: parsed whole, which either throws the DecodeError that names the problem or
      // gives the true events. The slices before this one were cut right, so they were the same.
      const payload = parsePayload(json.toString('utf8'));
      if (payload.messageType !== 'DATA_MESSAGE') {
        throw new TypeError('a payload that read as a DATA_MESSAGE in slices read otherwise whole');
      }
      whole = wholePayload(payload);
      return whole.events(from, to);
    },
  };
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
