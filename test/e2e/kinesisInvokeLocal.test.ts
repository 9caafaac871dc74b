import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { KinesisStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalFirehose, type LocalFirehose } from '../../tools/local-firehose/startLocalFirehose.js';

// `serverless invoke local` of the sample Kinesis batch: the deployed handler, bundled by
// serverless-esbuild, takes the event source mapping's event and answers with batchItemFailures.

const SERVERLESS = resolve('node_modules/osls/bin/serverless.js');
const STREAM = 'logging-test';
const EVENT = 'events/kinesis-batch.json';

function invokeLocal(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [SERVERLESS, 'invoke', 'local', '-f', 'forwarder', '-p', EVENT], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        ESBUILD_WORK_FOLDER: '.esbuild-kinesis-invoke-local-test',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      done({ code, output });
    });
  });
}

describe('serverless invoke local: a Kinesis batch (events/kinesis-batch.json)', () => {
  let firehose: LocalFirehose;
  beforeAll(async () => {
    firehose = await startLocalFirehose({ streams: [STREAM] });
  });
  afterAll(async () => {
    await firehose.close();
  });

  it('forwards the events of both payloads, acknowledges the control message, reports no failure', async () => {
    const result = await invokeLocal({
      AWS_ENDPOINT_URL_FIREHOSE: firehose.url,
      DELIVERY_STREAM_NAME: STREAM,
    });
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
