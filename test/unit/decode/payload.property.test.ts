import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeRecord } from '../../../src/batch/encodeRecord.js';
import { MAX_BYTES_PER_RECORD } from '../../../src/batch/limits.js';
import { decodePayload } from '../../../src/decode/decodePayload.js';
import { DecodeError } from '../../../src/errors.js';
import { forEachRecord } from '../../../src/normalize/normalizePayload.js';

/**
 * SPEC §2 for any payload: whatever its structure and its lines hold (any depth, any size), the
 * pipeline up to delivery (decode → normalize → encode) either refuses the payload with a
 * `DecodeError` (only when its own envelope is unusable: messageType, logGroup, logEvents) or
 * hands delivery one valid record per decodable event, with rejoin off and on. A bare
 * `RangeError` (or any other error) is a failure. JSON text is built by hand: `JSON.stringify`
 * cannot write values this deep.
 */

const LOG_STREAM = '2026/11/23/[$LATEST]5d4c3b2a19f8e7d6c5b4a39281706f5e';
const depth = fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 5_000, max: 30_000 }));
const deepObject = depth.map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`);
const deepArray = depth.map((n) => `${'['.repeat(n)}${']'.repeat(n)}`);
const deepValue = fc.oneof(deepObject, deepArray);

/** A log line: text, JSON of any depth, stacks, sizes up to past the record limit. */
const line = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 3, arbitrary: deepValue },
  { weight: 2, arbitrary: fc.json({ maxDepth: 6 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'Traceback (most recent call last):',
      '  File "/var/task/app.py", line 3, in handler',
      'ValueError: boom',
      '    at charge (/var/task/index.js:31:11)',
      'java.lang.IllegalStateException: boom',
      'panic: boom',
      'goroutine 1 [running]:',
      '2026-11-23T02:00:00.000Z\t3c1e5f2a-9b7d-4c6e-8a1f-2d3b4c5d6e7f\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"boom","stack":["Error: boom","    at f (/var/task/a.js:1:1)"]}',
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('', '    at ', '{"message":', 'ERROR '), deepValue)
      .map(([a, b]) => a + b),
  },
  { weight: 1, arbitrary: fc.integer({ min: 900_000, max: 1_100_000 }).map((n) => 'x'.repeat(n)) },
);

/** One entry of `logEvents`, as JSON text. */
interface Entry {
  readonly text: string;
  /** Malformed entries are forwarded as one record each, and never folded. */
  readonly malformed: boolean;
}

const entry = (index: number): fc.Arbitrary<Entry> => {
  const id = `id-${index}`;
  const good = (message: string, extra = '') =>
    `{"id":${JSON.stringify(id)},"timestamp":${Date.UTC(2026, 10, 23, 2) + index},"message":${JSON.stringify(message)}${extra}}`;
  return fc.oneof(
    { weight: 6, arbitrary: line.map((message) => ({ text: good(message), malformed: false })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(line, deepValue)
        .map(([message, deep]) => ({ text: good(message, `,"extra":${deep}`), malformed: false })),
    },
    { weight: 1, arbitrary: deepValue.map((deep) => ({ text: deep, malformed: true })) },
    {
      weight: 1,
      arbitrary: deepValue.map((deep) => ({
        text: `{"id":${deep},"timestamp":1,"message":"who am I"}`,
        malformed: true,
      })),
    },
    {
      weight: 1,
      arbitrary: deepValue.map((deep) => ({
        text: `{"id":${JSON.stringify(id)},"timestamp":"yesterday","message":${deep}}`,
        malformed: true,
      })),
    },
  );
};

/** The id a record of entry `index` carries (SPEC §3 `cloudwatch.id`). */
function expectedId(entryText: string, index: number): string {
  return entryText.startsWith(`{"id":"id-${index}"`) ? `id-${index}` : `${LOG_STREAM}#${index}`;
}

/** What may be wrong with the envelope: each must be refused with a DecodeError. */
const envelopeFault = fc.option(
  fc.oneof(
    deepValue.map((deep) => ({ messageType: deep })),
    deepValue.map((deep) => ({ logGroup: deep })),
    deepObject.map((deep) => ({ logEvents: deep })),
  ),
  { freq: 4 },
);

const payload = fc.integer({ min: 1, max: 8 }).chain((count) =>
  fc.record({
    entries: fc.tuple(...Array.from({ length: count }, (_, i) => entry(i))),
    filters: fc.option(deepValue),
    topExtra: fc.option(deepValue),
    fault: envelopeFault,
  }),
);

interface Built {
  readonly event: unknown;
  readonly entries: readonly Entry[];
  readonly refused: boolean;
}

function build(input: {
  entries: Entry[];
  filters: string | null;
  topExtra: string | null;
  fault: Record<string, string> | null;
}): Built {
  const fault = input.fault ?? {};
  const parts = [
    `"messageType":${fault.messageType ?? '"DATA_MESSAGE"'}`,
    '"owner":"123456789012"',
    `"logGroup":${fault.logGroup ?? '"/aws/lambda/checkout"'}`,
    `"logStream":${JSON.stringify(LOG_STREAM)}`,
    `"subscriptionFilters":[${input.filters ?? '"f"'}]`,
    `"logEvents":${fault.logEvents ?? `[${input.entries.map((e) => e.text).join(',')}]`}`,
  ];
  if (input.topExtra !== null) parts.push(`"extra":${input.topExtra}`);
  const json = `{${parts.join(',')}}`;
  return {
    event: { awslogs: { data: gzipSync(json).toString('base64') } },
    entries: input.entries,
    refused: input.fault !== null,
  };
}

/** Runs decode → normalize → encode; returns the ids each encoded record accounts for, in order. */
function forward(event: unknown, rejoinMultiline: boolean): string[][] {
  const payload = decodePayload(event, { maxPayloadBytes: 32 * 1024 * 1024 });
  if (payload.messageType !== 'DATA_MESSAGE') throw new Error('not a data message');
  const out: string[][] = [];
  forEachRecord(payload, { rejoinMultiline }, (record) => {
    const encoded = encodeRecord(record);
    expect(encoded.data.length).toBeLessThanOrEqual(MAX_BYTES_PER_RECORD);
    const text = encoded.data.toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    const parsed = JSON.parse(text) as { cloudwatch: { id: string; folded_ids?: string[] } };
    out.push([parsed.cloudwatch.id, ...(parsed.cloudwatch.folded_ids ?? [])]);
  });
  return out;
}

function check(built: Built, rejoinMultiline: boolean): void {
  let records: string[][];
  try {
    records = forward(built.event, rejoinMultiline);
  } catch (error) {
    // Only an unusable envelope may be refused, and only with a DecodeError naming the stage.
    if (!built.refused || !(error instanceof DecodeError)) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      throw new Error(
        `${built.refused ? 'refused with' : 'a valid envelope failed with'} ${name}: ${message.slice(0, 300)}`,
        { cause: error },
      );
    }
    return;
  }
  expect(built.refused).toBe(false);
  const expected = built.entries.map((e, i) => expectedId(e.text, i));
  if (!rejoinMultiline) {
    // One record per event, in order.
    expect(records.map((ids) => ids[0])).toEqual(expected);
    return;
  }
  // Rejoined: every event is in exactly one record, in order, head or folded.
  expect(records.flat()).toEqual(expected);
}

describe('the pipeline up to delivery, for payloads of any structure, depth and size', () => {
  for (const rejoinMultiline of [false, true]) {
    it(`forwards every decodable event and refuses only a broken envelope, with a DecodeError (rejoin ${rejoinMultiline ? 'on' : 'off'})`, () => {
      fc.assert(
        fc.property(payload, (input) => {
          check(build(input), rejoinMultiline);
        }),
        {
          numRuns: 60,
          // The default report prints the counterexample whole: megabytes of nesting. The seed
          // and path reproduce it (fc.assert(..., { seed, path })).
          reporter: (run) => {
            if (!run.failed) return;
            const cause =
              run.errorInstance instanceof Error ? run.errorInstance : new Error(String(run.errorInstance));
            throw new Error(
              `property failed after ${run.numRuns} runs (seed ${run.seed}, path "${run.counterexamplePath ?? ''}"): ${cause.name}: ${cause.message.slice(0, 500)}`,
            );
          },
        },
      );
    }, 240_000);
  }
});
