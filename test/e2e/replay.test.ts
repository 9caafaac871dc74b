import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { createFirehoseClient } from '../../src/deliver/putRecordBatches.js';
import { forwardKinesisBatch } from '../../src/input/forwardKinesisBatch.js';
import { undecodableSaver } from '../../src/input/undecodableSaver.js';
import { startLocalFirehose, type LocalFirehose } from '../../tools/local-firehose/startLocalFirehose.js';
import { kinesisRecord } from '../../tools/subscription-event/encodeKinesisEvent.js';
import { MOTO_SKIP_REASON, startMotoServer, type MotoServer } from '../helpers/motoServer.js';
import { eventId, makeSubscriptionEvent } from '../helpers/subscriptionEvent.js';

// The replay command as a user runs it (`npm run replay:failed`, here its tsx command), with the
// real SDK clients, against the local Firehose and moto_server's S3 (the on-failure bucket) and
// SQS (the former on-failure queue, still read).

const STREAM = 'logging-test';
const LOG_GROUP = '/aws/lambda/checkout';
const LOG_STREAM = '2026/11/23/[$LATEST]5d4c3b2a19f8e7d6c5b4a39281706f5e';

/** A subscription event of `count` Node.js runtime lines; ids are eventId(offset + i). */
function subscriptionEvent(offset: number, count: number) {
  return makeSubscriptionEvent({
    logGroup: LOG_GROUP,
    logStream: LOG_STREAM,
    messages: Array.from({ length: count }, (_, i) => ({
      id: eventId(offset + i),
      message: `2026-11-23T02:00:00.000Z\t3c1e5f2a-9b7d-4c6e-8a1f-2d3b4c5d6e7f\tINFO\torder ${offset + i} paid`,
    })),
  });
}

/**
 * What Lambda sends the on-failure destination after the last retry of an asynchronous
 * invocation (shape of the example in the Lambda developer guide, "invocation record").
 */
function onFailureRecord(requestPayload: unknown) {
  const requestId = randomUUID();
  return {
    version: '1.0',
    timestamp: '2026-11-23T02:05:00.000Z',
    requestContext: {
      requestId,
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:cwl-forwarder-dev-forwarder:$LATEST',
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
    },
    requestPayload,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: {
      errorType: 'DeliveryError',
      errorMessage: `300 of 300 records were not delivered to Firehose stream "${STREAM}" (ServiceUnavailableException: 300); failing the invocation so Lambda retries the payload`,
      trace: [],
    },
  };
}

let firehose: LocalFirehose;
let dir: string;

interface Run {
  readonly code: number;
  readonly lines: Record<string, unknown>[];
  readonly stderr: string;
}

/** Runs the replay command, as `npm run replay:failed -- <args>` does. */
function replay(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      join('node_modules', '.bin', 'tsx'),
      ['scripts/replay-failed.ts', ...args],
      {
        env: {
          ...process.env,
          AWS_ENDPOINT_URL_FIREHOSE: firehose.url,
          DELIVERY_STREAM_NAME: STREAM,
          // The SDK's multi-line warning about this machine's Node.js 20 is not the command's output.
          NODE_NO_WARNINGS: '1',
          ...env,
        },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const lines = stdout
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), lines, stderr });
      },
    );
  });
}

const arrivedIds = (): string[] =>
  firehose
    .records(STREAM)
    .map((r) => (JSON.parse(r.data.toString('utf8')) as { cloudwatch: { id: string } }).cloudwatch.id);

const ids = (offset: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => eventId(offset + i));

beforeAll(async () => {
  firehose = await startLocalFirehose({ streams: [STREAM] });
  dir = await mkdtemp(join(tmpdir(), 'replay-'));
});

afterAll(async () => {
  await firehose.close();
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  firehose.setFaults({});
  firehose.reset();
});

describe('replay-failed command', () => {
  it('re-forwards the payloads of a file of on-failure records (JSON array) and prints one line each', async () => {
    const file = join(dir, 'records.json');
    await writeFile(
      file,
      JSON.stringify([
        onFailureRecord(subscriptionEvent(0, 300)),
        onFailureRecord(subscriptionEvent(300, 700)),
      ]),
    );
    const run = await replay([file]);
    expect(run.code).toBe(0);
    expect(run.lines.slice(0, 2)).toMatchObject([
      {
        source: `${file}[0]`,
        outcome: 'replayed',
        condition: 'RetriesExhausted',
        logGroup: LOG_GROUP,
        events: 300,
        delivered: 300,
        failed: 0,
      },
      { source: `${file}[1]`, outcome: 'replayed', events: 700, delivered: 700, calls: 2 },
    ]);
    expect(run.lines[2]).toMatchObject({ total: { replayed: 2, failed: 0, skipped: 0 } });
    expect(arrivedIds().sort()).toEqual(ids(0, 1_000));
  });

  it('reads NDJSON and single-record files, and bare subscription events', async () => {
    const ndjson = join(dir, 'records.ndjson');
    await writeFile(
      ndjson,
      `${JSON.stringify(onFailureRecord(subscriptionEvent(0, 5)))}\n${JSON.stringify(onFailureRecord(subscriptionEvent(5, 5)))}\n`,
    );
    const single = join(dir, 'one.json');
    await writeFile(single, JSON.stringify(onFailureRecord(subscriptionEvent(10, 5)), null, 2));
    const bare = join(dir, 'event.json');
    await writeFile(bare, JSON.stringify(subscriptionEvent(15, 5)));
    const run = await replay([ndjson, single, bare]);
    expect(run.code).toBe(0);
    expect(run.lines.map((l) => l.source)).toEqual([`${ndjson}:1`, `${ndjson}:2`, single, bare, undefined]);
    expect(arrivedIds().sort()).toEqual(ids(0, 20));
  });

  it('with --dry-run sends nothing and prints what it would send', async () => {
    const file = join(dir, 'dry.json');
    await writeFile(file, JSON.stringify(onFailureRecord(subscriptionEvent(0, 600))));
    const run = await replay([file, '--dry-run']);
    expect(run.code).toBe(0);
    expect(firehose.stats().calls).toBe(0);
    expect(run.lines[0]).toMatchObject({ outcome: 'would-send', events: 600, records: 600, calls: 2 });
    // It says what it would send; nothing was delivered, and it does not say so.
    expect(run.lines[0]?.wouldSend).toBe(600);
    expect(run.lines[0]).not.toHaveProperty('delivered');
    expect(run.lines[0]?.firstRecord).toMatchObject({
      message: 'order 0 paid',
      cloudwatch: { id: eventId(0) },
    });
  });

  it('fails (exit 1) and says why when the payload still cannot be delivered', async () => {
    firehose.setFaults({ failAll: true });
    const file = join(dir, 'fail.json');
    await writeFile(file, JSON.stringify(onFailureRecord(subscriptionEvent(0, 50))));
    const run = await replay([file, '--time-budget', '2']);
    expect(run.code).toBe(1);
    expect(run.lines[0]).toMatchObject({ outcome: 'failed', delivered: 0, failed: 50 });
    expect(String(run.lines[0]?.error)).toContain('ServiceUnavailableException: 50');
  });

  it('skips (exit 1) a record that carries no subscription event', async () => {
    const file = join(dir, 'foreign.json');
    await writeFile(file, JSON.stringify(onFailureRecord({ ORDER_IDS: ['9e07af03'] })));
    const run = await replay([file]);
    expect(run.code).toBe(1);
    expect(run.lines[0]).toMatchObject({ outcome: 'skipped' });
    expect(firehose.stats().calls).toBe(0);
  });

  it('refuses to run without input, naming what it needs', async () => {
    const run = await replay([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'give --bucket (the on-failure bucket), on-failure record files, or --queue-url',
    );
  });

  it('says in one line, without a stack, that a file does not exist', async () => {
    const missing = join(dir, 'no-such-file.json');
    const run = await replay([missing]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`replay:failed: cannot read ${missing}: no such file`);
  });

  it('says in one line, without a stack or $metadata, that the S3 endpoint cannot be reached', async () => {
    const run = await replay(['--bucket', 'cwl-failed-payloads'], {
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1',
    });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^replay:failed: cannot reach the AWS endpoint http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/,
    );
    expect(run.stderr).not.toContain('$metadata');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

/** Where Lambda's S3 destination puts a failed invocation's record (invocation-async-retain-records). */
function onFailureKey(n: number): string {
  return `aws/lambda/async/cwl-forwarder-dev-forwarder/2026/11/23/2026-11-23T02.05.0${n}-${randomUUID()}`;
}

describe.skipIf(MOTO_SKIP_REASON !== undefined)(
  'replay-failed command: from the on-failure S3 bucket (moto_server)',
  () => {
    let moto: MotoServer;
    let s3: S3Client;
    let bucketCount = 0;

    beforeAll(async () => {
      moto = await startMotoServer();
      s3 = new S3Client({ endpoint: moto.endpoint, forcePathStyle: true, region: 'us-east-1' });
    }, 90_000);

    afterAll(async () => {
      s3.destroy();
      await moto.stop();
    });

    /** A fresh bucket holding these objects (key → body). */
    async function bucketWith(objects: Record<string, string>): Promise<string> {
      const bucket = `cwl-failed-payloads-${++bucketCount}`;
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      for (const [key, body] of Object.entries(objects)) {
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
      }
      return bucket;
    }

    async function keysOf(bucket: string): Promise<string[]> {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (listed.Contents ?? []).map((object) => object.Key ?? '').sort();
    }

    const fromBucket = (bucket: string, args: string[] = []) =>
      replay(['--bucket', bucket, ...args], { AWS_ENDPOINT_URL_S3: moto.endpoint });

    it('replays every object under aws/lambda/async/ and deletes each once all of it was accepted', async () => {
      const first = onFailureKey(1);
      const second = onFailureKey(2);
      const bucket = await bucketWith({
        [first]: JSON.stringify(onFailureRecord(subscriptionEvent(0, 600))),
        [second]: JSON.stringify(onFailureRecord(subscriptionEvent(600, 400))),
        // Not Lambda's: outside the prefix, left alone.
        'kinesis/undecodable/record-1': 'not an on-failure record',
      });
      const run = await fromBucket(bucket);
      expect(run.code).toBe(0);
      expect(arrivedIds().sort()).toEqual(ids(0, 1_000));
      expect(await keysOf(bucket)).toEqual(['kinesis/undecodable/record-1']);
      const objects = run.lines.filter((line) => 'object' in line);
      expect(objects).toEqual(
        expect.arrayContaining([
          { object: `s3://${bucket}/${first}`, records: 1, deleted: true },
          { object: `s3://${bucket}/${second}`, records: 1, deleted: true },
        ]),
      );
      expect(run.lines.at(-1)).toMatchObject({ total: { replayed: 2 }, objects: { deleted: 2, kept: 0 } });
    }, 60_000);

    it('keeps every object when Firehose keeps failing, and exits 1', async () => {
      firehose.setFaults({ failAll: true });
      const key = onFailureKey(3);
      const bucket = await bucketWith({ [key]: JSON.stringify(onFailureRecord(subscriptionEvent(0, 50))) });
      const run = await fromBucket(bucket, ['--time-budget', '2']);
      expect(run.code).toBe(1);
      expect(await keysOf(bucket)).toEqual([key]);
      expect(run.lines.find((line) => 'object' in line)).toMatchObject({
        deleted: false,
        reason: 'not every record was delivered',
      });
    }, 60_000);

    it('replays the records the Kinesis input saved as undecodable, once what refused them is fixed', async () => {
      // Written by the real Kinesis input: one payload refused for a MAX_PAYLOAD_BYTES too small
      // for it, one record that is no payload at all. Replayed with the default limit, the first
      // is delivered and its object deleted; the second fails again and its object stays.
      const bucket = await bucketWith({});
      const payload = subscriptionEvent(0, 40).awslogs.data;
      const batch = {
        Records: [
          kinesisRecord(Buffer.from(payload, 'base64'), 0),
          kinesisRecord(Buffer.from('not gzip'), 1),
        ],
      };
      const saved = await forwardKinesisBatch(batch, {
        config: readConfig({ DELIVERY_STREAM_NAME: STREAM, MAX_PAYLOAD_BYTES: '1024' }),
        firehose: createFirehoseClient({ endpoint: firehose.url }),
        remainingTimeMs: () => 20_000,
        saveUndecodable: undecodableSaver(bucket, () => s3),
      });
      const keys = saved.undecodable.map((record) => (record.savedAs ?? '').replace(`s3://${bucket}/`, ''));
      expect(keys).toEqual([
        expect.stringMatching(/^kinesis-undecodable\//),
        expect.stringMatching(/^kinesis-undecodable\//),
      ]);
      expect(arrivedIds()).toEqual([]);

      const run = await fromBucket(bucket, ['--prefix', 'kinesis-undecodable/']);
      expect(run.code).toBe(1);
      expect(arrivedIds().sort()).toEqual(ids(0, 40));
      expect(await keysOf(bucket)).toEqual([keys[1]]);
      expect(run.lines).toEqual(
        expect.arrayContaining([
          { object: `s3://${bucket}/${keys[0] ?? ''}`, records: 1, deleted: true },
          expect.objectContaining({ object: `s3://${bucket}/${keys[1] ?? ''}`, deleted: false }),
        ]),
      );
    }, 60_000);

    it('keeps an object whose record carries no subscription event, and deletes the others', async () => {
      const good = onFailureKey(4);
      const foreign = onFailureKey(5);
      const bucket = await bucketWith({
        [good]: JSON.stringify(onFailureRecord(subscriptionEvent(0, 20))),
        [foreign]: JSON.stringify(onFailureRecord({ ORDER_IDS: ['9e07af03'] })),
      });
      const run = await fromBucket(bucket);
      expect(run.code).toBe(1);
      expect(await keysOf(bucket)).toEqual([foreign]);
      expect(arrivedIds().sort()).toEqual(ids(0, 20));
    }, 60_000);

    it('with --dry-run sends nothing, deletes nothing, and says what it would send', async () => {
      const key = onFailureKey(6);
      const bucket = await bucketWith({ [key]: JSON.stringify(onFailureRecord(subscriptionEvent(0, 30))) });
      const run = await fromBucket(bucket, ['--dry-run']);
      expect(run.code).toBe(0);
      expect(firehose.stats().calls).toBe(0);
      expect(await keysOf(bucket)).toEqual([key]);
      expect(run.lines[0]).toMatchObject({
        source: `s3://${bucket}/${key}`,
        outcome: 'would-send',
        wouldSend: 30,
      });
      expect(run.lines[0]).not.toHaveProperty('delivered');
      expect(run.lines.find((line) => 'object' in line)).toMatchObject({ deleted: false, reason: 'dry run' });
    }, 60_000);

    it('says in one line that the bucket does not exist', async () => {
      const run = await fromBucket('no-such-failed-payloads-bucket');
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toMatch(/^replay:failed: NoSuchBucket \(HTTP 404\): /);
    }, 60_000);
    describe('from the former on-failure SQS queue', () => {
      let sqs: SQSClient;
      let queueCount = 0;

      beforeAll(() => {
        sqs = new SQSClient({ endpoint: moto.endpoint, region: 'us-east-1' });
      });

      afterAll(() => {
        sqs.destroy();
      });

      /** A fresh queue holding these bodies; returns its URL and the message ids, in order. */
      async function queueWith(bodies: string[]): Promise<{ url: string; ids: string[] }> {
        const { QueueUrl: url = '' } = await sqs.send(
          new CreateQueueCommand({ QueueName: `cwl-forwarder-dev-failed-payloads-${++queueCount}` }),
        );
        const ids: string[] = [];
        for (const body of bodies) {
          const sent = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
          ids.push(sent.MessageId ?? '');
        }
        return { url, ids };
      }

      /** Messages still in the queue: visible, and received but not deleted. */
      async function remaining(url: string): Promise<{ visible: number; hidden: number }> {
        const { Attributes = {} } = await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: url,
            AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
          }),
        );
        return {
          visible: Number(Attributes.ApproximateNumberOfMessages),
          hidden: Number(Attributes.ApproximateNumberOfMessagesNotVisible),
        };
      }

      const fromQueue = (url: string, args: string[] = []) =>
        replay(['--queue-url', url, ...args], { AWS_ENDPOINT_URL_SQS: moto.endpoint });

      it('deletes a message only after its payload was delivered', async () => {
        const queue = await queueWith([
          JSON.stringify(onFailureRecord(subscriptionEvent(0, 400))),
          JSON.stringify(onFailureRecord({ ORDER_IDS: [] })),
          JSON.stringify(onFailureRecord(subscriptionEvent(400, 400))),
        ]);
        const run = await fromQueue(queue.url);
        expect(run.code).toBe(1);
        expect(arrivedIds().sort()).toEqual(ids(0, 800));
        const outcomes = Object.fromEntries(
          run.lines
            .filter((l) => 'outcome' in l)
            .map((l): [string, unknown] => [String(l.source), l.outcome]),
        );
        expect(outcomes).toEqual({
          [`sqs:${queue.ids[0] ?? ''}`]: 'replayed',
          [`sqs:${queue.ids[1] ?? ''}`]: 'skipped',
          [`sqs:${queue.ids[2] ?? ''}`]: 'replayed',
        });
        // Only the skipped one is left (received, so hidden until its visibility timeout).
        expect(await remaining(queue.url)).toEqual({ visible: 0, hidden: 1 });
      }, 60_000);

      it('keeps every message when Firehose keeps failing', async () => {
        firehose.setFaults({ failAll: true });
        const queue = await queueWith([JSON.stringify(onFailureRecord(subscriptionEvent(0, 10)))]);
        const run = await fromQueue(queue.url, ['--time-budget', '2']);
        expect(run.code).toBe(1);
        expect(await remaining(queue.url)).toEqual({ visible: 0, hidden: 1 });
      }, 60_000);

      it('with --dry-run deletes nothing and leaves the messages visible', async () => {
        const queue = await queueWith([JSON.stringify(onFailureRecord(subscriptionEvent(0, 10)))]);
        const run = await fromQueue(queue.url, ['--dry-run']);
        expect(run.code).toBe(0);
        expect(run.lines[0]).toMatchObject({
          source: `sqs:${queue.ids[0] ?? ''}`,
          outcome: 'would-send',
          events: 10,
          wouldSend: 10,
        });
        expect(await remaining(queue.url)).toEqual({ visible: 1, hidden: 0 });
        expect(firehose.stats().calls).toBe(0);
      }, 60_000);
    });
  },
);
