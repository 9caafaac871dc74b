import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { createFirehoseClient } from '../../src/deliver/putRecordBatches.js';
import { DeliveryError } from '../../src/errors.js';
import { forwardLogs } from '../../src/forwardLogs.js';
import { useLocalFirehoseEndpoint } from '../helpers/localFirehoseEndpoint.js';
import { eventId, makeSubscriptionEvent } from '../helpers/subscriptionEvent.js';

const STREAM = 'logging-test';
const EVENTS = 300;
const REQUEST_ID = '8f5a1d3e-2b4c-4e6f-9a8b-7c6d5e4f3a2b';

/** Node.js runtime lines; every 50th carries an Error stack. */
function nodeLine(i: number): string {
  const at = new Date(Date.UTC(2026, 10, 23, 2, 0, 0) + i).toISOString();
  if (i % 50 === 49) {
    return `${at}\t${REQUEST_ID}\tERROR\tevent ${i} failed Error: boom ${i}\n    at handler (/var/task/index.js:10:11)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`;
  }
  return `${at}\t${REQUEST_ID}\tINFO\tevent ${i} handled`;
}

const event = makeSubscriptionEvent({
  logGroup: '/aws/lambda/orders-api',
  logStream: '2026/11/23/[$LATEST]0123456789abcdef0123456789abcdef',
  messages: Array.from({ length: EVENTS }, (_, i) => nodeLine(i)),
});

interface Received {
  asctime: unknown;
  name: unknown;
  levelname: unknown;
  message: unknown;
  exc_info?: unknown;
  cloudwatch: { id: string; logGroup: string };
}

const firehose = useLocalFirehoseEndpoint(STREAM, 'handler-integration-');

/** Runs the handler's pipeline with the real client, pointed at the local endpoint by the SDK's own variable. */
function forward(deadlineInMs = 20_000) {
  const config = readConfig({ DELIVERY_STREAM_NAME: STREAM });
  const deadline = Date.now() + deadlineInMs;
  return forwardLogs(event, {
    config,
    firehose: createFirehoseClient(),
    remainingTimeMs: () => deadline - Date.now(),
  });
}

function received(): Received[] {
  return firehose()
    .records(STREAM)
    .map((record) => {
      const text = record.data.toString('utf8');
      expect(text.endsWith('\n')).toBe(true);
      expect(text.indexOf('\n')).toBe(text.length - 1);
      return JSON.parse(text) as Received;
    });
}

afterEach(() => {
  firehose().setFaults({});
  firehose().reset();
});

describe('forwardLogs against the local Firehose endpoint', () => {
  it('delivers one newline-terminated JSON record per event, in order', async () => {
    const summary = await forward();
    expect(summary).toMatchObject({ events: EVENTS, records: EVENTS, delivered: EVENTS, failed: 0 });
    const records = received();
    expect(records.map((r) => r.cloudwatch.id)).toEqual(Array.from({ length: EVENTS }, (_, i) => eventId(i)));
    expect(records.map((r) => r.message)).toEqual(
      Array.from({ length: EVENTS }, (_, i) => (i % 50 === 49 ? `event ${i} failed` : `event ${i} handled`)),
    );
  });

  it('gives every record the core fields of the python-json-logger shape', async () => {
    await forward();
    for (const [i, record] of received().entries()) {
      expect(record.asctime).toBe(`2026-11-23T02:00:00+0000`);
      expect(record.name).toBe('orders-api');
      expect(record.levelname).toBe(i % 50 === 49 ? 'ERROR' : 'INFO');
      expect(typeof record.message).toBe('string');
      if (i % 50 === 49) expect(record.exc_info).toContain('at handler (/var/task/index.js:10:11)');
      else expect(record.exc_info).toBeUndefined();
    }
  });

  it('writes the same records, in order, to the S3-like object', async () => {
    await forward();
    const files = firehose().files(STREAM);
    const objects = await Promise.all(files.map((file) => readFile(file, 'utf8')));
    const lines = objects.join('').split('\n').slice(0, -1);
    expect(lines).toHaveLength(EVENTS);
    expect(lines.map((line) => (JSON.parse(line) as Received).cloudwatch.id)).toEqual(
      Array.from({ length: EVENTS }, (_, i) => eventId(i)),
    );
  });

  it('delivers every event at least once when 30% of records fail on each call', async () => {
    firehose().setFaults({ failRate: 0.3, seed: 7 });
    const summary = await forward();
    expect(firehose().stats().recordsFailed).toBeGreaterThan(0);
    expect(summary.delivered).toBe(EVENTS);
    expect(summary.retriedRecords).toBeGreaterThan(0);
    const ids = new Set(received().map((r) => r.cloudwatch.id));
    for (let i = 0; i < EVENTS; i++) expect(ids.has(eventId(i))).toBe(true);
  });

  it('delivers after throttled and dropped calls', async () => {
    firehose().setFaults({ dropFirst: 1, throttleFirst: 1, serverErrorFirst: 1 });
    const summary = await forward();
    expect(summary.delivered).toBe(EVENTS);
    expect(firehose().stats()).toMatchObject({ droppedConnections: 1, recordsAccepted: EVENTS });
  });

  it('rejects with a DeliveryError naming the counts when every record keeps failing', async () => {
    firehose().setFaults({ failAll: true });
    const error = await forward(3_000).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeliveryError);
    const delivery = error as DeliveryError;
    expect(delivery.delivered).toBe(0);
    expect(delivery.failed).toBe(EVENTS);
    expect(delivery.failedByErrorCode).toEqual({ ServiceUnavailableException: EVENTS });
    expect(delivery.message).toContain(`${EVENTS} of ${EVENTS} records were not delivered`);
    expect(delivery.message).toContain(STREAM);
    expect(firehose().records(STREAM)).toHaveLength(0);
  });
});
