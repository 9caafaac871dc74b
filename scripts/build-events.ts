/**
 * Builds the replayable subscription events in `events/` from their readable sources in
 * `events/sources/<name>.json`, so the log lines stay reviewable while `events/<name>.json` is
 * exactly what CloudWatch Logs sends:
 *
 *   npm run events:build            # writes events/<name>.json
 *   npm run events:build -- --check # fails if an event file is out of date
 *
 * A source is `{ "logGroup", "logStream", "owner"?, "startTime"? (ISO), "events": [ "line" |
 * { "message", "timestamp"?, "id"? } ] }`, or `{ "payload": { … } }` for a payload written out
 * as is (a control message), or `{ "kinesis": [ source, … ] }` for a batch of the Kinesis input,
 * one record per source.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  encodePayload,
  encodeSubscriptionEvent,
  type EventInput,
  subscriptionPayload,
} from '../tools/subscription-event/encodeSubscriptionEvent.js';
import { encodeKinesisEvent } from '../tools/subscription-event/encodeKinesisEvent.js';

interface EventSource {
  logGroup: string;
  logStream: string;
  owner?: string;
  startTime?: string;
  events: (string | EventInput)[];
}

const EVENTS_DIR = 'events';
const SOURCES_DIR = join(EVENTS_DIR, 'sources');
// A fixed default time keeps the built files stable across runs.
const DEFAULT_START = '2020-05-11T12:44:44.000Z';

type Source = EventSource | { payload: unknown };

function payloadOf(source: Source): unknown {
  if ('payload' in source) return source.payload;
  return subscriptionPayload({
    logGroup: source.logGroup,
    logStream: source.logStream,
    owner: source.owner,
    startTime: Date.parse(source.startTime ?? DEFAULT_START),
    events: source.events,
  });
}

/** The event file's text for one source. */
export function buildEvent(source: Source | { kinesis: Source[] }): string {
  if ('kinesis' in source) {
    return `${JSON.stringify(encodeKinesisEvent(source.kinesis.map(payloadOf)), null, 2)}\n`;
  }
  const event =
    'payload' in source
      ? encodePayload(source.payload)
      : encodeSubscriptionEvent({
          logGroup: source.logGroup,
          logStream: source.logStream,
          owner: source.owner,
          startTime: Date.parse(source.startTime ?? DEFAULT_START),
          events: source.events,
        });
  return `${JSON.stringify(event, null, 2)}\n`;
}

function main(): void {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const file of readdirSync(SOURCES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const source = JSON.parse(readFileSync(join(SOURCES_DIR, file), 'utf8')) as
      Source | { kinesis: Source[] };
    const target = join(EVENTS_DIR, file);
    const text = buildEvent(source);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (current === text) continue;
    if (check) stale.push(target);
    else {
      writeFileSync(target, text);
      console.log(`wrote ${target}`);
    }
  }
  if (stale.length > 0) {
    console.error(`out of date (run npm run events:build): ${stale.join(', ')}`);
    process.exit(1);
  }
}

main();
