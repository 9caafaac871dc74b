import type { Context, KinesisStreamBatchResponse } from 'aws-lambda';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalFirehose, type LocalFirehose } from '../../tools/local-firehose/startLocalFirehose.js';
import { kinesisRecord, sequenceNumber } from '../../tools/subscription-event/encodeKinesisEvent.js';
import { subscriptionPayload } from '../../tools/subscription-event/encodeSubscriptionEvent.js';
import { capturedCall } from '../helpers/handlerOutput.js';

// The deployed handler (functions/forwarder.ts) given a Kinesis batch: its answer to Lambda, its
// log lines and its metrics, against the local Firehose. No failure bucket is configured here,
// so an undecodable record must stay in the stream (reported) and be counted.

const STREAM = 'logging-test';
type Handler = (event: unknown, context: Context) => Promise<unknown>;

let firehose: LocalFirehose;
let handler: Handler;

const good = subscriptionPayload({
  logGroup: '/aws/lambda/checkout',
  logStream: '2026/11/23/[$LATEST]5d4c3b2a19f8e7d6c5b4a39281706f5e',
  events: ['order 1 paid', 'order 2 paid'],
});
const event = {
  Records: [
    kinesisRecord(gzipSync(JSON.stringify(good)), 0),
    kinesisRecord(Buffer.from('{"not":"gzip"}'), 1),
    kinesisRecord(gzipSync(JSON.stringify({ ...good, messageType: 'CONTROL_MESSAGE', logEvents: [] })), 2),
  ],
};

beforeAll(async () => {
  firehose = await startLocalFirehose({ streams: [STREAM] });
  vi.stubEnv('DELIVERY_STREAM_NAME', STREAM);
  vi.stubEnv('AWS_ENDPOINT_URL_FIREHOSE', firehose.url);
  vi.stubEnv('FAILED_PAYLOADS_BUCKET', '');
  ({ handler } = await import('../../functions/forwarder.js'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await firehose.close();
});

describe('forwarder handler: a Kinesis batch', () => {
  it('answers batchItemFailures, logs the undecodable record as an ERROR, and counts it in the metrics', async () => {
    const deadline = Date.now() + 20_000;
    const { result, error, logged } = await capturedCall(() =>
      handler(event, { getRemainingTimeInMillis: () => deadline - Date.now() } as Context),
    );
    expect(error).toBeUndefined();
    expect(result as KinesisStreamBatchResponse).toEqual({
      batchItemFailures: [{ itemIdentifier: sequenceNumber(1) }],
    });
    expect(firehose.records(STREAM)).toHaveLength(2);

    const undecodable = logged.find((l) => l.message === 'undecodable Kinesis record');
    expect(undecodable).toMatchObject({ level: 'ERROR', sequenceNumber: sequenceNumber(1) });
    expect(String(undecodable?.saveError)).toMatch(/FAILED_PAYLOADS_BUCKET/);

    const emf = logged.find((l) => '_aws' in l);
    expect(emf).toMatchObject({
      KinesisRecordsIn: 3,
      KinesisRecordsUndecodable: 1,
      KinesisRecordsSavedToFailureBucket: 0,
      KinesisBatchItemFailures: 1,
      EventsIn: 2,
      RecordsDelivered: 2,
      RecordsFailed: 0,
      RecordsRejoined: 0,
    });
    // The stack's alarm on undecodable records (config/alarmResources.ts) matches this line's
    // namespace and dimensions exactly, or it would never see the metric.
    expect(emf).toMatchObject({
      service: 'cwl-forwarder',
      _aws: { CloudWatchMetrics: [{ Namespace: 'CwlForwarder', Dimensions: [['service']] }] },
    });
  });
});
