import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { CreateDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalFirehose, type LocalFirehose } from '../../tools/local-firehose/startLocalFirehose.js';
import { MOTO_SKIP_REASON, startMotoServer, type MotoServer } from '../helpers/motoServer.js';

/**
 * Conformance of the local Firehose (tools/local-firehose) with an independent implementation:
 * Python moto's Firehose, delivering a DirectPut stream to an S3 bucket. The same sample events
 * go through `serverless invoke local` into each; the S3 objects must hold the same bytes.
 */

const STREAM = 'conformance-stream';
const BUCKET = 'conformance-bucket';
// Small samples: one PutRecordBatch call, so one object each, in either service.
const FILES = ['events/bunyan.json', 'events/python-json-logger.json', 'events/lambda-nodejs.json'];
const SERVERLESS = resolve('node_modules/osls/bin/serverless.js');
const INVOKE_EACH = resolve('scripts/replay/invokeEach.cjs');

/** One `serverless invoke local` process invoking the forwarder once per file (as npm start does). */
function invokeEach(endpoint: string, workFolder: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [
        '-r',
        INVOKE_EACH,
        SERVERLESS,
        'invoke',
        'local',
        '-f',
        'forwarder',
        '-p',
        FILES[0] ?? '',
        `--param=deliveryStreamName=${STREAM}`,
      ],
      {
        env: {
          ...process.env,
          AWS_ENDPOINT_URL_FIREHOSE: endpoint,
          CWLF_REPLAY_FILES: JSON.stringify(FILES),
          ESBUILD_WORK_FOLDER: workFolder,
        },
        timeout: 180_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        done({ code: error === null ? 0 : Number(error.code ?? 1), output: stdout + stderr });
      },
    );
  });
}

const skip = MOTO_SKIP_REASON;

describe.skipIf(skip !== undefined)(
  `local Firehose vs moto's Firehose → S3${skip === undefined ? '' : ` (skipped: ${skip})`}`,
  () => {
    let moto: MotoServer;
    let local: LocalFirehose;
    let s3: S3Client;

    beforeAll(async () => {
      moto = await startMotoServer();
      const aws = { endpoint: moto.endpoint, region: 'us-east-1' };
      s3 = new S3Client({ ...aws, forcePathStyle: true });
      await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
      await new FirehoseClient(aws).send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: STREAM,
          DeliveryStreamType: 'DirectPut',
          ExtendedS3DestinationConfiguration: {
            BucketARN: `arn:aws:s3:::${BUCKET}`,
            RoleARN: 'arn:aws:iam::123456789012:role/firehose-delivery',
          },
        }),
      );
      local = await startLocalFirehose({
        streams: [STREAM],
        dir: mkdtempSync(join(tmpdir(), 'cwlf-conformance-')),
      });
    }, 120_000);

    afterAll(async () => {
      await local.close();
      await moto.stop();
    });

    it('delivers the same objects, byte for byte, for the same events through serverless invoke local', async () => {
      const intoMoto = await invokeEach(moto.endpoint, '.esbuild-conformance-moto');
      expect(intoMoto.code, intoMoto.output).toBe(0);
      const intoLocal = await invokeEach(local.url, '.esbuild-conformance-local');
      expect(intoLocal.code, intoLocal.output).toBe(0);

      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      const keys = (listed.Contents ?? []).map((object) => object.Key ?? '');
      const motoObjects = await Promise.all(
        keys.map(async (key) => {
          const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
          return Buffer.from((await object.Body?.transformToByteArray()) ?? []);
        }),
      );
      const localFiles = local.files(STREAM);
      const localObjects = localFiles.map((file) => readFileSync(file));

      expect(keys).toHaveLength(FILES.length);
      expect(localObjects).toHaveLength(FILES.length);
      const sorted = (objects: Buffer[]) => objects.map((object) => object.toString('base64')).sort();
      expect(sorted(localObjects)).toEqual(sorted(motoObjects));
      // Both name their objects as Firehose does: <stream>-<version>-YYYY-MM-DD-HH-MM-SS-<uuid>.
      const shape = /^conformance-stream-1-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d-[0-9a-f-]{36}$/;
      for (const name of [...keys, ...localFiles].map((key) => basename(key))) expect(name).toMatch(shape);
      // Not vacuous: every object holds NDJSON records of the forwarder.
      const lines = motoObjects.flatMap((object) => object.toString('utf8').trim().split('\n'));
      expect(lines.length).toBeGreaterThan(FILES.length);
      for (const line of lines) expect(Object.keys(JSON.parse(line) as object)).toContain('levelname');
    }, 400_000);
  },
);
