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
 *
 * Event ids are unique across every file, as CloudWatch's are across a log group's events, so a
 * de-duplication downstream (on `cloudwatch.id`) keeps every sample record; the build refuses
 * two files that would share one.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  decodeSubscriptionEvent,
  encodePayload,
  subscriptionPayload,
  type EventInput,
  type SubscriptionEvent,
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

/**
 * A 56-digit id like CloudWatch's: the event time (20 digits), then 10 digits from the source
 * file's name, then the event's index, so two files with the same start time never share ids.
 */
export function sampleEventId(fileName: string, timestamp: number, index: number): string {
  const salt = String(createHash('sha256').update(fileName).digest().readUInt32BE(0)).padStart(10, '0');
  const time = String(Math.max(0, Math.trunc(timestamp))).padStart(20, '0');
  return `${time}${salt}${String(index).padStart(26, '0')}`;
}

/** The payload of one source, its event ids seeded by `seed` (the file's name, and record). */
function payloadOf(source: Source, seed: string): unknown {
  if ('payload' in source) return source.payload;
  const payload = subscriptionPayload({
    logGroup: source.logGroup,
    logStream: source.logStream,
    owner: source.owner,
    startTime: Date.parse(source.startTime ?? DEFAULT_START),
    events: source.events,
  });
  const logEvents = payload.logEvents as { id: string; timestamp: number; message: string }[];
  payload.logEvents = logEvents.map((logEvent, index) => {
    const given = source.events[index];
    const ownId = typeof given === 'object' && given.id !== undefined;
    return ownId ? logEvent : { ...logEvent, id: sampleEventId(seed, logEvent.timestamp, index) };
  });
  return payload;
}

/** The event file's text for one source; `fileName` (e.g. `pino.json`) seeds its event ids. */
export function buildEvent(source: Source | { kinesis: Source[] }, fileName: string): string {
  if ('kinesis' in source) {
    const payloads = source.kinesis.map((record, k) => payloadOf(record, `${fileName}#${k}`));
    return `${JSON.stringify(encodeKinesisEvent(payloads), null, 2)}\n`;
  }
  const event: SubscriptionEvent = encodePayload(payloadOf(source, fileName));
  return `${JSON.stringify(event, null, 2)}\n`;
}

/** Event ids that occur more than once across the given event files' texts, with their files. */
export function duplicateEventIds(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  for (const [file, text] of files) {
    const event = JSON.parse(text) as SubscriptionEvent | { Records: { kinesis: { data: string } }[] };
    // A Kinesis batch holds one gzipped payload per record (see encodeKinesisEvent.ts).
    const payloads =
      'Records' in event
        ? event.Records.map(
            ({ kinesis }) =>
              JSON.parse(gunzipSync(Buffer.from(kinesis.data, 'base64')).toString('utf8')) as unknown,
          )
        : [decodeSubscriptionEvent(event)];
    for (const payload of payloads as { messageType?: string; logEvents?: { id: string }[] }[]) {
      // A control message's one event has an empty id: it is never forwarded.
      if (payload.messageType === 'CONTROL_MESSAGE') continue;
      for (const { id } of payload.logEvents ?? []) seen.set(id, [...(seen.get(id) ?? []), file]);
    }
  }
  return new Map([...seen].filter(([, where]) => where.length > 1));
}

function main(): void {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  const built = new Map<string, string>();
  for (const file of readdirSync(SOURCES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const source = JSON.parse(readFileSync(join(SOURCES_DIR, file), 'utf8')) as
      Source | { kinesis: Source[] };
    const target = join(EVENTS_DIR, file);
    const text = buildEvent(source, file);
    built.set(target, text);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (current === text) continue;
    if (check) stale.push(target);
    else {
      writeFileSync(target, text);
      console.log(`wrote ${target}`);
    }
  }
  const duplicates = duplicateEventIds(built);
  if (duplicates.size > 0) {
    const [id, where] = [...duplicates][0] ?? ['', []];
    console.error(
      `${duplicates.size} event id(s) occur in more than one event, e.g. ${id} in ${where.join(', ')}`,
    );
    process.exit(1);
  }
  if (stale.length > 0) {
    console.error(`out of date (run npm run events:build): ${stale.join(', ')}`);
    process.exit(1);
  }
}

// Run as a script, not when a test imports the helpers.
if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) main();
