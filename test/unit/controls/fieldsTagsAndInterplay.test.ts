import { describe, expect, it } from 'vitest';
import { isOwnField, OWN_FIELDS } from '../../../src/controls/fieldLimits.js';
import { functionVersionOf } from '../../../src/controls/recordTags.js';
import { RESERVED_KEYS } from '../../../src/normalize/record.js';
import { controlled, lambdaPayload } from '../../helpers/controlledRecords.js';
import { eventId } from '../../helpers/subscriptionEvent.js';

describe('maxFields / maxDepth', () => {
  it('moves the fields beyond maxFields, whole, into fields_overflow', () => {
    const line = JSON.stringify({
      msg: 'm',
      level: 'info',
      k1: 1,
      k2: 'two',
      k3: [1, 2],
      k4: { x: 1 },
      k5: null,
    });
    const { records } = controlled(lambdaPayload([line]), { maxFields: 2, maxDepth: 0 });
    const record = records[0];
    expect(record).toMatchObject({ k1: 1, k2: 'two' });
    expect(record).not.toHaveProperty('k3');
    expect(JSON.parse(String(record?.fields_overflow))).toEqual({ k3: [1, 2], k4: { x: 1 }, k5: null });
  });

  it('moves objects nested deeper than maxDepth, keeping their path', () => {
    const line = JSON.stringify({ msg: 'm', a: { b: { c: { d: 1 } }, e: 2 }, f: 3 });
    const { records } = controlled(lambdaPayload([line]), { maxFields: 0, maxDepth: 2 });
    // a.b sits at depth 2, but its keys would sit at 3: it moves whole.
    expect(records[0]).toMatchObject({ a: { e: 2 }, f: 3 });
    expect(records[0]?.a).toEqual({ e: 2 });
    expect(JSON.parse(String(records[0]?.fields_overflow))).toEqual({ a: { b: { c: { d: 1 } } } });
  });

  it('counts the objects inside an array with the array, and moves such an array whole', () => {
    const line = JSON.stringify({ msg: 'm', small: 1, list: [{ a: 1, b: 2 }, { c: 3 }] });
    // small = 1, list = 1 + 3 keys: 5 fields; a cap of 4 keeps `small` and moves `list`.
    const { records } = controlled(lambdaPayload([line]), { maxFields: 4, maxDepth: 0 });
    expect(records[0]).toMatchObject({ small: 1 });
    expect(JSON.parse(String(records[0]?.fields_overflow))).toEqual({ list: [{ a: 1, b: 2 }, { c: 3 }] });
    const { records: roomy } = controlled(lambdaPayload([line]), { maxFields: 5, maxDepth: 0 });
    expect(roomy[0]).not.toHaveProperty('fields_overflow');
  });

  it('by default (100 fields, depth 5) leaves a usual line alone and caps a noisy one', () => {
    const usual = JSON.stringify({ msg: 'm', user: { id: 1, plan: 'pro' }, took_ms: 12 });
    expect(controlled(lambdaPayload([usual]), {}).records[0]).not.toHaveProperty('fields_overflow');
    const noisy = JSON.stringify(Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}`, i])));
    const record = controlled(lambdaPayload([noisy]), {}).records[0];
    expect(record).toHaveProperty('f99');
    expect(record).not.toHaveProperty('f100');
    expect(Object.keys(JSON.parse(String(record?.fields_overflow)) as object)).toHaveLength(50);
  });
});

describe('the keys the caps never count', () => {
  it('are the same in the written-out check as in the set, which holds every reserved key but message_fields', () => {
    for (const key of OWN_FIELDS) expect(isOwnField(key), key).toBe(true);
    for (const key of RESERVED_KEYS) expect(isOwnField(key), key).toBe(key !== 'message_fields');
    for (const key of ['message_fields', 'fields_overflow', 'level', 'Message', 'tag', 'duration', 'msg', ''])
      expect(isOwnField(key), key).toBe(false);
  });

  it('include fold figures and tags, which a noisy line cannot push into fields_overflow', () => {
    const {
      records: [record],
    } = controlled(
      lambdaPayload([JSON.stringify(Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`k${i}`, i])))]),
      { maxFields: 2, tags: { team: 'payments' } },
    );
    expect(record?.tags).toEqual({ team: 'payments' });
    expect(record?.k0).toBe(0);
    expect(record?.k1).toBe(1);
    expect(JSON.parse(String(record?.fields_overflow))).toEqual({ k2: 2 });
  });
});

describe('tags and function_version', () => {
  it('reads the version from a Lambda log stream name', () => {
    expect(functionVersionOf('2024/01/01/[$LATEST]0123456789abcdef')).toBe('$LATEST');
    expect(functionVersionOf('2024/01/01/[12]0123456789abcdef')).toBe('12');
    expect(functionVersionOf('i-0123456789abcdef0')).toBeUndefined();
  });

  it('adds function_version to every record of the stream, with no control on', () => {
    const { records } = controlled(lambdaPayload(['one', 'two'], '2024/01/01/[12]abcdef'), {});
    expect(records.map((r) => r.function_version)).toEqual(['12', '12']);
  });

  it('adds the tags to every record; a line of its own `tags` keeps them under original_fields', () => {
    const { records } = controlled(lambdaPayload(['plain', JSON.stringify({ msg: 'x', tags: ['a', 'b'] })]), {
      tags: { team: 'payments', tier: 1 },
    });
    expect(records.map((r) => r.tags)).toEqual([
      { team: 'payments', tier: '1' },
      { team: 'payments', tier: '1' },
    ]);
    expect(records[1]?.original_fields).toEqual({ tags: ['a', 'b'] });
  });
});

describe('controls together: fold + sample + redact on one payload', () => {
  const request = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const invocation = (i: number) => [
    `START RequestId: ${request(i)} Version: $LATEST\n`,
    `2026-11-23T02:00:00.001Z\t${request(i)}\tDEBUG\tcart for jane${i}@example.com\n`,
    `2026-11-23T02:00:00.002Z\t${request(i)}\tERROR\tcard 4111 1111 1111 1111 declined for jane${i}@example.com\n`,
    `END RequestId: ${request(i)}\n`,
    `REPORT RequestId: ${request(i)}\tDuration: 1.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`,
  ];
  const lines = Array.from({ length: 40 }, (_, i) => invocation(i)).flat();
  const settings = {
    platformLines: 'fold',
    sampleBelow: 'WARNING',
    sampleRate: 0.5,
    redact: { rules: ['email', 'credit-card'] },
  } as const;

  it('keeps each request whole or its errors alone, redacted, and the numbers add up', () => {
    const { records, counts } = controlled(lambdaPayload(lines), settings);
    const byRequest = new Map<string, string[]>();
    for (const r of records) {
      const id = String(r.aws_request_id);
      byRequest.set(id, [
        ...(byRequest.get(id) ?? []),
        r.levelname === 'ERROR' ? 'error' : String(r.log_format),
      ]);
    }
    let kept = 0;
    for (const kinds of byRequest.values()) {
      // A sampled-in request: its DEBUG line and its folded REPORT; always its ERROR line.
      if (kinds.length === 3) {
        expect(kinds).toEqual(['lambda-nodejs', 'error', 'lambda-platform']);
        kept++;
      } else expect(kinds).toEqual(['error']);
    }
    expect(byRequest.size).toBe(40);
    expect(kept).toBeGreaterThan(5);
    expect(kept).toBeLessThan(35);
    const text = JSON.stringify(records);
    expect(text).not.toMatch(/jane\d+@example\.com|4111 1111/);
    // 40 START + 40 END folded; per request dropped either nothing or its DEBUG line and REPORT.
    expect(counts.folded).toBe(80);
    expect(counts.dropped.sampled).toBe((40 - kept) * 2);
    expect(records.length + counts.folded + counts.dropped.sampled).toBe(lines.length);
    // Every ERROR line: an email and a card; every kept DEBUG line: an email.
    expect(counts.redacted).toBe(40 * 2 + kept);
    const report = records.find((r) => r.log_format === 'lambda-platform');
    expect(report?.cloudwatch.folded_ids).toHaveLength(2);
    expect(report?.cloudwatch.folded_ids?.[0]).toMatch(/^3/);
    expect(eventId(0)).toMatch(/^3/);
  });
});
