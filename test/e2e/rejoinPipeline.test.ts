import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BYTES_PER_RECORD } from '../../src/batch/limits.js';
import { readConfig } from '../../src/config.js';
import { createFirehoseClient } from '../../src/deliver/putRecordBatches.js';
import { forwardLogs } from '../../src/forwardLogs.js';
import { useLocalFirehoseEndpoint } from '../helpers/localFirehoseEndpoint.js';
import { eventId, makeSubscriptionEvent } from '../helpers/subscriptionEvent.js';

/**
 * `REJOIN_MULTILINE=true` through the whole pipeline, the real SDK client and the local Firehose:
 * a hostile line costs no neighbour (issue 9 item 1), and a rejoined group over the record limit
 * arrives split, every record within the limit and claiming only its own events (item 6).
 */

const STREAM = 'rejoin-test';
const firehose = useLocalFirehoseEndpoint(STREAM, 'rejoin-pipeline-');

interface Received {
  message: string;
  levelname?: string;
  statement?: string;
  detail?: string;
  exc_info?: string;
  log_format?: string;
  truncated?: boolean;
  cloudwatch: { id: string; folded_ids?: string[] };
}

function forward(event: unknown, rejoin: boolean) {
  const config = readConfig({ DELIVERY_STREAM_NAME: STREAM, REJOIN_MULTILINE: String(rejoin) });
  const deadline = Date.now() + 60_000;
  return forwardLogs(event, {
    config,
    firehose: createFirehoseClient(),
    remainingTimeMs: () => deadline - Date.now(),
  });
}

function received(): Received[] {
  return firehose()
    .records(STREAM)
    .map((record) => JSON.parse(record.data.toString('utf8')) as Received);
}

afterEach(() => {
  firehose().reset();
});

describe('the pipeline with REJOIN_MULTILINE=true', () => {
  const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
  const lines = [
    '2026-11-23T02:00:00.000Z\t8f5a1d3e-2b4c-4e6f-9a8b-7c6d5e4f3a2b\tINFO\tbefore',
    deep,
    'java.lang.IllegalStateException: boom',
    '\tat com.example.Handler.handleRequest(Handler.java:12)',
    'after',
  ];
  const event = makeSubscriptionEvent({
    logGroup: '/ecs/orders',
    logStream: 'orders/app/1',
    messages: lines,
  });

  it.each([false, true])(
    'forwards a line of JSON nested 10,000 deep as text and every neighbour (rejoin %s)',
    async (rejoin) => {
      const summary = await forward(event, rejoin);
      const records = received();
      expect(summary.failed).toBe(0);
      expect(records.find((r) => r.cloudwatch.id === eventId(1))).toMatchObject({
        message: deep,
        log_format: 'text',
      });
      expect(records.find((r) => r.cloudwatch.id === eventId(0))?.message).toBe('before');
      expect(records.at(-1)).toMatchObject({ message: 'after' });
      const ids = records.flatMap((r) => [r.cloudwatch.id, ...(r.cloudwatch.folded_ids ?? [])]);
      expect(ids).toEqual(lines.map((_, i) => eventId(i)));
    },
  );

  it('delivers a PostgreSQL report with its DETAIL and STATEMENT folded in, and a hostile line after it whole', async () => {
    const prefix = '2019-03-10 03:54:59 UTC:10.0.0.123(52834):postgres@tstdb:[20175]:';
    const rds = [
      `${prefix}ERROR:  duplicate key value violates unique constraint "orders_pkey"`,
      `${prefix}DETAIL:  Key (id)=(42) already exists.`,
      `${prefix}STATEMENT:  INSERT INTO orders VALUES (42);`,
      deep,
      `${prefix}STATEMENT:  INSERT INTO orders VALUES (42);`,
    ];
    const summary = await forward(
      makeSubscriptionEvent({
        logGroup: '/aws/rds/instance/orders-db/postgresql',
        logStream: 'orders-db.0',
        messages: rds,
      }),
      true,
    );
    const records = received();
    expect(summary.failed).toBe(0);
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({
      levelname: 'ERROR',
      message: 'duplicate key value violates unique constraint "orders_pkey"',
      detail: 'Key (id)=(42) already exists.',
      statement: 'INSERT INTO orders VALUES (42);',
      cloudwatch: { id: eventId(0), folded_ids: [eventId(1), eventId(2)] },
    });
    expect(records[1]).toMatchObject({ message: deep, log_format: 'text' });
    expect(records[2]).toMatchObject({ levelname: 'INFO', message: 'INSERT INTO orders VALUES (42);' });
  });

  it('delivers a 30,000-frame goroutine dump split into records within the limit, none cut', async () => {
    const dump = ['fatal error: all goroutines are asleep - deadlock!', '', 'goroutine 1 [chan receive]:'];
    for (let i = 0; dump.length < 30_001; i++)
      dump.push(i % 2 === 0 ? `main.worker${i}(0xc000${i})` : `\t/src/app/pool_${i}.go:${i} +0x1d`);
    const summary = await forward(
      makeSubscriptionEvent({ logGroup: '/ecs/orders', logStream: 'orders/app/1', messages: dump }),
      true,
    );
    expect(summary).toMatchObject({ events: 30_001, failed: 0, truncated: 0 });
    const records = firehose().records(STREAM);
    expect(records.length).toBeGreaterThan(1);
    for (const record of records) expect(record.data.length).toBeLessThanOrEqual(MAX_BYTES_PER_RECORD);
    const parsed = received();
    expect(parsed.every((r) => r.truncated === undefined)).toBe(true);
    const ids = parsed.flatMap((r) => [r.cloudwatch.id, ...(r.cloudwatch.folded_ids ?? [])]);
    expect(ids).toEqual(dump.map((_, i) => eventId(i)));
    expect(parsed.map((r) => r.exc_info).join('\n')).toBe(dump.join('\n'));
  });
});
