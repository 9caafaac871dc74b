import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { KinesisStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalFirehose, type LocalFirehose } from '../../tools/local-firehose/startLocalFirehose.js';
import { invokeLocal } from '../helpers/invokeLocal.js';

// `serverless invoke local` of the sample Kinesis batch: the deployed handler, bundled by
// serverless-esbuild, takes the event source mapping's event and answers with batchItemFailures.

const STREAM = 'logging-test';
const EVENT = 'events/kinesis-batch.json';
const WORK_FOLDER = '.esbuild-kinesis-invoke-local-test';

describe('serverless invoke local: a Kinesis batch (events/kinesis-batch.json)', () => {
  let firehose: LocalFirehose;
  beforeAll(async () => {
    firehose = await startLocalFirehose({ streams: [STREAM] });
  });
  afterAll(async () => {
    await firehose.close();
  });

  it('forwards the events of both payloads, acknowledges the control message, reports no failure', async () => {
    const result = await invokeLocal(
      EVENT,
      { AWS_ENDPOINT_URL_FIREHOSE: firehose.url, DELIVERY_STREAM_NAME: STREAM },
      WORK_FOLDER,
    );
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('"batchItemFailures": []');
    // What the sample holds, read from its records: 3 + 2 log events, one control message.
    const event = JSON.parse(readFileSync(EVENT, 'utf8')) as KinesisStreamEvent;
    const ids = event.Records.flatMap((record) => {
      const payload = JSON.parse(gunzipSync(Buffer.from(record.kinesis.data, 'base64')).toString('utf8')) as {
        messageType: string;
        logEvents: { id: string }[];
      };
      return payload.messageType === 'DATA_MESSAGE' ? payload.logEvents.map((e) => e.id) : [];
    });
    expect(ids).toHaveLength(5);
    const delivered = firehose
      .records(STREAM)
      .map((r) => (JSON.parse(r.data.toString('utf8')) as { cloudwatch: { id: string } }).cloudwatch.id);
    expect(delivered.sort()).toEqual(ids.sort());
    // All in one PutRecordBatch call, though they came in two payloads.
    expect(firehose.stats().calls).toBe(1);
  }, 180_000);
});
