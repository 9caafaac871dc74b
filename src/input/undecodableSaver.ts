import { ConfigError } from '../errors.js';
import type { S3Sender, UndecodableRecord } from '../deliver/saveUndecodableRecord.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * S3 bucket names: 3-63 characters of lowercase letters, digits, dots and hyphens, starting and
 * ending with a letter or digit.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * The failure bucket of the stack (`FAILED_PAYLOADS_BUCKET`), read at cold start: `undefined`
 * when unset (the subscription input needs none; the Kinesis input then reports undecodable
 * records as failures, so they stay in the stream), a {@link ConfigError} when it is not a
 * bucket name.
 */
export function readFailedPayloadsBucket(env: Env = process.env): string | undefined {
  const raw = env.FAILED_PAYLOADS_BUCKET;
  if (raw === undefined || raw.trim() === '') return undefined;
  const bucket = raw.trim();
  if (!BUCKET_NAME.test(bucket)) {
    throw new ConfigError('FAILED_PAYLOADS_BUCKET', 'an S3 bucket name (3-63 of a-z 0-9 . -)', raw);
  }
  return bucket;
}

/** Makes the S3 client of the failure bucket, when it is first needed. */
export type S3ClientFactory = () => S3Sender;

/**
 * `saveUndecodable` for the Kinesis input: writes to `bucket` through an S3 client made on first
 * use. The S3 module is imported then too, not at cold start: only an undecodable record pays
 * for it, so the subscription path's import time is the same as before the Kinesis input
 * (bench/README.md, cold start).
 */
export function undecodableSaver(
  bucket: string | undefined,
  makeClient?: S3ClientFactory,
): (record: UndecodableRecord, abortSignal: AbortSignal) => Promise<string> {
  let client: S3Sender | undefined;
  return async (record, abortSignal) => {
    if (bucket === undefined) {
      throw new ConfigError(
        'FAILED_PAYLOADS_BUCKET',
        'the failure bucket, to save an undecodable record',
        undefined,
      );
    }
    const s3 = await import('../deliver/saveUndecodableRecord.js');
    client ??= makeClient?.() ?? s3.createS3Client();
    const key = await s3.saveUndecodableRecord(client, bucket, record, abortSignal);
    return `s3://${bucket}/${key}`;
  };
}
