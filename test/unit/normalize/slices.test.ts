import { describe, expect, it } from 'vitest';
import type { DataMessage } from '../../../src/decode/subscriptionPayload.js';
import { forEachRecord, normalizePayload } from '../../../src/normalize/normalizePayload.js';
import type { ForwarderRecord } from '../../../src/normalize/record.js';

/**
 * The subscription input normalizes a payload a slice of events at a time, delivering the first
 * batches in between (forwardLogs.ts): the records of the slices, put together, must be those of
 * the whole payload, malformed entries included.
 */

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);

const payload: DataMessage = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: '/aws/lambda/checkout',
  logStream: '2026/11/23/[$LATEST]5d4c3b2a19f8e7d6c5b4a39281706f5e',
  subscriptionFilters: ['forwarder'],
  logEvents: [
    {
      id: 'e0',
      timestamp: T0,
      message: 'START RequestId: 8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01 Version: $LATEST\n',
    },
    {
      id: 'e1',
      timestamp: T0 + 1,
      message: '{"level":"ERROR","message":"card declined","service":"pay","cold_start":true}',
    },
    // A malformed entry at the start of the second slice: its time is the last good event's.
    {
      index: 2,
      reason: 'logEvents[2].timestamp is not a number',
      raw: '{"id":"e2"}',
      id: 'e2',
      timestamp: undefined,
    },
    { id: 'e3', timestamp: T0 + 3, message: 'plain text line' },
    { id: 'e4', timestamp: T0 + 4, message: 'END RequestId: 8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01\n' },
  ],
};

function sliced(size: number): ForwarderRecord[] {
  const records: ForwarderRecord[] = [];
  for (let from = 0; from < payload.logEvents.length; from += size) {
    forEachRecord(payload, {}, (record) => records.push(record), from, from + size);
  }
  return records;
}

describe('forEachRecord over slices of a payload', () => {
  it('gives the records of the whole payload, for every slice size', () => {
    const whole = normalizePayload(payload);
    expect(whole.map((r) => r.cloudwatch.id)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    for (let size = 1; size <= payload.logEvents.length; size++) expect(sliced(size)).toEqual(whole);
  });

  it('dates a malformed entry without a timestamp by the last good event before it, across slices', () => {
    const [malformed] = sliced(2).filter((r) => r.cloudwatch.id === 'e2');
    expect(malformed).toMatchObject({ forwarder_error: 'logEvents[2].timestamp is not a number' });
    expect(malformed?.['@timestamp']).toBe(new Date(T0 + 1).toISOString());
  });

  it('takes a payload whole when multi-line rejoin is on, and refuses a slice', () => {
    const records: ForwarderRecord[] = [];
    forEachRecord(payload, { rejoinMultiline: true }, (record) => records.push(record), 0, 5);
    expect(records.map((r) => r.cloudwatch.id)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(() => {
      forEachRecord(payload, { rejoinMultiline: true }, () => undefined, 2, 4);
    }).toThrow(RangeError);
  });
});
