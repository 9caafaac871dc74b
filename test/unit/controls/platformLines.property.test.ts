import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { controlled, lambdaPayload } from '../../helpers/controlledRecords.js';
import { eventId } from '../../helpers/subscriptionEvent.js';

const REQUESTS = [
  '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01',
  '79b4f56e-95b1-4643-9700-2807f4e68189',
  '0d6c1f3a-2b4e-4c5d-8e9f-a0b1c2d3e4f5',
] as const;

/** What a line is to the fold: waits for a REPORT, is one, or neither. */
type Role = 'folds' | 'report' | 'other';

const json = (type: string, requestId: string, record: object = {}) =>
  `${JSON.stringify({ time: '2026-11-23T02:00:00.000Z', type, record: { requestId, ...record } })}\n`;

const KINDS: Record<string, { role: Role; line: (id: string) => string }> = {
  start: { role: 'folds', line: (id) => `START RequestId: ${id} Version: $LATEST\n` },
  end: { role: 'folds', line: (id) => `END RequestId: ${id}\n` },
  report: {
    role: 'report',
    line: (id) =>
      `REPORT RequestId: ${id}\tDuration: 1.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`,
  },
  jsonStart: { role: 'folds', line: (id) => json('platform.start', id, { version: '$LATEST' }) },
  jsonRuntimeDone: { role: 'folds', line: (id) => json('platform.runtimeDone', id, { status: 'success' }) },
  jsonReport: { role: 'report', line: (id) => json('platform.report', id, { metrics: { durationMs: 1 } }) },
  // A crash line is an error of its own, never folded (src/controls/platformLines.ts).
  crash: {
    role: 'other',
    line: (id) => `RequestId: ${id} Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n`,
  },
  app: { role: 'other', line: (id) => `2026-11-23T02:00:00.001Z\t${id}\tINFO\twork for ${id}\n` },
  print: { role: 'other', line: () => 'plain print\n' },
};

const line = fc.record({
  kind: fc.constantFrom(...Object.keys(KINDS)),
  request: fc.constantFrom(...REQUESTS),
});

/**
 * The contract as a model: a START / END is folded iff a REPORT of its request comes later in
 * the payload, into the first such REPORT; every other line is one record, in payload order.
 */
function expected(lines: readonly { kind: string; request: string }[]) {
  const into = new Map<number, number>();
  lines.forEach(({ kind, request }, i) => {
    if (KINDS[kind]?.role !== 'folds') return;
    const j = lines.findIndex((l, k) => k > i && l.request === request && KINDS[l.kind]?.role === 'report');
    if (j >= 0) into.set(i, j);
  });
  const emitted = lines.map((_, i) => i).filter((i) => !into.has(i));
  const folded = new Map<number, string[]>();
  for (const [from, to] of into) folded.set(to, [...(folded.get(to) ?? []), eventId(from)]);
  return { emitted, folded, count: into.size };
}

describe('platformLines: fold, for any sequence of platform and application lines', () => {
  it('emits the records in payload order, each once, folding exactly the START / END with a later REPORT', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const payload = lambdaPayload(lines.map(({ kind, request }) => KINDS[kind]?.line(request) ?? ''));
        const { records, counts } = controlled(payload, { platformLines: 'fold' });
        const model = expected(lines);
        expect(records.map((r) => r.cloudwatch.id)).toEqual(model.emitted.map((i) => eventId(i)));
        records.forEach((record, r) => {
          const i = model.emitted[r] ?? -1;
          expect(record.cloudwatch.folded_ids).toEqual(model.folded.get(i));
        });
        expect(counts.folded).toBe(model.count);
        expect(records.length + counts.folded).toBe(lines.length);
      }),
      {
        // Past failures: an orphan START went after the payload's other records.
        examples: [
          [
            [
              { kind: 'start', request: REQUESTS[0] },
              { kind: 'print', request: REQUESTS[0] },
            ],
          ],
        ],
      },
    );
  });
});
