import type { Context } from 'aws-lambda';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_BYTES_PER_RECORD } from '../../src/batch/limits.js';
import { ARTEFACT_GLOBAL } from '../../src/controls/controlsArtefact.js';
import { startLocalFirehose, type LocalFirehose } from '../../tools/local-firehose/startLocalFirehose.js';
import { kinesisRecord } from '../../tools/subscription-event/encodeKinesisEvent.js';
import { subscriptionPayload } from '../../tools/subscription-event/encodeSubscriptionEvent.js';
import { capturedCall } from '../helpers/handlerOutput.js';
import { eventId, makeSubscriptionEvent } from '../helpers/subscriptionEvent.js';
import { JAVA_SPLIT_STACK, PYTHON_SPLIT_STACK } from '../helpers/splitStacks.js';

// The deployed handler (functions/forwarder.ts) with REJOIN_MULTILINE=true, against the local
// Firehose: the events rejoin folds into the record before them are counted (`RecordsRejoined`
// in the EMF line, `rejoined` on the `forwarded` line), so that every event of a payload is
// delivered, rejoined, dropped or folded, and the metrics add up to `EventsIn`.

const STREAM = 'logging-test';
const REQUEST_ID = '3c1e5f2a-9b7d-4c6e-8a1f-2d3b4c5d6e7f';
const CONTROLLED_GROUP = '/aws/lambda/checkout';
const LAMBDA_STREAM = '2026/11/23/[$LATEST]5d4c3b2a19f8e7d6c5b4a39281706f5e';
type Handler = (event: unknown, context: Context) => Promise<unknown>;

let firehose: LocalFirehose;
let handler: Handler;

/**
 * One invocation of a Python function whose group folds platform lines and floors at INFO: a
 * DEBUG line with its stack_info block (rejoined, then dropped with its record), a traceback
 * (rejoined), a Java stack (rejoined), START / END (folded into the REPORT).
 */
const MIXED = [
  `START RequestId: ${REQUEST_ID} Version: $LATEST`,
  `[DEBUG]\t2026-11-23T02:00:00.001Z\t${REQUEST_ID}\tslow path`,
  'Stack (most recent call last):',
  '  File "/var/task/app.py", line 9, in handler',
  `[INFO]\t2026-11-23T02:00:00.002Z\t${REQUEST_ID}\tcharging order 42`,
  `[ERROR]\t2026-11-23T02:00:00.003Z\t${REQUEST_ID}\tcould not charge card`,
  'Traceback (most recent call last):',
  '  File "/var/task/app.py", line 41, in charge',
  '    gateway.charge(card)',
  'gateway.GatewayError: declined',
  'java.lang.IllegalStateException: stock is negative',
  '\tat com.example.orders.OrderService.reserve(OrderService.java:57)',
  '\tat com.example.orders.Handler.handleRequest(Handler.java:31)',
  `END RequestId: ${REQUEST_ID}`,
  `REPORT RequestId: ${REQUEST_ID}\tDuration: 12.50 ms\tBilled Duration: 13 ms\tMemory Size: 256 MB\tMax Memory Used: 80 MB\t`,
];

interface Received {
  cloudwatch: { id: string; folded_ids?: string[] };
  rejoin_part?: { head_id: string; index: number; count: number };
}

interface Invocation {
  error: unknown;
  emf: Record<string, unknown>[];
  forwarded: Record<string, unknown> | undefined;
  records: Received[];
}

async function invoke(event: unknown): Promise<Invocation> {
  const deadline = Date.now() + 30_000;
  const { error, logged } = await capturedCall(() =>
    handler(event, { getRemainingTimeInMillis: () => deadline - Date.now() } as Context),
  );
  return {
    error,
    emf: logged.filter((line) => '_aws' in line),
    forwarded: logged.find((line) => line.message === 'forwarded'),
    records: firehose.records(STREAM).map((r) => JSON.parse(r.data.toString('utf8')) as Received),
  };
}

/** The invocation's figures from its EMF lines: the main line, and RecordsDropped summed over reasons. */
function figures(emf: readonly Record<string, unknown>[]) {
  const main = emf.find((line) => 'EventsIn' in line) ?? {};
  const dropped = emf.reduce((sum, line) => sum + Number(line.RecordsDropped ?? 0), 0);
  return {
    eventsIn: Number(main.EventsIn),
    delivered: Number(main.RecordsDelivered),
    rejoined: Number(main.RecordsRejoined),
    folded: Number(main.RecordsFolded),
    dropped,
  };
}

/** Every event of the payload is delivered as a record, rejoined into one, dropped or folded. */
function expectEveryEventCounted(emf: readonly Record<string, unknown>[]): void {
  const f = figures(emf);
  expect(f.eventsIn).toBe(f.delivered + f.rejoined + f.dropped + f.folded);
}

beforeAll(async () => {
  firehose = await startLocalFirehose({ streams: [STREAM] });
  // The handler reads its configuration at cold start, that is when the module loads. The
  // controls are what packaging bakes into the bundle (esbuild `define` of this global).
  vi.stubEnv('DELIVERY_STREAM_NAME', STREAM);
  vi.stubEnv('AWS_ENDPOINT_URL_FIREHOSE', firehose.url);
  vi.stubEnv('REJOIN_MULTILINE', 'true');
  vi.stubEnv('FAILED_PAYLOADS_BUCKET', '');
  vi.stubGlobal(
    ARTEFACT_GLOBAL,
    JSON.stringify({
      stage: {},
      groups: { [CONTROLLED_GROUP]: { platformLines: 'fold', minLevel: 'INFO' } },
    }),
  );
  ({ handler } = await import('../../functions/forwarder.js'));
});

beforeEach(() => {
  firehose.reset();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  await firehose.close();
});

describe('forwarder handler metrics with REJOIN_MULTILINE=true', () => {
  it.each([
    ['a Java', JAVA_SPLIT_STACK, 4],
    ['a Python', PYTHON_SPLIT_STACK, 4],
  ])(
    'counts %s stack split over events as RecordsRejoined, one per continuation event',
    async (_, lines, continuations) => {
      const { error, emf, forwarded, records } = await invoke(
        makeSubscriptionEvent({ logGroup: '/ecs/orders', logStream: 'orders/app/1', messages: lines }),
      );
      expect(error).toBeUndefined();
      expect(records).toHaveLength(lines.length - continuations);
      expect(records[0]?.cloudwatch.folded_ids).toHaveLength(continuations);
      expect(emf).toHaveLength(1);
      expect(emf[0]).toMatchObject({
        EventsIn: lines.length,
        RecordsDelivered: lines.length - continuations,
        RecordsRejoined: continuations,
        RecordsFolded: 0,
      });
      expect(forwarded).toMatchObject({ events: lines.length, rejoined: continuations });
      expectEveryEventCounted(emf);
    },
  );

  it('counts a group split over the record limit by what is no record of its own: later parts are records', async () => {
    // A Go dump of ~2.4 MB: more than two records' worth, every line an event of its own.
    const dump = ['fatal error: all goroutines are asleep - deadlock!', 'goroutine 1 [chan receive]:'];
    for (let i = 0; i < 24; i++) dump.push(`\t/src/app/${'p'.repeat(100_000)}_${i}.go:${i} +0x1d`);
    const { error, emf, forwarded, records } = await invoke(
      makeSubscriptionEvent({ logGroup: '/ecs/orders', logStream: 'orders/app/1', messages: dump }),
    );
    expect(error).toBeUndefined();
    const count = records[0]?.rejoin_part?.count ?? 0;
    expect(count).toBeGreaterThan(2);
    expect(records).toHaveLength(count);
    for (const record of firehose.records(STREAM)) {
      expect(record.data.length).toBeLessThanOrEqual(MAX_BYTES_PER_RECORD);
    }
    // Each part's own event is a record; only the events in a part's folded_ids are rejoined.
    const folded = records.reduce((sum, r) => sum + (r.cloudwatch.folded_ids?.length ?? 0), 0);
    expect(folded).toBe(dump.length - count);
    expect(emf[0]).toMatchObject({
      EventsIn: dump.length,
      RecordsDelivered: count,
      RecordsRejoined: dump.length - count,
      RecordsTruncated: 0,
    });
    expect(forwarded).toMatchObject({ rejoined: dump.length - count, records: count });
    expectEveryEventCounted(emf);
  });

  it('adds up with platformLines: fold and minLevel: EventsIn = delivered + rejoined + dropped + folded', async () => {
    const { error, emf, forwarded, records } = await invoke(
      makeSubscriptionEvent({ logGroup: CONTROLLED_GROUP, logStream: LAMBDA_STREAM, messages: MIXED }),
    );
    expect(error).toBeUndefined();
    // INFO line, ERROR + traceback, Java stack, REPORT with START / END.
    expect(records.map((r) => r.cloudwatch.id)).toEqual([4, 5, 10, 14].map(eventId));
    expect(figures(emf)).toEqual({ eventsIn: 15, delivered: 4, rejoined: 8, dropped: 1, folded: 2 });
    // The DEBUG line's stack_info lines are counted as rejoined though their record was dropped.
    expect(emf).toContainEqual(expect.objectContaining({ reason: 'level', RecordsDropped: 1 }));
    expect(forwarded).toMatchObject({
      events: 15,
      records: 4,
      rejoined: 8,
      folded: 2,
      dropped: { level: 1, sampled: 0, platform: 0 },
    });
    expectEveryEventCounted(emf);
  });

  it('sums RecordsRejoined over the payloads of a Kinesis batch', async () => {
    const payloads = [
      subscriptionPayload({ logGroup: '/ecs/orders', logStream: 'orders/app/1', events: JAVA_SPLIT_STACK }),
      subscriptionPayload({ logGroup: CONTROLLED_GROUP, logStream: LAMBDA_STREAM, events: MIXED }),
    ];
    const event = { Records: payloads.map((p, i) => kinesisRecord(gzipSync(JSON.stringify(p)), i)) };
    const { error, emf, forwarded, records } = await invoke(event);
    expect(error).toBeUndefined();
    expect(records).toHaveLength(2 + 4);
    expect(figures(emf)).toEqual({ eventsIn: 21, delivered: 6, rejoined: 12, dropped: 1, folded: 2 });
    expect(emf).toContainEqual(expect.objectContaining({ KinesisRecordsIn: 2, RecordsRejoined: 12 }));
    expect(forwarded).toMatchObject({ input: 'kinesis', events: 21, records: 6, rejoined: 12 });
    expectEveryEventCounted(emf);
  });
});
