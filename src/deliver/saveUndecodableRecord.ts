import { PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { KinesisInputRecord } from '../input/kinesisEvent.js';

/**
 * Writes a Kinesis record the forwarder could not decode to the failure bucket
 * (`FailedPayloadsBucket`, env `FAILED_PAYLOADS_BUCKET`), whole, with why it was refused, so
 * it can be looked at and replayed while its shard moves on.
 *
 * Loaded only by the Kinesis input, and only when a record is undecodable (see
 * functions/forwarder.ts): the subscription path's cold start never pays for the S3 client.
 */

/** The one client method the writer uses; tests pass the real client. */
export type S3Sender = Pick<S3Client, 'send'>;

/** Key prefix of undecodable Kinesis records in the failure bucket. */
export const UNDECODABLE_KEY_PREFIX = 'kinesis-undecodable/';

/** What is written for one undecodable record. */
export interface UndecodableRecord {
  readonly input: KinesisInputRecord;
  /** What was wrong with it (the decode error's message). */
  readonly reason: string;
}

/** The object written for an undecodable record: its metadata, its data, and the reason. */
export interface UndecodableObject {
  readonly kind: 'kinesis-undecodable';
  readonly reason: string;
  readonly sequenceNumber: string;
  readonly eventID: unknown;
  readonly eventSourceARN: unknown;
  readonly partitionKey: unknown;
  readonly approximateArrivalTimestamp: unknown;
  /** The record as Lambda delivered it; `kinesis.data` is the base64 of the bytes put. */
  readonly record: unknown;
}

function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/**
 * `kinesis-undecodable/<stream>/<yyyy>/<mm>/<dd>/<shard>-<sequence number>.json`, dated by the
 * record's arrival in the stream: the same record gives the same key on every retry, so a retried
 * batch overwrites rather than duplicates.
 */
export function undecodableKey(input: KinesisInputRecord): string {
  const { record } = input;
  const stream = typeof record.eventSourceARN === 'string' ? (record.eventSourceARN.split('/')[1] ?? '') : '';
  const shard = typeof record.eventID === 'string' ? (record.eventID.split(':')[0] ?? '') : '';
  // Seconds since the epoch, with a fraction; the record is not trusted to have it.
  const seconds: unknown = record.kinesis.approximateArrivalTimestamp;
  const day = new Date(typeof seconds === 'number' ? seconds * 1000 : Number.NaN);
  const date = Number.isNaN(day.getTime())
    ? '1970/01/01'
    : day.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${UNDECODABLE_KEY_PREFIX}${safe(stream || 'unknown-stream')}/${date}/${safe(shard || 'unknown-shard')}-${safe(input.sequenceNumber)}.json`;
}

/** The JSON written for an undecodable record. */
export function undecodableObject({ input, reason }: UndecodableRecord): UndecodableObject {
  const { record } = input;
  return {
    kind: 'kinesis-undecodable',
    reason,
    sequenceNumber: input.sequenceNumber,
    eventID: record.eventID,
    eventSourceARN: record.eventSourceARN,
    partitionKey: record.kinesis.partitionKey,
    approximateArrivalTimestamp: record.kinesis.approximateArrivalTimestamp,
    record,
  };
}

/** Writes one undecodable record to `bucket`; rejects with the S3 error when it could not. */
export async function saveUndecodableRecord(
  client: S3Sender,
  bucket: string,
  undecodable: UndecodableRecord,
  abortSignal?: AbortSignal,
): Promise<string> {
  const key = undecodableKey(undecodable.input);
  await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: JSON.stringify(undecodableObject(undecodable)),
      ContentType: 'application/json',
    }),
    { abortSignal },
  );
  return key;
}

/** The S3 client of the failure bucket; `AWS_ENDPOINT_URL_S3` is honoured by the SDK itself. */
export function createS3Client(config: S3ClientConfig = {}): S3Client {
  return new S3Client(config);
}
