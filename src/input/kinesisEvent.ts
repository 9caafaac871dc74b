import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { DecodeError } from '../errors.js';
import { isObject } from '../json.js';

/**
 * Wire model of the event a Kinesis event source mapping invokes the forwarder with: a batch of
 * records of one shard, each record's `kinesis.data` the base64 of the bytes a producer put. When
 * the producer is a CloudWatch Logs subscription filter (or account policy, or destination), those
 * bytes are one gzipped subscription payload.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#DestinationKinesisExample
 */
export type { KinesisStreamEvent, KinesisStreamRecord };

/** `eventSource` of every record Lambda reads from a Kinesis data stream. */
export const KINESIS_EVENT_SOURCE = 'aws:kinesis';

/**
 * True for an event from a Kinesis event source mapping (a `Records` array whose first record is
 * `aws:kinesis`). Anything else goes to the subscription input, which names what it got instead.
 */
export function isKinesisEvent(event: unknown): event is { Records: unknown[] } {
  if (!isObject(event) || !Array.isArray(event.Records)) return false;
  const first: unknown = event.Records[0];
  return isObject(first) && first.eventSource === KINESIS_EVENT_SOURCE;
}

/** One record of the batch, with what the forwarder needs of it. */
export interface KinesisInputRecord {
  /** Position in the batch. */
  readonly index: number;
  /** The record's sequence number: what `batchItemFailures` names. */
  readonly sequenceNumber: string;
  /** The record as Lambda delivered it, kept whole for the failure bucket. */
  readonly record: KinesisStreamRecord;
  /** `kinesis.data` when it is a string; `undefined` when the record has none (undecodable). */
  readonly data: string | undefined;
}

function field(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

/**
 * The records of a Kinesis event, in batch order. A record without a sequence number cannot be
 * acknowledged or reported, so it refuses the whole event (Lambda never sends one); a record
 * without `kinesis.data` is kept, marked, and handled as undecodable.
 */
export function kinesisRecords(event: { Records: unknown[] }): KinesisInputRecord[] {
  return event.Records.map((record, index) => {
    const kinesis = field(record, 'kinesis');
    const sequenceNumber = field(kinesis, 'sequenceNumber');
    if (typeof sequenceNumber !== 'string' || sequenceNumber.length === 0) {
      throw new DecodeError(
        'event',
        `Records[${index}] of the Kinesis event has no kinesis.sequenceNumber; cannot acknowledge it`,
      );
    }
    const data = field(kinesis, 'data');
    return {
      index,
      sequenceNumber,
      record: record as KinesisStreamRecord,
      data: typeof data === 'string' ? data : undefined,
    };
  });
}
