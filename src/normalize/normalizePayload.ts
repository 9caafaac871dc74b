import { isLogEvent, type DataMessage } from '../decode/subscriptionPayload.js';
import { defaultNameOf, normalizeEvent, normalizeMalformed, type EventSource } from './normalizeEvent.js';
import type { ForwarderRecord } from './record.js';
import { rejoinPayload } from './rejoin.js';

export interface NormalizeOptions {
  /** The forwarder's own log group: its events are never forwarded (SPEC §4 loop guard). */
  readonly ownLogGroup?: string | undefined;
  /**
   * Fold stack-trace lines that arrived as events of their own into the record of the line
   * before them (`REJOIN_MULTILINE`, off by default). See {@link normalizePayload}.
   */
  readonly rejoinMultiline?: boolean | undefined;
}

/**
 * One record per log event, in payload order (SPEC §2). A payload from the forwarder's own log
 * group yields none, so a misconfigured subscription cannot feed the forwarder its own output.
 * With `rejoinMultiline`, stack-trace lines that came as events of their own are folded into the
 * record of the line they belong to (see rejoin.ts).
 */
export function normalizePayload(payload: DataMessage, options: NormalizeOptions = {}): ForwarderRecord[] {
  const records: ForwarderRecord[] = [];
  forEachRecord(payload, options, (record) => {
    records.push(record);
  });
  return records;
}

/**
 * {@link normalizePayload}, handing each record to `sink` as soon as it is built, in order,
 * instead of returning them all: a caller that encodes each record at once never holds every
 * record object at the same time, and they die young (cheap to collect). `from`/`to` limit it to
 * those events (end excluded), so a caller can take a payload a slice at a time; not with
 * `rejoinMultiline`, whose groups span events: then the range must be the whole payload.
 * `timeBefore` is the timestamp of the last good event before `payload` when it is a slice of a
 * larger one (a malformed entry with none takes it); returns the same after its last event.
 */
export function forEachRecord(
  payload: DataMessage,
  options: NormalizeOptions,
  sink: (record: ForwarderRecord) => void,
  from = 0,
  to = payload.logEvents.length,
  timeBefore = 0,
): number {
  if (options.ownLogGroup !== undefined && payload.logGroup === options.ownLogGroup) return timeBefore;
  const source: EventSource = {
    logGroup: payload.logGroup,
    logStream: payload.logStream,
    owner: payload.owner,
    defaultName: defaultNameOf(payload.logGroup, payload.logStream),
  };
  if (options.rejoinMultiline === true) {
    if (from !== 0 || to < payload.logEvents.length) {
      throw new RangeError('with rejoinMultiline a payload is normalized whole, not a slice at a time');
    }
    rejoinPayload(payload.logEvents, source, sink);
    return timeBefore;
  }
  const events = payload.logEvents;
  // A malformed entry without a timestamp takes the one of the last good event before it.
  let lastTime = timeBefore;
  for (let i = Math.min(from, events.length) - 1; i >= 0; i--) {
    const event = events[i];
    if (event !== undefined && isLogEvent(event)) {
      lastTime = event.timestamp;
      break;
    }
  }
  for (let i = Math.max(0, from); i < Math.min(to, events.length); i++) {
    const event = events[i];
    if (event === undefined) continue;
    if (isLogEvent(event)) {
      sink(normalizeEvent(event, source));
      lastTime = event.timestamp;
    } else {
      sink(normalizeMalformed(event, source, lastTime));
    }
  }
  return lastTime;
}
