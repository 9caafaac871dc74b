import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { KinesisStreamEvent } from 'aws-lambda';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import type { PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { createFirehoseClient, type FirehoseSender } from '../../src/deliver/putRecordBatches.js';
import { forwardKinesisBatch, type KinesisBatchResult } from '../../src/input/forwardKinesisBatch.js';
import { undecodableSaver } from '../../src/input/undecodableSaver.js';
import { startLocalFirehose, type LocalFirehose } from '../../tools/local-firehose/startLocalFirehose.js';
import {
  DEFAULT_STREAM_ARN,
  kinesisRecord,
  sequenceNumber,
} from '../../tools/subscription-event/encodeKinesisEvent.js';
import { subscriptionPayload } from '../../tools/subscription-event/encodeSubscriptionEvent.js';
import { MOTO_SKIP_REASON, startMotoServer, type MotoServer } from '../helpers/motoServer.js';

// The Kinesis input end to end: a batch as Lambda's event source mapping delivers it, through
// the real @aws-sdk/client-firehose into the local Firehose (with its fault injection), and
// undecodable records through the real @aws-sdk/client-s3 into moto's S3.

const STREAM = 'logging-test';
const REQUEST_ID = '5b2f8c1e-3d4a-4e6b-9c7d-8e9f0a1b2c3d';

/** A payload of `count` Node.js runtime lines from `/aws/lambda/<fn>`, ids unique per `tag`. */
function payload(fn: string, count: number, tag: number): Record<string, unknown> {
  return subscriptionPayload({
    logGroup: `/aws/lambda/${fn}`,
    logStream: '2026/11/23/[$LATEST]5d4c3b2a19f8e7d6c5b4a39281706f5e',
    events: Array.from({ length: count }, (_, i) => ({
      id: `${String(tag).padStart(8, '0')}${String(i).padStart(48, '0')}`,
      timestamp: Date.UTC(2026, 10, 23, 2, 0, 0) + i,
      message: `2026-11-23T02:00:00.000Z\t${REQUEST_ID}\tINFO\t${fn} line ${i} of payload ${tag}\n`,
    })),
  });
}

const CONTROL = {
  messageType: 'CONTROL_MESSAGE',
  owner: 'CloudwatchLogs',
  logGroup: '',
  logStream: '',
  subscriptionFilters: [],
  logEvents: [
    {
      id: '',
      timestamp: 1589201084000,
      message: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.',
    },
  ],
};

/** A record's data as CloudWatch Logs puts it: the gzip of the payload's JSON. */
const gz = (value: unknown): Buffer => gzipSync(JSON.stringify(value));

function batch(datas: readonly Buffer[]): KinesisStreamEvent {
  return { Records: datas.map((data, i) => kinesisRecord(data, i)) };
}

let firehose: LocalFirehose;

interface RunOptions {
  readonly deadlineInMs?: number;
  readonly saveUndecodable?: Parameters<typeof forwardKinesisBatch>[1]['saveUndecodable'];
}

function run(event: KinesisStreamEvent, options: RunOptions = {}): Promise<KinesisBatchResult> {
  const config = readConfig({ DELIVERY_STREAM_NAME: STREAM, DELIVERY_CONCURRENCY: '1' });
  const deadline = Date.now() + (options.deadlineInMs ?? 25_000);
  return forwardKinesisBatch(event, {
    config,
    firehose: createFirehoseClient({ endpoint: firehose.url }),
    remainingTimeMs: () => deadline - Date.now(),
    saveUndecodable: options.saveUndecodable ?? undecodableSaver(undefined),
  });
}

/** CloudWatch event ids of the records the local Firehose accepted. */
function deliveredIds(): Set<string> {
  return new Set(
    firehose
      .records(STREAM)
      .map((r) => (JSON.parse(r.data.toString('utf8')) as { cloudwatch: { id: string } }).cloudwatch.id),
  );
}

function eventIds(value: Record<string, unknown>): string[] {
  return (value.logEvents as { id: string }[]).map((e) => e.id);
}

beforeAll(async () => {
  firehose = await startLocalFirehose({ streams: [STREAM] });
});
afterAll(async () => {
  await firehose.close();
});
beforeEach(() => {
  firehose.setFaults({});
  firehose.reset();
});

describe('forwardKinesisBatch: delivery', () => {
  it('delivers every event of every payload and acknowledges the whole batch, control message included', async () => {
    const orders = payload('orders-api', 3, 1);
    const billing = payload('billing-worker', 2, 2);
    const result = await run(batch([gz(orders), gz(CONTROL), gz(billing)]));
    expect(result.response).toEqual({ batchItemFailures: [] });
    expect([...deliveredIds()].sort()).toEqual([...eventIds(orders), ...eventIds(billing)].sort());
    expect(result.summary).toMatchObject({
      kinesisRecords: 3,
      payloads: 2,
      controlMessages: 1,
      events: 5,
      delivered: 5,
    });
  });

  it('packs the records of all payloads of the batch into the same PutRecordBatch calls', async () => {
    // 6 payloads of 150 events = 900 records: 2 calls of ≤ 500 together, where one set of calls
    // per payload would be 6.
    const payloads = Array.from({ length: 6 }, (_, i) => payload(`fn-${i}`, 150, i));
    const result = await run(batch(payloads.map(gz)));
    expect(result.response.batchItemFailures).toEqual([]);
    expect(firehose.stats().calls).toBe(2);
    expect(deliveredIds().size).toBe(900);
  });

  it('sends a full batch of records while the later payloads are still being encoded', async () => {
    // 6 payloads of 150 events: the first call (500 records) is full once the fourth payload is
    // encoded; `nextTurn`, awaited after each payload, shows it went out before the last one.
    const log: string[] = [];
    const real = createFirehoseClient({ endpoint: firehose.url });
    const payloads = Array.from({ length: 6 }, (_, i) => payload(`fn-${i}`, 150, i));
    const result = await forwardKinesisBatch(batch(payloads.map(gz)), {
      config: readConfig({ DELIVERY_STREAM_NAME: STREAM, DELIVERY_CONCURRENCY: '1' }),
      firehose: {
        send: ((command: PutRecordBatchCommand, options?: { abortSignal?: AbortSignal }) => {
          log.push(`call ${command.input.Records?.length ?? 0}`);
          return real.send(command, options);
        }) as FirehoseSender['send'],
      },
      remainingTimeMs: () => 25_000,
      saveUndecodable: undecodableSaver(undefined),
      nextTurn: () => {
        log.push('payload');
        return new Promise((resolve) => setImmediate(resolve));
      },
    });
    expect(result.response.batchItemFailures).toEqual([]);
    expect(log.filter((entry) => entry.startsWith('call'))).toEqual(['call 500', 'call 400']);
    expect(log.filter((entry) => entry === 'payload')).toHaveLength(6);
    expect(log.indexOf('call 500')).toBeLessThan(log.lastIndexOf('payload'));
    expect(deliveredIds().size).toBe(900);
  });

  it('reports exactly the Kinesis records with an event Firehose did not take', async () => {
    // Each record of each call refused with probability 0.9 (seeded), and little time to retry:
    // which events arrived decides which Kinesis records must come back.
    firehose.setFaults({ failRate: 0.9, seed: 7 });
    const payloads = Array.from({ length: 12 }, (_, i) => payload(`fn-${i}`, i % 3 === 0 ? 1 : 2, i));
    const result = await run(batch(payloads.map(gz)), { deadlineInMs: 2_500 });
    const arrived = deliveredIds();
    const expected = payloads.flatMap((p, i) =>
      eventIds(p).every((id) => arrived.has(id)) ? [] : [{ itemIdentifier: sequenceNumber(i) }],
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(12);
    expect(result.response.batchItemFailures).toEqual(expected);
  });

  it('reports every data record when Firehose refuses everything, but not the control message', async () => {
    firehose.setFaults({ failAll: true });
    const result = await run(batch([gz(payload('a', 2, 1)), gz(CONTROL), gz(payload('b', 1, 2))]), {
      deadlineInMs: 4_000,
    });
    expect(result.response.batchItemFailures).toEqual([
      { itemIdentifier: sequenceNumber(0) },
      { itemIdentifier: sequenceNumber(2) },
    ]);
    expect(result.summary).toMatchObject({ delivered: 0, failed: 3, batchItemFailures: 2 });
  });

  it('without a failure bucket, keeps an undecodable record in the stream by reporting it', async () => {
    const result = await run(batch([Buffer.from('not gzip at all'), gz(payload('a', 1, 1))]));
    expect(result.response.batchItemFailures).toEqual([{ itemIdentifier: sequenceNumber(0) }]);
    expect(result.undecodable[0]?.saveError).toMatch(/FAILED_PAYLOADS_BUCKET/);
    expect(deliveredIds().size).toBe(1);
  });
});

describe.skipIf(MOTO_SKIP_REASON !== undefined)(
  `forwardKinesisBatch: undecodable records in the failure bucket (moto S3)${MOTO_SKIP_REASON === undefined ? '' : `, skipped: ${MOTO_SKIP_REASON}`}`,
  () => {
    const BUCKET = 'cwl-forwarder-failed-payloads';
    let moto: MotoServer;
    let s3: S3Client;

    beforeAll(async () => {
      moto = await startMotoServer();
      s3 = new S3Client({ endpoint: moto.endpoint, forcePathStyle: true, region: 'us-east-1' });
      await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    });
    afterAll(async () => {
      s3.destroy();
      await moto.stop();
    });

    const saver = (bucket: string) => undecodableSaver(bucket, () => s3);

    async function objectAt(key: string): Promise<Record<string, unknown>> {
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return JSON.parse((await object.Body?.transformToString()) ?? 'null') as Record<string, unknown>;
    }

    it('saves each undecodable record whole with why, acknowledges it, and forwards its neighbours', async () => {
      const good = payload('orders-api', 2, 1);
      const datas = [
        Buffer.from('plain text, no gzip'),
        gz(good),
        gzipSync('{"messageType": "DATA_MESSAGE", "logEvents": [ cut here'),
        Buffer.alloc(0),
      ];
      const event = batch(datas);
      const result = await run(event, { saveUndecodable: saver(BUCKET) });

      expect(result.response.batchItemFailures).toEqual([]);
      expect([...deliveredIds()].sort()).toEqual(eventIds(good).sort());
      const stream = DEFAULT_STREAM_ARN.split('/')[1];
      // Dated by the record's arrival in the stream (2020-05-11), named by shard and sequence number.
      const [notGzip, notJson, empty] = [0, 2, 3].map(
        (i) => `kinesis-undecodable/${stream}/2020/05/11/shardId-000000000000-${sequenceNumber(i)}.json`,
      );
      const keys = [notGzip ?? '', notJson ?? '', empty ?? ''];
      expect(result.undecodable.map((u) => u.savedAs)).toEqual(keys.map((key) => `s3://${BUCKET}/${key}`));
      const first = await objectAt(keys[0] ?? '');
      expect(first).toMatchObject({
        kind: 'kinesis-undecodable',
        sequenceNumber: sequenceNumber(0),
        eventSourceARN: DEFAULT_STREAM_ARN,
        record: event.Records[0],
      });
      expect(
        Buffer.from((first.record as KinesisStreamEvent['Records'][0]).kinesis.data, 'base64').toString(),
      ).toBe('plain text, no gzip');
      expect(first.reason).toMatch(/kinesis.data is not gzip data/);
      expect((await objectAt(keys[1] ?? '')).reason).toMatch(/corrupt or truncated|not JSON/);
      expect(result.summary).toMatchObject({ undecodable: 3, undecodableSaved: 3, delivered: 2 });
    });

    it('reports an undecodable record it could not save (no such bucket), and only that one', async () => {
      const result = await run(batch([gz(payload('a', 1, 1)), Buffer.from('garbage')]), {
        saveUndecodable: saver('no-such-bucket-here'),
      });
      expect(result.response.batchItemFailures).toEqual([{ itemIdentifier: sequenceNumber(1) }]);
      expect(result.undecodable[0]?.saveError).toMatch(/NoSuchBucket/);
      expect(result.summary).toMatchObject({ undecodable: 1, undecodableSaved: 0, delivered: 1 });
      const listed = await s3.send(
        new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'kinesis-undecodable/' }),
      );
      expect((listed.Contents ?? []).some((o) => o.Key?.endsWith(`${sequenceNumber(1)}.json`))).toBe(false);
    });
  },
);
