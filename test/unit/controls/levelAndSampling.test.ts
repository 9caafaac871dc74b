import { describe, expect, it } from 'vitest';
import { fnv1a32, inSample, stableHash } from '../../../src/controls/requestSampling.js';
import { controlled, lambdaPayload } from '../../helpers/controlledRecords.js';

const line = (id: string, level: string, text: string) =>
  `2026-11-23T02:00:00.001Z\t${id}\t${level}\t${text}\n`;
const requestId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

describe('minLevel', () => {
  it('drops records under the floor and counts them', () => {
    const { records, counts } = controlled(
      lambdaPayload([
        line(requestId(1), 'DEBUG', 'a'),
        line(requestId(1), 'INFO', 'b'),
        line(requestId(1), 'WARN', 'c'),
        'plain text',
      ]),
      { minLevel: 'WARNING' },
    );
    expect(records.map((r) => r.message)).toEqual(['c']);
    expect(counts.dropped.level).toBe(3);
  });

  it('never drops ERROR or CRITICAL, even at minLevel CRITICAL', () => {
    const { records } = controlled(
      lambdaPayload([
        line(requestId(1), 'WARN', 'w'),
        line(requestId(1), 'ERROR', 'e'),
        line(requestId(1), 'FATAL', 'f'),
      ]),
      { minLevel: 'CRITICAL' },
    );
    expect(records.map((r) => r.levelname)).toEqual(['ERROR', 'CRITICAL']);
  });

  it('keeps a line whose level is a number of no known scale (syslog 3, zerolog 3 = error): INFO, the number kept, never DEBUG', () => {
    const { records, counts } = controlled(
      lambdaPayload([
        '{"level":3,"message":"payment failed","order":7}',
        'time=2023-11-01T10:47:57Z level=3 msg="payment failed"',
        '{"level":10,"message":"pino trace","order":7}',
      ]),
      { minLevel: 'INFO' },
    );
    expect(records.map((r) => [r.message, r.levelname, r.level])).toEqual([
      ['payment failed', 'INFO', 3],
      ['payment failed', 'INFO', '3'],
    ]);
    expect(counts.dropped.level).toBe(1);
  });
});

describe('sampleBelow + sampleRate', () => {
  // 200 requests, each with DEBUG, INFO, WARNING and ERROR lines.
  const lines = Array.from({ length: 200 }, (_, i) => [
    line(requestId(i), 'DEBUG', `debug ${i}`),
    line(requestId(i), 'INFO', `info ${i}`),
    line(requestId(i), 'WARN', `warn ${i}`),
    line(requestId(i), 'ERROR', `error ${i}`),
  ]).flat();
  const settings = { sampleBelow: 'WARNING', sampleRate: 0.25 } as const;

  it('keeps or drops a request whole, and always keeps WARNING and ERROR', () => {
    const { records, counts } = controlled(lambdaPayload(lines), settings);
    const byRequest = new Map<string, string[]>();
    for (const r of records)
      byRequest.set(String(r.aws_request_id), [
        ...(byRequest.get(String(r.aws_request_id)) ?? []),
        r.levelname,
      ]);
    expect(byRequest.size).toBe(200);
    let sampled = 0;
    for (const levels of byRequest.values()) {
      expect(levels.filter((l) => l === 'WARNING' || l === 'ERROR')).toEqual(['WARNING', 'ERROR']);
      const low = levels.filter((l) => l === 'DEBUG' || l === 'INFO');
      expect(low.length === 0 || low.length === 2).toBe(true);
      if (low.length === 2) sampled++;
    }
    // About a quarter of 200 requests; the hash is fixed, so this is no flaky bound.
    expect(sampled).toBeGreaterThan(30);
    expect(sampled).toBeLessThan(70);
    expect(counts.dropped.sampled).toBe((200 - sampled) * 2);
  });

  it('keeps exactly the same records when the payload comes again (a Lambda retry)', () => {
    const first = controlled(lambdaPayload(lines), settings).records.map((r) => r.cloudwatch.id);
    const again = controlled(lambdaPayload(lines), settings).records.map((r) => r.cloudwatch.id);
    expect(again).toEqual(first);
  });

  it('decides per event id for lines without a request id', () => {
    const plain = Array.from({ length: 100 }, (_, i) => `plain line ${i}`);
    const { records } = controlled(lambdaPayload(plain), { sampleBelow: 'WARNING', sampleRate: 0.5 });
    expect(records.length).toBeGreaterThan(25);
    expect(records.length).toBeLessThan(75);
  });

  it('samples nothing at rate 1 and drops everything under the level at rate 0', () => {
    expect(controlled(lambdaPayload(lines), { sampleBelow: 'WARNING', sampleRate: 1 }).records).toHaveLength(
      800,
    );
    expect(controlled(lambdaPayload(lines), { sampleBelow: 'WARNING', sampleRate: 0 }).records).toHaveLength(
      400,
    );
  });
});

describe('stableHash', () => {
  it('starts from 32-bit FNV-1a (published test vectors)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
  it('spreads ids that differ only in their last digits over the whole range', () => {
    const tenths = new Set(
      Array.from({ length: 100 }, (_, i) => Math.floor((stableHash(requestId(i)) / 2 ** 32) * 10)),
    );
    expect(tenths.size).toBe(10);
  });
  it('puts an id in the sample when its hash falls under the rate', () => {
    const p = stableHash('a') / 2 ** 32;
    expect(inSample('a', Math.min(1, p + 0.001))).toBe(true);
    expect(inSample('a', p)).toBe(false);
  });
});
