import { gzipSync } from 'node:zlib';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';

/**
 * Builds the events a Kinesis event source mapping invokes the forwarder with when CloudWatch
 * Logs writes to the stream: each record's data is one gzipped subscription payload, base64'd by
 * Lambda. https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html#services-kinesis-event-example
 */

export interface KinesisEventOptions {
  /** Stream ARN (default `arn:aws:kinesis:us-east-1:123456789012:stream/cwl-forwarder-dev-logs`). */
  readonly streamArn?: string;
  /** Shard of the batch (default `shardId-000000000000`). */
  readonly shardId?: string;
  /** Arrival time of the first record, epoch seconds (default 2020-05-11T12:44:44Z). */
  readonly arrivalSeconds?: number;
}

export const DEFAULT_STREAM_ARN = 'arn:aws:kinesis:us-east-1:123456789012:stream/cwl-forwarder-dev-logs';

/**
 * A Kinesis sequence number of the batch: 56 digits, increasing with `index`, as the service's
 * are (their value has no other meaning to a consumer).
 */
export function sequenceNumber(index: number): string {
  return (
    `49590338271490256608559692538361571095921575989136588898`.slice(0, 40) + String(index).padStart(16, '0')
  );
}

/** One record whose data is `data` (the bytes a producer put); `partitionKey` as CloudWatch Logs sets it. */
export function kinesisRecord(
  data: Buffer,
  index: number,
  options: KinesisEventOptions = {},
): KinesisStreamRecord {
  const streamArn = options.streamArn ?? DEFAULT_STREAM_ARN;
  const shardId = options.shardId ?? 'shardId-000000000000';
  const sequence = sequenceNumber(index);
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: `partition-${index}`,
      sequenceNumber: sequence,
      data: data.toString('base64'),
      approximateArrivalTimestamp:
        (options.arrivalSeconds ?? Date.UTC(2020, 4, 11, 12, 44, 44) / 1000) + index / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shardId}:${sequence}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::123456789012:role/cwl-forwarder-dev-us-east-1-lambdaRole',
    awsRegion: streamArn.split(':')[3] ?? 'us-east-1',
    eventSourceARN: streamArn,
  };
}

/** The Kinesis event whose records hold these payloads, each as CloudWatch Logs writes it (gzip of its JSON). */
export function encodeKinesisEvent(
  payloads: readonly unknown[],
  options: KinesisEventOptions = {},
): KinesisStreamEvent {
  return {
    Records: payloads.map((payload, i) => kinesisRecord(gzipSync(JSON.stringify(payload)), i, options)),
  };
}
