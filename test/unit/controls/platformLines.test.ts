import { describe, expect, it } from 'vitest';
import { controlled, lambdaPayload } from '../../helpers/controlledRecords.js';
import { eventId } from '../../helpers/subscriptionEvent.js';

const R1 = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';
const R2 = '79b4f56e-95b1-4643-9700-2807f4e68189';

const start = (id: string) => `START RequestId: ${id} Version: $LATEST\n`;
const end = (id: string) => `END RequestId: ${id}\n`;
const report = (id: string, extra = '') =>
  `REPORT RequestId: ${id}\tDuration: 102.35 ms\tBilled Duration: 103 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\t${extra}\n`;
const app = (id: string, level: string, text: string) =>
  `2026-11-23T02:00:00.001Z\t${id}\t${level}\t${text}\n`;

describe('platformLines: fold', () => {
  it('turns START, END and REPORT of one invocation into the REPORT record with its figures as numbers', () => {
    const payload = lambdaPayload([
      start(R1),
      app(R1, 'INFO', 'order paid'),
      end(R1),
      report(R1, 'Init Duration: 325.92 ms\t'),
    ]);
    const { records, counts } = controlled(payload, { platformLines: 'fold' });
    expect(records.map((r) => r.message)).toEqual([
      'order paid',
      `REPORT RequestId: ${R1}\tDuration: 102.35 ms\tBilled Duration: 103 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\tInit Duration: 325.92 ms`,
    ]);
    expect(records[1]).toMatchObject({
      levelname: 'INFO',
      aws_request_id: R1,
      duration_ms: 102.35,
      billed_duration_ms: 103,
      memory_size_mb: 128,
      max_memory_used_mb: 70,
      init_duration_ms: 325.92,
      function_version: '$LATEST',
      cloudwatch: { id: eventId(3), folded_ids: [eventId(0), eventId(2)] },
    });
    expect(counts.folded).toBe(2);
  });

  it('leaves out init_duration_ms on a warm invocation', () => {
    const { records } = controlled(lambdaPayload([start(R1), end(R1), report(R1)]), {
      platformLines: 'fold',
    });
    expect(records).toHaveLength(1);
    expect(records[0]).not.toHaveProperty('init_duration_ms');
    expect(records[0]?.duration_ms).toBe(102.35);
  });

  it('keeps a START / END whose REPORT is in another payload as it is, at its own place', () => {
    const { records, counts } = controlled(
      lambdaPayload([start(R2), app(R2, 'INFO', 'working'), start(R1), end(R1), report(R1)]),
      { platformLines: 'fold' },
    );
    expect(records.map((r) => r.message)).toEqual([
      `START RequestId: ${R2} Version: $LATEST`,
      'working',
      expect.stringMatching(/^REPORT RequestId: 8f507cfc/),
    ]);
    expect(records[0]?.cloudwatch).not.toHaveProperty('folded_ids');
    expect(counts.folded).toBe(2);
  });

  it('folds platform JSON records, keeping what runtimeDone said', () => {
    const json = (type: string, record: object) =>
      JSON.stringify({ time: '2026-11-23T02:00:00.000Z', type, record: { requestId: R1, ...record } });
    const { records, counts } = controlled(
      lambdaPayload([
        json('platform.start', { version: '7' }),
        json('platform.runtimeDone', { status: 'success', metrics: { durationMs: 2.1, producedBytes: 42 } }),
        json('platform.report', {
          status: 'success',
          metrics: { durationMs: 2.34, billedDurationMs: 3, memorySizeMB: 128, maxMemoryUsedMB: 51 },
        }),
      ]),
      { platformLines: 'fold' },
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      duration_ms: 2.34,
      billed_duration_ms: 3,
      memory_size_mb: 128,
      max_memory_used_mb: 51,
      function_version: '7',
      cloudwatch: { folded_ids: [eventId(0), eventId(1)] },
      lambda: {
        type: 'platform.report',
        folded: {
          'platform.runtimeDone': { status: 'success', metrics: { durationMs: 2.1, producedBytes: 42 } },
        },
      },
    });
    expect(counts.folded).toBe(2);
  });

  it('keeps a crash line as a record of its own', () => {
    const crash = `RequestId: ${R1} Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n`;
    const { records } = controlled(lambdaPayload([start(R1), crash, end(R1), report(R1)]), {
      platformLines: 'fold',
    });
    expect(records.map((r) => r.levelname)).toEqual(['ERROR', 'INFO']);
  });
});

describe('platformLines: fold keeps payload order (SPEC §2)', () => {
  const R3 = '0d6c1f3a-2b4e-4c5d-8e9f-a0b1c2d3e4f5';
  const fold = { platformLines: 'fold' } as const;
  const ids = (records: readonly { cloudwatch: { id: string } }[]) => records.map((r) => r.cloudwatch.id);

  it('emits an orphan START at the head of a payload first, then the lines after it, in order', () => {
    const { records, counts } = controlled(
      lambdaPayload([start(R2), app(R2, 'INFO', 'one'), app(R2, 'INFO', 'two'), app(R2, 'INFO', 'three')]),
      fold,
    );
    expect(records.map((r) => r.message)).toEqual([
      `START RequestId: ${R2} Version: $LATEST`,
      'one',
      'two',
      'three',
    ]);
    expect(counts.folded).toBe(0);
  });

  it('emits an orphan END at the end of a payload last, after a folded invocation before it', () => {
    const { records, counts } = controlled(
      lambdaPayload([
        start(R1),
        app(R1, 'INFO', 'one'),
        end(R1),
        report(R1),
        start(R2),
        app(R2, 'INFO', 'two'),
        end(R2),
      ]),
      fold,
    );
    expect(records.map((r) => r.message)).toEqual([
      'one',
      expect.stringMatching(/^REPORT RequestId: 8f507cfc/),
      `START RequestId: ${R2} Version: $LATEST`,
      'two',
      `END RequestId: ${R2}`,
    ]);
    expect(ids(records)).toEqual([eventId(1), eventId(3), eventId(4), eventId(5), eventId(6)]);
    expect(counts.folded).toBe(2);
  });

  it('puts a folded REPORT at its own place, after the application lines between START and REPORT', () => {
    const { records, counts } = controlled(
      lambdaPayload([
        start(R1),
        app(R1, 'INFO', 'a'),
        app(R1, 'WARN', 'b'),
        end(R1),
        app(R1, 'INFO', 'c'),
        report(R1),
        app(R2, 'INFO', 'after'),
      ]),
      fold,
    );
    expect(records.map((r) => r.message)).toEqual([
      'a',
      'b',
      'c',
      expect.stringMatching(/^REPORT RequestId: 8f507cfc/),
      'after',
    ]);
    expect(records[3]?.cloudwatch.folded_ids).toEqual([eventId(0), eventId(3)]);
    expect(counts.folded).toBe(2);
  });

  it('keeps interleaved invocations in payload order, an orphan among them at its own place', () => {
    const { records, counts } = controlled(
      lambdaPayload([
        start(R1), // 0
        app(R1, 'INFO', 'a1'), // 1
        start(R2), // 2
        start(R3), // 3: its REPORT is in the next payload
        app(R2, 'INFO', 'a2'), // 4
        end(R1), // 5
        report(R1), // 6
        app(R3, 'INFO', 'a3'), // 7
        end(R2), // 8
        app(R2, 'INFO', 'b2'), // 9
        report(R2), // 10
        app(R1, 'INFO', 'late'), // 11
      ]),
      fold,
    );
    expect(ids(records)).toEqual([1, 3, 4, 6, 7, 9, 10, 11].map((i) => eventId(i)));
    expect(records.map((r) => r.message)).toEqual([
      'a1',
      `START RequestId: ${R3} Version: $LATEST`,
      'a2',
      expect.stringMatching(/^REPORT RequestId: 8f507cfc/),
      'a3',
      'b2',
      expect.stringMatching(/^REPORT RequestId: 79b4f56e/),
      'late',
    ]);
    expect(records[3]?.cloudwatch.folded_ids).toEqual([eventId(0), eventId(5)]);
    expect(records[6]?.cloudwatch.folded_ids).toEqual([eventId(2), eventId(8)]);
    expect(counts.folded).toBe(4);
  });

  it('keeps order across a long invocation whose REPORT releases thousands of held lines', () => {
    const many = (id: string, n: number) =>
      Array.from({ length: n }, (_, i) => app(id, 'INFO', `${id} ${i}`));
    // R2's START and END are orphans: its REPORT is in the next payload.
    const lines = [start(R1), ...many(R1, 3000), start(R2), end(R1), report(R1), ...many(R2, 3000), end(R2)];
    const { records, counts } = controlled(lambdaPayload(lines), fold);
    const folded = new Set([0, 3002].map((i) => eventId(i)));
    expect(ids(records)).toEqual(lines.map((_, i) => eventId(i)).filter((id) => !folded.has(id)));
    expect(records[3000]?.message).toBe(`START RequestId: ${R2} Version: $LATEST`);
    expect(counts.folded).toBe(2);
  });

  it('hands every record to the later stages once: level floor and counts as before', () => {
    const lines = [
      start(R2), // orphan, INFO: under the floor
      app(R2, 'WARN', 'w2'),
      app(R2, 'DEBUG', 'd2'),
      start(R1),
      app(R1, 'ERROR', 'e1'),
      end(R1),
      report(R1), // folded, INFO: under the floor
      end(R2), // orphan
    ];
    const { records, counts } = controlled(lambdaPayload(lines), { ...fold, minLevel: 'WARNING' });
    expect(records.map((r) => r.message)).toEqual(['w2', 'e1']);
    expect(counts).toEqual({ dropped: { level: 4, sampled: 0, platform: 0 }, folded: 2, redacted: 0 });
    expect(records.length + counts.folded + counts.dropped.level).toBe(lines.length);
  });

  it("keeps a rejoined stack at its head line's place, and a split group's parts in order", () => {
    const frames = Array.from(
      { length: 20_000 },
      (_, i) => `    at handler${i} (/var/task/src/workers/pool_${i % 97}/index.js:${i}:${i % 80})\n`,
    );
    const { records, counts } = controlled(
      lambdaPayload([start(R2), start(R1), app(R1, 'ERROR', 'boom'), ...frames, end(R1), report(R1)]),
      fold,
      { rejoinMultiline: true },
    );
    expect(records[0]?.message).toBe(`START RequestId: ${R2} Version: $LATEST`);
    const parts = records.slice(1, -1);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((r) => r.rejoin_part)).toEqual(
      parts.map((_, i) => ({ head_id: eventId(2), index: i + 1, count: parts.length })),
    );
    expect(records.at(-1)?.message).toMatch(/^REPORT RequestId: 8f507cfc/);
    expect(records.at(-1)?.cloudwatch.folded_ids).toEqual([eventId(1), eventId(frames.length + 3)]);
    expect(counts.folded).toBe(2);
  });
});

describe('platformLines: drop', () => {
  it('drops platform records but never a timeout, an out-of-memory or a crash', () => {
    const { records, counts } = controlled(
      lambdaPayload([
        'INIT_START Runtime Version: python:3.13.v14\tRuntime Version ARN: arn:aws:lambda:eu-south-1::runtime:7b62\n',
        start(R1),
        app(R1, 'WARN', 'slow'),
        end(R1),
        report(R1, 'Status: timeout\t'),
        `2026-11-23T02:00:03.000Z ${R1} Task timed out after 3.00 seconds\n`,
        start(R2),
        end(R2),
        report(R2, 'Status: error\tError Type: Runtime.OutOfMemory\t'),
        report(R2),
      ]),
      { platformLines: 'drop' },
    );
    expect(records.map((r) => r.message)).toEqual([
      'slow',
      expect.stringContaining('Status: timeout'),
      'Task timed out after 3.00 seconds',
      expect.stringContaining('Runtime.OutOfMemory'),
    ]);
    expect(counts.dropped.platform).toBe(6);
  });
});

describe('platformLines: drop, platform JSON', () => {
  it('drops platform.start / report records but keeps an out-of-memory report', () => {
    const json = (type: string, record: object) =>
      JSON.stringify({ time: '2026-11-23T02:00:00.000Z', type, record: { requestId: R1, ...record } });
    const { records, counts } = controlled(
      lambdaPayload([
        json('platform.start', { version: '$LATEST' }),
        JSON.stringify({
          timestamp: '2026-11-23T02:00:00.001Z',
          level: 'INFO',
          requestId: R1,
          message: 'work',
        }),
        json('platform.report', { status: 'success', metrics: { durationMs: 1 } }),
        json('platform.report', {
          status: 'error',
          errorType: 'Runtime.OutOfMemory',
          metrics: { durationMs: 9 },
        }),
      ]),
      { platformLines: 'drop' },
    );
    expect(records.map((r) => r.levelname)).toEqual(['INFO', 'ERROR']);
    expect(records[0]?.message).toBe('work');
    expect(counts.dropped.platform).toBe(2);
  });
});

describe('platformLines: keep', () => {
  it('forwards every platform record unchanged', () => {
    const { records, counts } = controlled(lambdaPayload([start(R1), end(R1), report(R1)]), {});
    expect(records).toHaveLength(3);
    expect(records[2]).not.toHaveProperty('duration_ms');
    expect(counts).toEqual({ dropped: { level: 0, sampled: 0, platform: 0 }, folded: 0, redacted: 0 });
  });
});
