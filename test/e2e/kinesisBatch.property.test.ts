import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { createFirehoseClient } from '../../src/deliver/putRecordBatches.js';
import { undecodableKey } from '../../src/deliver/saveUndecodableRecord.js';
import { forwardKinesisBatch } from '../../src/input/forwardKinesisBatch.js';
import { undecodableSaver } from '../../src/input/undecodableSaver.js';
import { startLocalFirehose, type LocalFirehose } from '../../tools/local-firehose/startLocalFirehose.js';
import { kinesisRecord } from '../../tools/subscription-event/encodeKinesisEvent.js';
import { MOTO_SKIP_REASON, startMotoServer, type MotoServer } from '../helpers/motoServer.js';

// Batches of mixed records, as a stream fed by CloudWatch Logs and by mistakes can hold: data
// payloads (some with no events), control messages, and records that are not a subscription
// payload at all. Whatever the mix: every event of every payload reaches Firehose once, every
// undecodable record is in the failure bucket whole, and only undelivered records are reported.

const STREAM = 'logging-test';
const BUCKET = 'cwl-forwarder-failed-payloads';

type Kind =
  | { kind: 'data'; messages: string[] }
  | { kind: 'control' }
  | { kind: 'undecodable'; data: Buffer; why: string };

const line = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom(
    'START RequestId: 8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01 Version: $LATEST\n',
    '2026-11-23T02:00:00.000Z\t8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01\tERROR\tboom\n',
    '{"levelname":"INFO","name":"app","message":"hi"}',
  ),
);

const undecodable: fc.Arbitrary<Kind> = fc.oneof(
  // Random bytes that cannot start a gzip stream.
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({
    kind: 'undecodable' as const,
    data: Buffer.from([0x00, ...bytes]),
    why: 'bytes',
  })),
  fc.constant({ kind: 'undecodable' as const, data: Buffer.alloc(0), why: 'empty' }),
  fc.string({ maxLength: 40 }).map((text) => ({
    kind: 'undecodable' as const,
    data: gzipSync(`not json: ${text}`),
    why: 'gzip of text',
  })),
  fc.constant({
    kind: 'undecodable' as const,
    data: gzipSync(JSON.stringify({ messageType: 'DATA_MESSAGE', logEvents: [] })),
    why: 'no logGroup',
  }),
);

const record: fc.Arbitrary<Kind> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.array(line, { maxLength: 25 }).map((messages) => ({ kind: 'data' as const, messages })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'control' as const }) },
  { weight: 2, arbitrary: undecodable },
);

const batchOf = fc.array(record, { minLength: 1, maxLength: 12 });

/** The event id of event `e` of record `r`: 56 digits, unique in the batch. */
const idOf = (r: number, e: number): string => `${String(r).padStart(8, '0')}${String(e).padStart(48, '0')}`;

function dataOf(kind: Kind, r: number): Buffer {
  if (kind.kind === 'undecodable') return kind.data;
  if (kind.kind === 'control') {
    return gzipSync(
      JSON.stringify({
        messageType: 'CONTROL_MESSAGE',
        owner: 'CloudwatchLogs',
        logGroup: '',
        logStream: '',
        subscriptionFilters: [],
        logEvents: [],
      }),
    );
  }
  return gzipSync(
    JSON.stringify({
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: `/aws/lambda/fn-${r}`,
      logStream: '2026/11/23/[$LATEST]5d4c3b2a19f8e7d6c5b4a39281706f5e',
      subscriptionFilters: ['cwl-forwarder'],
      logEvents: kind.messages.map((message, e) => ({
        id: idOf(r, e),
        timestamp: Date.UTC(2026, 10, 23) + e,
        message,
      })),
    }),
  );
}

describe.skipIf(MOTO_SKIP_REASON !== undefined)(
  `forwardKinesisBatch over mixed batches${MOTO_SKIP_REASON === undefined ? '' : `, skipped: ${MOTO_SKIP_REASON}`}`,
  () => {
    let firehose: LocalFirehose;
    let moto: MotoServer;
    let s3: S3Client;
    let batchNumber = 0;

    beforeAll(async () => {
      firehose = await startLocalFirehose({ streams: [STREAM] });
      moto = await startMotoServer();
      s3 = new S3Client({ endpoint: moto.endpoint, forcePathStyle: true, region: 'us-east-1' });
      await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    });
    afterAll(async () => {
      s3.destroy();
      await Promise.all([firehose.close(), moto.stop()]);
    });

    async function forward(kinds: readonly Kind[], deadlineInMs = 20_000) {
      firehose.reset();
      // A shard of its own per batch, so no saved object of an earlier batch can pass for this one's.
      const shardId = `shardId-${String(++batchNumber).padStart(12, '0')}`;
      const event: KinesisStreamEvent = {
        Records: kinds.map((kind, r) => kinesisRecord(dataOf(kind, r), r, { shardId })),
      };
      const deadline = Date.now() + deadlineInMs;
      const result = await forwardKinesisBatch(event, {
        config: readConfig({ DELIVERY_STREAM_NAME: STREAM }),
        firehose: createFirehoseClient({ endpoint: firehose.url }),
        remainingTimeMs: () => deadline - Date.now(),
        saveUndecodable: undecodableSaver(BUCKET, () => s3),
      });
      const arrived = firehose
        .records(STREAM)
        .map((r) => (JSON.parse(r.data.toString('utf8')) as { cloudwatch: { id: string } }).cloudwatch.id);
      return { event, result, arrived };
    }

    async function saved(record: KinesisStreamRecord, r: number): Promise<unknown> {
      const key = undecodableKey({
        index: r,
        sequenceNumber: record.kinesis.sequenceNumber,
        record,
        data: record.kinesis.data,
      });
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return (JSON.parse((await object.Body?.transformToString()) ?? 'null') as { record: unknown }).record;
    }

    it('delivers every event once, saves every undecodable record whole, and reports nothing', async () => {
      await fc.assert(
        fc.asyncProperty(batchOf, async (kinds) => {
          firehose.setFaults({});
          const { event, result, arrived } = await forward(kinds);
          expect(result.response.batchItemFailures).toEqual([]);
          const expectedIds = kinds.flatMap((kind, r) =>
            kind.kind === 'data' ? kind.messages.map((_, e) => idOf(r, e)) : [],
          );
          expect([...arrived].sort()).toEqual(expectedIds.sort());
          for (const [r, kind] of kinds.entries()) {
            if (kind.kind !== 'undecodable') continue;
            const original = event.Records[r];
            if (original === undefined) throw new Error('record missing');
            expect(await saved(original, r)).toEqual(original);
          }
          expect(result.summary).toMatchObject({
            kinesisRecords: kinds.length,
            controlMessages: kinds.filter((k) => k.kind === 'control').length,
            undecodable: kinds.filter((k) => k.kind === 'undecodable').length,
            undecodableSaved: kinds.filter((k) => k.kind === 'undecodable').length,
          });
        }),
        { numRuns: 25 },
      );
    });

    it('reports exactly the records with an event Firehose did not take, never a saved or control one', async () => {
      // Nine records in ten refused on each call, and 1.5 s to retry (2.5 s less the reserve):
      // some events never arrive, and which ones decides the answer.
      let reported = 0;
      await fc.assert(
        fc.asyncProperty(batchOf, fc.integer({ min: 1, max: 1000 }), async (kinds, seed) => {
          firehose.setFaults({ failRate: 0.9, seed });
          const { event, result, arrived } = await forward(kinds, 2_500);
          const got = new Set(arrived);
          const expected = kinds.flatMap((kind, r) =>
            kind.kind === 'data' && kind.messages.some((_, e) => !got.has(idOf(r, e)))
              ? [{ itemIdentifier: event.Records[r]?.kinesis.sequenceNumber }]
              : [],
          );
          expect(result.response.batchItemFailures).toEqual(expected);
          reported += expected.length;
        }),
        { numRuns: 15 },
      );
      expect(reported).toBeGreaterThan(0);
    });
  },
);
