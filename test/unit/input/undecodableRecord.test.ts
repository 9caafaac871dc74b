import type { KinesisStreamRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { undecodableKey, undecodableObject } from '../../../src/deliver/saveUndecodableRecord.js';
import { ConfigError } from '../../../src/errors.js';
import { kinesisRecords } from '../../../src/input/kinesisEvent.js';
import { readFailedPayloadsBucket } from '../../../src/input/undecodableSaver.js';

const record = {
  eventSource: 'aws:kinesis',
  eventID: 'shardId-000000000003:49590338271490256608559692538361571095921575989136588898',
  eventSourceARN: 'arn:aws:kinesis:eu-west-1:123456789012:stream/central-logs',
  kinesis: {
    sequenceNumber: '49590338271490256608559692538361571095921575989136588898',
    partitionKey: 'a5b9c1',
    data: Buffer.from('not a payload').toString('base64'),
    // 2026-11-23T23:59:59.5Z
    approximateArrivalTimestamp: 1795478399.5,
  },
};

describe('undecodable Kinesis records', () => {
  it('are keyed by stream, arrival day, shard and sequence number, the same on every retry', () => {
    const [input] = kinesisRecords({ Records: [record] });
    if (input === undefined) throw new Error('no record');
    expect(undecodableKey(input)).toBe(
      'kinesis-undecodable/central-logs/2026/11/23/shardId-000000000003-49590338271490256608559692538361571095921575989136588898.json',
    );
  });

  it('still get a key when the record lacks its ARN, id and arrival time', () => {
    const bare = { eventSource: 'aws:kinesis', kinesis: { sequenceNumber: '7', data: '' } };
    const [input] = kinesisRecords({ Records: [bare] });
    if (input === undefined) throw new Error('no record');
    expect(undecodableKey(input)).toBe('kinesis-undecodable/unknown-stream/1970/01/01/unknown-shard-7.json');
  });

  it('are written whole, with their metadata and why', () => {
    const [input] = kinesisRecords({ Records: [record] });
    if (input === undefined) throw new Error('no record');
    expect(undecodableObject({ input, reason: 'DecodeError: not gzip' })).toEqual({
      kind: 'kinesis-undecodable',
      reason: 'DecodeError: not gzip',
      sequenceNumber: record.kinesis.sequenceNumber,
      eventID: record.eventID,
      eventSourceARN: record.eventSourceARN,
      partitionKey: 'a5b9c1',
      approximateArrivalTimestamp: 1795478399.5,
      record: record as unknown as KinesisStreamRecord,
    });
  });

  it('refuse a whole event whose record has no sequence number: it could be neither acknowledged nor reported', () => {
    expect(() => kinesisRecords({ Records: [record, { eventSource: 'aws:kinesis', kinesis: {} }] })).toThrow(
      /Records\[1\] of the Kinesis event has no kinesis.sequenceNumber/,
    );
  });
});

describe('readFailedPayloadsBucket', () => {
  it('is unset when FAILED_PAYLOADS_BUCKET is empty (invoke local), a ConfigError naming it when not a bucket name', () => {
    expect(readFailedPayloadsBucket({ FAILED_PAYLOADS_BUCKET: '' })).toBeUndefined();
    expect(readFailedPayloadsBucket({ FAILED_PAYLOADS_BUCKET: ' cwl-failed-payloads ' })).toBe(
      'cwl-failed-payloads',
    );
    expect(() => readFailedPayloadsBucket({ FAILED_PAYLOADS_BUCKET: 'Not_A_Bucket' })).toThrow(ConfigError);
    expect(() => readFailedPayloadsBucket({ FAILED_PAYLOADS_BUCKET: 'Not_A_Bucket' })).toThrow(
      /^FAILED_PAYLOADS_BUCKET: /,
    );
  });
});
