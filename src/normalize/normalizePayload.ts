import { isLogEvent, type DataMessage } from '../decode/subscriptionPayload.js';
import { defaultNameOf, normalizeEvent, normalizeMalformed, type EventSource } from './normalizeEvent.js';
import type { ForwarderRecord } from './record.js';

export interface NormalizeOptions {
  /** The forwarder's own log group: its events are never forwarded (SPEC §4 loop guard). */
  readonly ownLogGroup?: string | undefined;
}

/**
 * One record per log event, in payload order (SPEC §2). A payload from the forwarder's own log
 * group yields none, so a misconfigured subscription cannot feed the forwarder its own output.
 */
export function normalizePayload(payload: DataMessage, options: NormalizeOptions = {}): ForwarderRecord[] {
  if (options.ownLogGroup !== undefined && payload.logGroup === options.ownLogGroup) return [];
  const source: EventSource = {
    logGroup: payload.logGroup,
    logStream: payload.logStream,
    owner: payload.owner,
    defaultName: defaultNameOf(payload.logGroup),
  };
  const events = payload.logEvents;
  const records = new Array<ForwarderRecord>(events.length);
  let lastTime = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event === undefined) continue;
    if (isLogEvent(event)) {
      records[i] = normalizeEvent(event, source);
      lastTime = event.timestamp;
    } else {
      records[i] = normalizeMalformed(event, source, lastTime);
    }
  }
  return records;
}
