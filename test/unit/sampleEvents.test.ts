import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

function ids(file: string): string[] {
  const payload = decodeSubscriptionEvent(JSON.parse(readFileSync(file, 'utf8')) as SubscriptionEvent) as {
    logEvents?: { id: string }[];
  };
  return (payload.logEvents ?? []).map((event) => event.id);
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
