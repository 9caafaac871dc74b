import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BYTES_PER_RECORD } from '../../src/batch/limits.js';
import { readConfig } from '../../src/config.js';
import type { PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { createFirehoseClient, type FirehoseSender } from '../../src/deliver/putRecordBatches.js';
import { DecodeError, DeliveryError } from '../../src/errors.js';
import { forwardLogs, type ForwardSummary } from '../../src/forwardLogs.js';
import { startLocalFirehose, type LocalFirehose } from '../../tools/local-firehose/startLocalFirehose.js';
import { eventId, makeSubscriptionEvent, type SubscriptionEvent } from '../helpers/subscriptionEvent.js';

// Fault injection over HTTP: the real @aws-sdk/client-firehose, built as the handler builds it,
// against the local Firehose endpoint, which enforces the PutRecordBatch limits and injects the
// failures the service is known for. A payload of 5,000 events is 10 calls of 500 records.

const STREAM = 'logging-test';
const EVENTS = 5_000;
const REQUEST_ID = '3c1e5f2a-9b7d-4c6e-8a1f-2d3b4c5d6e7f';
const LOG_GROUP = '/aws/lambda/checkout';
const LOG_STREAM = '2026/11/23/[$LATEST]5d4c3b2a19f8e7d6c5b4a39281706f5e';

/** What the Node.js runtime writes for `console.info` / `console.error(err)` in a handler. */
function nodeLine(i: number, text: string, stack = false): string {
  const at = new Date(Date.UTC(2026, 10, 23, 2, 0, 0) + i).toISOString();
  if (!stack) return `${at}\t${REQUEST_ID}\tINFO\t${text}`;
  return `${at}\t${REQUEST_ID}\tERROR\t${text} Error: card declined\n    at charge (/var/task/index.js:31:11)\n    at handler (/var/task/index.js:12:5)`;
}

const largePayload = makeSubscriptionEvent({
  logGroup: LOG_GROUP,
  logStream: LOG_STREAM,
  messages: Array.from({ length: EVENTS }, (_, i) => nodeLine(i, `order ${i} paid`)),
});

let firehose: LocalFirehose;
const client = () => createFirehoseClient({ endpoint: firehose.url });

interface Options {
  readonly concurrency?: number;
  /** Milliseconds from now to the invocation's deadline. */
  readonly deadlineInMs?: number;
  readonly stream?: string;
}

function forward(event: SubscriptionEvent, options: Options = {}): Promise<ForwardSummary> {
  // The function's defaults unless a test says otherwise.
  const config = readConfig({
    DELIVERY_STREAM_NAME: options.stream ?? STREAM,
    DELIVERY_CONCURRENCY: options.concurrency === undefined ? undefined : String(options.concurrency),
  });
  const deadline = Date.now() + (options.deadlineInMs ?? 25_000);
  return forwardLogs(event, { config, firehose: client(), remainingTimeMs: () => deadline - Date.now() });
}

async function failure(run: Promise<unknown>): Promise<DeliveryError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

interface Received {
  asctime: string;
  name: string;
  levelname: string;
  message: string;
  exc_info?: string;
  truncated?: boolean;
  original_size?: number;
  cloudwatch: { id: string };
}

function received(): Received[] {
  return firehose.records(STREAM).map((record) => JSON.parse(record.data.toString('utf8')) as Received);
}

/** Every event of the large payload arrived at least once. */
function expectEveryEventArrived(): void {
  const ids = new Set(received().map((r) => r.cloudwatch.id));
  const missing = Array.from({ length: EVENTS }, (_, i) => eventId(i)).filter((id) => !ids.has(id));
  expect(missing).toEqual([]);
}

beforeAll(async () => {
  firehose = await startLocalFirehose({ streams: [STREAM] });
});

afterAll(async () => {
  await firehose.close();
});

afterEach(async () => {
  // A call the forwarder gave up on at its deadline may still be arriving: let it land before
  // the next test counts calls.
  await firehose.idle();
  firehose.setFaults({});
  firehose.reset();
});

describe('delivery to a Firehose endpoint over HTTP (fault injection)', () => {
  it('sends 5,000 events in 10 calls of 500 records, each event once', async () => {
    const summary = await forward(largePayload);
    expect(summary).toMatchObject({
      events: EVENTS,
      delivered: EVENTS,
      failed: 0,
      calls: 10,
      retriedRecords: 0,
    });
    expect(firehose.stats()).toMatchObject({ calls: 10, recordsAccepted: EVENTS });
    const perCall = new Map<number, number>();
    for (const r of firehose.records(STREAM)) perCall.set(r.call, (perCall.get(r.call) ?? 0) + 1);
    expect([...perCall.values()]).toEqual(Array.from({ length: 10 }, () => 500));
    expect(
      received()
        .map((r) => r.cloudwatch.id)
        .sort(),
    ).toEqual(Array.from({ length: EVENTS }, (_, i) => eventId(i)));
  });

  it('sends the first calls while the rest of the payload is still being encoded, the same calls in the same order', async () => {
    // Between two slices of events the forwarder awaits `nextTurn`; the real client, logged,
    // shows which calls went out before the last slice was encoded.
    const log: string[] = [];
    const real = client();
    const sender: FirehoseSender = {
      send: ((command: PutRecordBatchCommand, options?: unknown) => {
        log.push(`call ${command.input.Records?.length ?? 0}`);
        return real.send(command, options as { abortSignal?: AbortSignal });
      }) as FirehoseSender['send'],
    };
    const config = readConfig({ DELIVERY_STREAM_NAME: STREAM });
    const summary = await forwardLogs(largePayload, {
      config,
      firehose: sender,
      remainingTimeMs: () => 25_000,
      nextTurn: () => {
        log.push('slice');
        return new Promise((resolve) => setImmediate(resolve));
      },
    });
    expect(summary).toMatchObject({ events: EVENTS, delivered: EVENTS, failed: 0, calls: 10 });
    // 5,000 events are 10 slices of 500 (9 turns between them) and 10 calls of 500 records.
    expect(log.filter((entry) => entry === 'slice')).toHaveLength(9);
    expect(log.filter((entry) => entry.startsWith('call'))).toEqual(
      Array.from({ length: 10 }, () => 'call 500'),
    );
    expect(log.indexOf('call 500')).toBeLessThan(log.lastIndexOf('slice'));
    // Each call holds a run of 500 consecutive events; together, every event once, in order.
    const byCall = new Map<number, string[]>();
    for (const r of firehose.records(STREAM)) {
      const id = (JSON.parse(r.data.toString('utf8')) as Received).cloudwatch.id;
      byCall.set(r.call, [...(byCall.get(r.call) ?? []), id]);
    }
    const calls = [...byCall.values()].sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
    expect(calls.flat()).toEqual(Array.from({ length: EVENTS }, (_, i) => eventId(i)));
  });

  it('lets the calls under way finish before an error in the middle of a payload goes up', async () => {
    // The fifth turn between slices fails (standing in for any error while encoding): the calls
    // already handed over must be answered before forwardLogs rejects, so nothing of this
    // invocation runs on inside the next one.
    let calls = 0;
    let answered = 0;
    const real = client();
    const sender: FirehoseSender = {
      send: (async (command: PutRecordBatchCommand, options?: { abortSignal?: AbortSignal }) => {
        calls++;
        const output = await real.send(command, options);
        answered++;
        return output;
      }) as FirehoseSender['send'],
    };
    let turns = 0;
    const run = forwardLogs(largePayload, {
      config: readConfig({ DELIVERY_STREAM_NAME: STREAM }),
      firehose: sender,
      remainingTimeMs: () => 25_000,
      nextTurn: async () => {
        turns++;
        await new Promise((resolve) => setImmediate(resolve));
        if (turns === 5) throw new Error('stop here');
      },
    });
    await expect(run).rejects.toThrow('stop here');
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThan(10);
    expect(answered).toBe(calls);
    expect(firehose.stats().calls).toBe(calls);
  });

  it('fails with a DecodeError when the payload stops being JSON part-way: what was sent before is sent again on the retry', async () => {
    // Events are parsed 500 at a time as they are delivered, so a text that breaks after the
    // first slices (never CloudWatch's: its gzip is checksummed) is found there. The invocation
    // fails naming the problem; Lambda's retry and the failure bucket get the whole payload.
    const text = JSON.stringify({
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: LOG_GROUP,
      logStream: LOG_STREAM,
      subscriptionFilters: ['test-subscription'],
      logEvents: Array.from({ length: EVENTS }, (_, i) => ({
        id: eventId(i),
        timestamp: Date.UTC(2026, 10, 23, 2) + i,
        message: nodeLine(i, `order ${i} paid`),
      })),
    });
    const broken = text.replace(`"id":"${eventId(2_600)}"`, `"id":"${eventId(2_600)}`);
    const event = { awslogs: { data: gzipSync(broken).toString('base64') } };
    const error = await forward(event).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).message).toMatch(/is not JSON/);
    // The slices before the broken one went out whole, in order; nothing after it.
    const ids = received().map((r) => r.cloudwatch.id);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => eventId(i)));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThanOrEqual(2_500);
  });

  it('loses no event when 30% of the records of every call fail', async () => {
    firehose.setFaults({ failRate: 0.3, seed: 11 });
    const summary = await forward(largePayload);
    expect(firehose.stats().recordsFailed).toBeGreaterThan(1_000);
    expect(summary.delivered).toBe(EVENTS);
    expect(summary.retriedRecords).toBe(firehose.stats().recordsFailed);
    expectEveryEventArrived();
    // Only the failed records were sent again: nothing arrived twice.
    expect(firehose.stats().recordsAccepted).toBe(EVENTS);
  });

  it('loses no event when the first calls are throttled with "Slow down." (HTTP 400, which the SDK would not retry)', async () => {
    firehose.setFaults({ throttleFirst: 6, throttleStatus: 400 });
    const summary = await forward(largePayload);
    expect(summary.delivered).toBe(EVENTS);
    expect(firehose.stats().callErrors).toEqual({ ServiceUnavailableException: 6 });
    expectEveryEventArrived();
  });

  it('loses no event when the first calls are throttled with HTTP 503', async () => {
    firehose.setFaults({ throttleFirst: 6, throttleStatus: 503 });
    expect((await forward(largePayload)).delivered).toBe(EVENTS);
    expectEveryEventArrived();
  });

  it('loses no event when the first calls get 500 and 502', async () => {
    firehose.setFaults({ serverErrorFirst: 5, serverErrorStatus: 500 });
    expect((await forward(largePayload)).delivered).toBe(EVENTS);
    expectEveryEventArrived();
    firehose.setFaults({ serverErrorFirst: 5, serverErrorStatus: 502 });
    firehose.reset();
    expect((await forward(largePayload)).delivered).toBe(EVENTS);
    expectEveryEventArrived();
  });

  it('loses no event when connections are dropped without a response', async () => {
    firehose.setFaults({ dropFirst: 7 });
    const summary = await forward(largePayload);
    expect(summary.delivered).toBe(EVENTS);
    expect(firehose.stats().droppedConnections).toBe(7);
    expectEveryEventArrived();
  });

  it('makes one HTTP request per attempt: the SDK adds no retries of its own', async () => {
    const one = makeSubscriptionEvent({
      logGroup: LOG_GROUP,
      logStream: LOG_STREAM,
      messages: [nodeLine(0, 'one')],
    });
    firehose.setFaults({ serverErrorFirst: 2, serverErrorStatus: 503 });
    const summary = await forward(one, { concurrency: 1 });
    expect(summary.calls).toBe(3);
    expect(firehose.stats().calls).toBe(3);
  });

  it('loses no event behind a slow endpoint that answers in time', async () => {
    firehose.setFaults({ delayMs: 1_500 });
    const summary = await forward(largePayload, { deadlineInMs: 25_000 });
    expect(summary.delivered).toBe(EVENTS);
    expectEveryEventArrived();
  });

  it('fails with the counts, before the deadline, when the endpoint is too slow for the time left', async () => {
    firehose.setFaults({ delayMs: 8_000 });
    const deadline = Date.now() + 4_000;
    const error = await failure(forward(largePayload, { deadlineInMs: 4_000 }));
    // The function's own error, not Lambda's timeout: it came with time to spare.
    expect(deadline - Date.now()).toBeGreaterThan(0);
    expect(error.delivered).toBe(0);
    expect(error.failed).toBe(EVENTS);
    expect(error.message).toContain(`${EVENTS} of ${EVENTS} records were not delivered`);
    // The 4 calls in flight are cut off at the deadline (less the reserve) and named as timeouts;
    // the 6 batches still waiting for a slot were never sent.
    expect(error.failedByErrorCode).toEqual({ CallTimedOut: 2_000, DeadlineExceeded: 3_000 });
  });

  it('retries a stream that fails every record of its first 20 calls, and delivers every event', async () => {
    // ~10 s of a stream shedding load; formerly given up after 8 calls with most of the time left.
    firehose.setFaults({ failAllFirst: 20 });
    const summary = await forward(largePayload, { deadlineInMs: 55_000 });
    expect(summary.delivered).toBe(EVENTS);
    expect(firehose.stats().recordsFailed).toBe(20 * 500);
    expectEveryEventArrived();
    expect(firehose.stats().recordsAccepted).toBe(EVENTS);
  }, 60_000);

  it('retries a 200 whose body is not JSON: nothing lost, the repeated records are the only duplicates', async () => {
    firehose.setFaults({ malformedFirst: 3 });
    const summary = await forward(largePayload);
    expect(summary.delivered).toBe(EVENTS);
    expectEveryEventArrived();
    // The three unreadable answers came after their 1,500 records were stored.
    expect(firehose.stats().recordsAccepted).toBe(EVENTS + 1_500);
  });

  it('sends a call answered 413 again in halves: nothing lost', async () => {
    firehose.setFaults({ httpStatusFirst: 1, httpStatus: 413 });
    const summary = await forward(largePayload, { concurrency: 1 });
    expect(summary.delivered).toBe(EVENTS);
    expect(summary.retriedRecords).toBe(500);
    expectEveryEventArrived();
    expect(firehose.stats().recordsAccepted).toBe(EVENTS);
    // 9 calls as usual, the refused one, and its two halves.
    expect(firehose.stats().calls).toBe(12);
  });

  it('splits down to single records when every call is answered 413, then fails them with the HTTP status in the message', async () => {
    firehose.setFaults({ httpStatusFirst: 1_000, httpStatus: 413 });
    const small = makeSubscriptionEvent({
      logGroup: LOG_GROUP,
      logStream: LOG_STREAM,
      messages: Array.from({ length: 8 }, (_, i) => nodeLine(i, `order ${i} paid`)),
    });
    const error = await failure(forward(small, { concurrency: 1 }));
    expect(error.failedByErrorCode).toEqual({ RequestEntityTooLarge: 8 });
    expect(error.delivered).toBe(0);
    expect(error.message).toContain('HTTP 413');
    // 8 records, then 2 × 4, 4 × 2 and 8 × 1.
    expect(firehose.stats().calls).toBe(15);
  });

  it('fails before the deadline, with a DeliveryError naming the counts and codes, when every record keeps failing', async () => {
    firehose.setFaults({ failAll: true });
    const deadline = Date.now() + 4_000;
    const error = await failure(forward(largePayload, { deadlineInMs: 4_000 }));
    expect(deadline - Date.now()).toBeGreaterThan(0);
    expect(error.delivered).toBe(0);
    expect(error.failed).toBe(EVENTS);
    // Each record keeps its last error: "Slow down.", or a timeout for a call still in flight
    // when the time (less the reserve) ran out.
    const {
      ServiceUnavailableException: slowDown = 0,
      CallTimedOut: timedOut = 0,
      ...other
    } = error.failedByErrorCode;
    expect(other).toEqual({});
    expect(slowDown + timedOut).toBe(EVENTS);
    expect(slowDown).toBeGreaterThan(0);
    // Every failed record is named by its event's id (read back from the line's own bytes).
    expect([...error.failedIds].sort()).toEqual(Array.from({ length: EVENTS }, (_, i) => eventId(i)).sort());
    expect(error.message).toContain('ServiceUnavailableException: ');
    // Retried while time lasted: more calls than the 10 batches.
    expect(firehose.stats().calls).toBeGreaterThan(10);
  });

  it('fails at once, without retrying, when the stream does not exist, naming the param to fix', async () => {
    const error = await failure(forward(largePayload, { stream: 'no-such-stream' }));
    expect(error.failedByErrorCode).toEqual({ ResourceNotFoundException: EVENTS });
    expect(error.message).toContain('"no-such-stream" does not exist');
    expect(error.message).toContain('deliveryStreamName param');
    expect(firehose.stats().calls).toBe(10);
  });

  it('fails at once when there are no credentials, telling the user to set them', async () => {
    const saved = { ...process.env };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials';
    process.env.AWS_CONFIG_FILE = '/nonexistent/config';
    try {
      const error = await failure(forward(largePayload));
      expect(error.failedByErrorCode).toEqual({ CredentialsProviderError: EVENTS });
      expect(error.message).toContain('set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
      expect(firehose.stats().calls).toBe(0);
    } finally {
      process.env = saved;
    }
  });

  it('delivers 1 MB events, with and without a stack, cut to fit, valid and marked', async () => {
    const huge = 'x'.repeat(1_048_576);
    const event = makeSubscriptionEvent({
      logGroup: LOG_GROUP,
      logStream: LOG_STREAM,
      messages: [0, 1, 2, 3, 4, 5].map((i) => nodeLine(i, `${i} ${huge}`, i % 2 === 1)),
    });
    const summary = await forward(event);
    expect(summary).toMatchObject({ events: 6, delivered: 6, truncated: 6 });
    // 4 MiB per call: four records of ~1,000 KiB in the first, two in the second.
    expect(firehose.stats().calls).toBe(2);
    // In order within each call; the two calls are in flight together, so they may land either way.
    const byCall = new Map<number, string[]>();
    for (const r of firehose.records(STREAM)) {
      const id = (JSON.parse(r.data.toString('utf8')) as Received).cloudwatch.id;
      byCall.set(r.call, [...(byCall.get(r.call) ?? []), id]);
    }
    const ids = [...byCall.values()];
    expect(ids.sort((a, b) => a.length - b.length)).toEqual([
      [4, 5].map((i) => eventId(i)),
      [0, 1, 2, 3].map((i) => eventId(i)),
    ]);
    for (const record of firehose.records(STREAM)) {
      expect(record.data.length).toBeLessThanOrEqual(MAX_BYTES_PER_RECORD);
      const out = JSON.parse(record.data.toString('utf8')) as Received;
      const i = Number(out.cloudwatch.id.slice(-1));
      expect(out.truncated).toBe(true);
      expect(out.original_size).toBeGreaterThan(1_048_576);
      expect(out.asctime).toBe('2026-11-23T02:00:00+0000');
      expect(out.name).toBe('checkout');
      expect(out.levelname).toBe(i % 2 === 1 ? 'ERROR' : 'INFO');
      expect(out.message.startsWith(`${i} xxxx`)).toBe(true);
      if (i % 2 === 1) expect(out.exc_info).toContain('at charge (/var/task/index.js:31:11)');
    }
  });
});
