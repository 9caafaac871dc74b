import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildEvent, duplicateEventIds } from '../../scripts/build-events.js';
import {
  decodeSubscriptionEvent,
  type SubscriptionEvent,
} from '../../tools/subscription-event/encodeSubscriptionEvent.js';

const EVENT_FILES = readdirSync('events')
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => join('events', file));

/** The event ids of a sample: one subscription event, or a Kinesis batch of gzipped payloads. */
function ids(file: string): string[] {
  const event = JSON.parse(readFileSync(file, 'utf8')) as
    SubscriptionEvent | { Records: { kinesis: { data: string } }[] };
  const payloads =
    'Records' in event
      ? event.Records.map(({ kinesis }): unknown =>
          JSON.parse(gunzipSync(Buffer.from(kinesis.data, 'base64')).toString('utf8')),
        )
      : [decodeSubscriptionEvent(event)];
  // A control message's one event has the empty id CloudWatch gives it: not a log event.
  return (payloads as { messageType?: string; logEvents?: { id: string }[] }[])
    .filter((payload) => payload.messageType !== 'CONTROL_MESSAGE')
    .flatMap((payload) => (payload.logEvents ?? []).map((e) => e.id));
}

describe('the sample events in events/', () => {
  it('carry event ids unique across every file, as CloudWatch ids are', () => {
    const all = EVENT_FILES.flatMap(ids);
    expect(all.length).toBeGreaterThan(EVENT_FILES.length);
    const repeated = all.filter((id, index) => all.indexOf(id) !== index);
    expect(repeated).toEqual([]);
  });

  it('are found out by the build when two files would share an id', () => {
    const source = { logGroup: '/aws/lambda/a', logStream: 's', events: ['one', 'two'] };
    const apart = duplicateEventIds(
      new Map([
        ['a.json', buildEvent(source, 'a.json')],
        ['b.json', buildEvent(source, 'b.json')],
      ]),
    );
    expect(apart.size).toBe(0);
    const same = duplicateEventIds(
      new Map([
        ['a.json', buildEvent(source, 'a.json')],
        ['copy.json', buildEvent(source, 'a.json')],
      ]),
    );
    expect([...same.values()]).toEqual([
      ['a.json', 'copy.json'],
      ['a.json', 'copy.json'],
    ]);
  });

  it('keep an id a source states for its event', () => {
    const text = buildEvent(
      { logGroup: '/aws/lambda/a', logStream: 's', events: [{ message: 'm', id: '42' }, 'next'] },
      'a.json',
    );
    const payload = decodeSubscriptionEvent(JSON.parse(text) as SubscriptionEvent) as {
      logEvents: { id: string }[];
    };
    expect(payload.logEvents[0]?.id).toBe('42');
    expect(payload.logEvents[1]?.id).toMatch(/^\d{56}$/);
  });
});
