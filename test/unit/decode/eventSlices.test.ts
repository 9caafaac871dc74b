import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePayload } from '../../../src/decode/decodePayload.js';
import { parseSlicedPayload, type SlicedDataMessage } from '../../../src/decode/eventSlices.js';
import type { DataMessage, LogEvent, MalformedLogEvent } from '../../../src/decode/subscriptionPayload.js';
import { DecodeError } from '../../../src/errors.js';

/** The envelope as CloudWatch Logs writes it, `logEvents` last, around entries written by hand. */
function payloadText(entries: readonly string[], head = ''): string {
  return (
    `{"messageType":"DATA_MESSAGE","owner":"123456789012","logGroup":"/aws/lambda/checkout",` +
    `"logStream":"2026/12/02/[$LATEST]0f1e2d3c","subscriptionFilters":["all"]${head},` +
    `"logEvents":[${entries.join(',')}]}`
  );
}

const event = (i: number, message: string): string =>
  JSON.stringify({ id: `3${String(i).padStart(55, '0')}`, timestamp: 1_764_633_600_000 + i, message });

/** Every event, read slice after slice of `size`, the count read again after each (as callers do). */
function readAll(payload: SlicedDataMessage, size: number): (LogEvent | MalformedLogEvent)[] {
  const events: (LogEvent | MalformedLogEvent)[] = [];
  for (let from = 0; from < payload.eventCount; from += size)
    events.push(...payload.events(from, from + size));
  return events;
}

function sliced(text: string): SlicedDataMessage {
  const payload = parseSlicedPayload(Buffer.from(text));
  if (payload.messageType !== 'DATA_MESSAGE') throw new Error('expected a DATA_MESSAGE');
  return payload;
}

function whole(text: string): DataMessage {
  const payload = parsePayload(text);
  if (payload.messageType !== 'DATA_MESSAGE') throw new Error('expected a DATA_MESSAGE');
  return payload;
}

describe('parseSlicedPayload', () => {
  it('gives the events parsePayload gives, in order, whatever the slice size', () => {
    const text = payloadText(
      Array.from({ length: 1_203 }, (_, i) => event(i, `line ${i} },{"id":"x"} {"a":1}`)),
    );
    const expected = whole(text).logEvents;
    for (const size of [1, 7, 500, 1_203, 5_000]) {
      const payload = sliced(text);
      expect(readAll(payload, size)).toEqual(expected);
      expect(payload.eventCount).toBe(1_203);
    }
  });

  it('keeps the envelope: owner, log group, stream and filters', () => {
    const payload = sliced(payloadText([event(0, 'hello')]));
    expect(payload).toMatchObject({
      owner: '123456789012',
      logGroup: '/aws/lambda/checkout',
      logStream: '2026/12/02/[$LATEST]0f1e2d3c',
      subscriptionFilters: ['all'],
    });
  });

  it('counts the events before reading them, and reads them in order only', () => {
    const text = payloadText(
      Array.from({ length: 1_000 }, (_, i) => event(i, `line ${i} ${'z'.repeat(200)}`)),
    );
    const payload = sliced(text);
    // Asked first (a payload dropped whole is never read): counted from the text.
    expect(payload.eventCount).toBe(1_000);
    expect(payload.events(0, 600)).toHaveLength(600);
    expect(() => payload.events(100, 200)).toThrow(RangeError);
    const rest = payload.events(600, 5_000);
    expect(rest.map((e) => ('id' in e ? e.id : ''))).toEqual(
      whole(text)
        .logEvents.slice(600)
        .map((e) => ('id' in e ? e.id : '')),
    );
    expect(payload.events(1_000, 1_500)).toEqual([]);
    expect(payload.eventCount).toBe(1_000);
  });

  it('reads a payload with no events as empty', () => {
    const payload = sliced(payloadText([]));
    expect(payload.eventCount).toBe(0);
    expect(payload.events(0, 500)).toEqual([]);
  });

  it('marks malformed entries in place, with their index in the payload', () => {
    const entries = [event(0, 'a'), '{"id":"x","timestamp":"soon","message":"b"}', '42', event(3, 'c')];
    const events = readAll(sliced(payloadText(entries)), 1);
    expect(events).toEqual(whole(payloadText(entries)).logEvents);
    expect(events[1]).toMatchObject({ index: 1, reason: expect.stringContaining('logEvents[1]') as string });
    expect(events[2]).toMatchObject({ index: 2 });
  });

  it('gives the true events when an entry nests something that looks like the next event', () => {
    // Not CloudWatch's, but a payload parsePayload accepts: the cut inside the entry is found
    // (its slice holds fewer entries, or is not JSON) and the whole parse takes over.
    const nested = '{"id":"n","timestamp":1,"message":"m","x":[{"a":1},{"id":"y","b":2}]}';
    const entries = [event(0, 'a'), event(1, 'b'), nested, event(3, 'c'), event(4, 'd')];
    const text = payloadText(entries);
    for (const size of [1, 2, 3, 10]) {
      const payload = sliced(text);
      expect(readAll(payload, size)).toEqual(whole(text).logEvents);
      expect(payload.eventCount).toBe(5);
    }
  });

  it('reads a slice whose text spans many strings, a 200 KB event and wide characters among them', () => {
    // 500 events of ~1.2 KB are ~600 KB of text: decoded 60,000 bytes at a time, so the slice
    // is several strings; the large event is one of its own, the 𝄞 lines make two-byte strings.
    const entries = Array.from({ length: 500 }, (_, i) =>
      event(i, i === 250 ? 'L'.repeat(200_000) : `${i % 7 === 0 ? '𝄞 ' : ''}line ${i} ${'x'.repeat(1_150)}`),
    );
    const text = payloadText(entries);
    const expected = whole(text).logEvents;
    for (const size of [500, 120, 1]) expect(readAll(sliced(text), size)).toEqual(expected);
    const payload = sliced(text);
    const x = 'x'.repeat(1_150);
    expect(payload.events(250, 253).map((e) => ('message' in e ? e.message : e))).toEqual([
      'L'.repeat(200_000),
      `line 251 ${x}`,
      `𝄞 line 252 ${x}`,
    ]);
  });

  it('gives the true events when the look-alike of an event sits in a later string of the slice', () => {
    const nested = '{"id":"n","timestamp":1,"message":"m","x":[{"a":1},{"id":"y","b":2}]}';
    const entries = Array.from({ length: 300 }, (_, i) =>
      i === 200 ? nested : event(i, `line ${i} ${'y'.repeat(1_000)}`),
    );
    const text = payloadText(entries);
    const payload = sliced(text);
    expect(readAll(payload, 500)).toEqual(whole(text).logEvents);
    expect(payload.eventCount).toBe(300);
  });

  it('parses any other layout whole, with the same result', () => {
    const pretty = JSON.stringify(
      JSON.parse(payloadText([event(0, 'a'), event(1, 'b')])) as unknown,
      null,
      2,
    );
    const eventsFirst = `{"logEvents":[${event(0, 'a')}],"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s"}`;
    const trailingKey = payloadText([event(0, 'a')]).replace(/\]\}$/, '],"extra":1}');
    for (const text of [pretty, eventsFirst, trailingKey]) {
      expect(readAll(sliced(text), 1)).toEqual(whole(text).logEvents);
    }
  });

  it('takes the last logEvents key, as JSON.parse does', () => {
    const text = payloadText([event(1, 'second')], `,"logEvents":[${event(0, 'first')}]`);
    expect(readAll(sliced(text), 10)).toEqual(whole(text).logEvents);
    expect(readAll(sliced(text), 10)).toHaveLength(1);
  });

  it('passes a CONTROL_MESSAGE through', () => {
    const text =
      '{"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","logStream":"",' +
      '"subscriptionFilters":[],"logEvents":[{"id":"","timestamp":1432826855000,"message":"CWL CONTROL MESSAGE: Checking health of destination Firehose."}]}';
    expect(parseSlicedPayload(Buffer.from(text))).toEqual({ messageType: 'CONTROL_MESSAGE' });
  });

  it('refuses an envelope parsePayload refuses, with the same error', () => {
    const noGroup = payloadText([event(0, 'a')]).replace('"logGroup":"/aws/lambda/checkout",', '');
    expect(() => parseSlicedPayload(Buffer.from(noGroup))).toThrow(DecodeError);
    expect(() => parseSlicedPayload(Buffer.from(noGroup))).toThrow(/"logGroup" must be a string/);
  });

  it('fails the slice that is not JSON with the DecodeError parsePayload gives for the text', () => {
    const entries = Array.from({ length: 1_000 }, (_, i) => event(i, `line ${i}`));
    entries[700] = '{"id":"bad","timestamp":1,"message":"unterminated}';
    const text = payloadText(entries);
    let expected: unknown;
    try {
      parsePayload(text);
    } catch (error) {
      expected = error;
    }
    expect(expected).toBeInstanceOf(DecodeError);
    const payload = sliced(text);
    expect(payload.events(0, 500)).toHaveLength(500);
    expect(() => payload.events(500, 1_000)).toThrow((expected as Error).message);
  });

  it('decodes each slice to the characters of the whole text, invalid UTF-8 included', () => {
    // Raw bytes as a producer might write them: a lone lead byte and a cut 3-byte sequence right
    // before an event's end, multi-byte characters right after a cut.
    const template = Buffer.from(payloadText([event(0, '@'), event(1, '@'), event(2, '@')]));
    const replacements = [Buffer.from([0xc3]), Buffer.from([0xe2, 0x82]), Buffer.from('€ü𝄞', 'utf8')];
    const pieces: Buffer[] = [];
    let at = 0;
    for (const replacement of replacements) {
      const next = template.indexOf('"@"', at);
      pieces.push(template.subarray(at, next + 1), replacement);
      at = next + 2;
    }
    pieces.push(template.subarray(at));
    const json = Buffer.concat(pieces);
    const payload = parseSlicedPayload(json);
    if (payload.messageType !== 'DATA_MESSAGE') throw new Error('expected a DATA_MESSAGE');
    const expected = whole(json.toString('utf8')).logEvents;
    expect(readAll(payload, 1)).toEqual(expected);
    expect(expected.map((e) => ('message' in e ? e.message : ''))).toEqual(['\ufffd', '\ufffd', '€ü𝄞']);
  });

  it('is parsePayload, slice by slice, for any entries and any slice size (property)', () => {
    const message = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constantFrom('},{"id":"', '{"id":"1"}', '\\"},{\\"id\\":\\"', '"', '\\', '\u2028'),
    );
    const good = fc.tuple(fc.integer({ min: 0, max: 99 }), message).map(([i, text]) => event(i, text));
    const bad = fc.oneof(
      fc.json({ maxDepth: 3 }),
      fc.constantFrom(
        '{"id":"n","timestamp":1,"message":"m","x":[{"a":1},{"id":"y"}]}',
        '{"id":"only"}',
        '[]',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: bad }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (entries, size) => {
          const text = payloadText(entries);
          const payload = sliced(text);
          expect(readAll(payload, size)).toEqual(whole(text).logEvents);
          expect(payload.eventCount).toBe(entries.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
