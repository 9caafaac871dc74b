import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePayload } from '../../../src/decode/decodePayload.js';
import { isLogEvent, type DataMessage } from '../../../src/decode/subscriptionPayload.js';
import { DecodeError } from '../../../src/errors.js';
import { encodePayload } from '../../../tools/subscription-event/encodeSubscriptionEvent.js';

const options = { maxPayloadBytes: 1024 * 1024 };

// The example payload of the CloudWatch Logs documentation (SubscriptionFilters.html,
// "Example 2: Subscription filters with AWS Lambda"), decoded.
const documented = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: 'CloudTrail/logs',
  logStream: '123456789012_CloudTrail_us-east-1',
  subscriptionFilters: ['Destination'],
  logEvents: [
    {
      id: '31953106606966983378809025079804211143289615424298221568',
      timestamp: 1432826855000,
      message: '{"eventVersion":"1.03"}',
    },
    {
      id: '31953106606966983378809025079804211143289615424298221569',
      timestamp: 1432826855000,
      message: '{"eventVersion":"1.03"}',
    },
  ],
};

function event(data: string): unknown {
  return { awslogs: { data } };
}

function decodeError(input: unknown): DecodeError {
  try {
    decodePayload(input, options);
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return error as DecodeError;
  }
  throw new Error('decodePayload accepted the input');
}

describe('decodePayload', () => {
  it('decodes the documented subscription payload with every event in order', () => {
    const payload = decodePayload(encodePayload(documented), options) as DataMessage;
    expect(payload.messageType).toBe('DATA_MESSAGE');
    expect(payload.logGroup).toBe('CloudTrail/logs');
    expect(payload.logStream).toBe('123456789012_CloudTrail_us-east-1');
    expect(payload.owner).toBe('123456789012');
    expect(payload.subscriptionFilters).toEqual(['Destination']);
    expect(payload.logEvents.map((e) => (isLogEvent(e) ? e.id : undefined))).toEqual([
      '31953106606966983378809025079804211143289615424298221568',
      '31953106606966983378809025079804211143289615424298221569',
    ]);
  });

  it('acknowledges a control message without events', () => {
    const control = {
      messageType: 'CONTROL_MESSAGE',
      owner: 'CloudwatchLogs',
      logGroup: '',
      logStream: '',
      subscriptionFilters: [],
      logEvents: [
        {
          id: '',
          timestamp: 1432826855000,
          message: 'CWL CONTROL MESSAGE: Checking health of destination Firehose.',
        },
      ],
    };
    expect(decodePayload(encodePayload(control), options)).toEqual({ messageType: 'CONTROL_MESSAGE' });
  });

  it('refuses an event without awslogs.data, saying what it got', () => {
    expect(decodeError({ Records: [] }).message).toMatch(/\(event\).*awslogs/);
    expect(decodeError(null).stage).toBe('event');
    expect(decodeError({ awslogs: { data: 42 } }).message).toMatch(
      /awslogs\.data must be a non-empty base64 string, got a number/,
    );
  });

  it('refuses data that is not base64, naming the offending character', () => {
    const error = decodeError(event('H4sI!!!!'));
    expect(error.stage).toBe('base64');
    expect(error.message).toContain('"!" at offset 4');
  });

  it('refuses base64 with padding before its end, saying where', () => {
    const error = decodeError(event('H4sI=AAAAAAA'));
    expect(error.stage).toBe('base64');
    expect(error.message).toContain('padding "=" before its end, at offset 4');
  });

  it('refuses base64 that is not gzip', () => {
    const error = decodeError(event(Buffer.from(JSON.stringify(documented)).toString('base64')));
    expect(error.stage).toBe('gzip');
    expect(error.message).toMatch(/not gzip/);
  });

  it('refuses truncated gzip data', () => {
    const gz = gzipSync(JSON.stringify(documented));
    const error = decodeError(event(gz.subarray(0, gz.length - 12).toString('base64')));
    expect(error.stage).toBe('gzip');
    expect(error.message).toMatch(/corrupt or truncated/);
  });

  it('refuses a gzip bomb beyond the configured decompressed size', () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    const error = decodeError(event(bomb.toString('base64')));
    expect(error.stage).toBe('gzip');
    expect(error.message).toContain(`more than ${options.maxPayloadBytes} bytes`);
  });

  it('refuses gzip of something that is not JSON', () => {
    const error = decodeError(event(gzipSync('not json at all').toString('base64')));
    expect(error.stage).toBe('json');
  });

  it('refuses JSON of the wrong shape, naming the field', () => {
    expect(decodeError(encodePayload([1, 2])).message).toMatch(/expected a JSON object, got an array/);
    expect(decodeError(encodePayload({ ...documented, messageType: 'OTHER' })).message).toMatch(
      /"messageType"/,
    );
    expect(decodeError(encodePayload({ ...documented, logGroup: 7 })).message).toMatch(
      /"logGroup" must be a string/,
    );
    expect(decodeError(encodePayload({ ...documented, logEvents: {} })).message).toMatch(
      /"logEvents".*must be an array/,
    );
  });

  it('keeps the well-formed neighbours of a malformed event, and marks the malformed one', () => {
    const payload = decodePayload(
      encodePayload({
        ...documented,
        logEvents: [
          documented.logEvents[0],
          { id: 'x', timestamp: 'yesterday', message: 'kept anyway' },
          documented.logEvents[1],
        ],
      }),
      options,
    ) as DataMessage;
    expect(payload.logEvents).toHaveLength(3);
    const [first, bad, last] = payload.logEvents;
    expect(first !== undefined && isLogEvent(first)).toBe(true);
    expect(last !== undefined && isLogEvent(last)).toBe(true);
    expect(bad !== undefined && !isLogEvent(bad) && bad.reason).toMatch(/logEvents\[1\] "timestamp"/);
    expect(bad !== undefined && !isLogEvent(bad) && bad.raw).toContain('kept anyway');
  });
});

// A payload's own structure nested deeper than the runtime's stack (found by fuzzing: 73 of
// 10,000 payloads died with a bare RangeError). JSON text built by hand: JSON.stringify itself
// cannot write such values.
describe('decodePayload on payloads nested deeply', () => {
  const DEPTH = 20_000;
  const deepArray = `${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}`;
  const deepObject = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
  const good = (i: number) => `{"id":"id-${i}","timestamp":1432826855000,"message":"line ${i}"}`;
  const payloadText = (logEvents: string, messageType = '"DATA_MESSAGE"') =>
    `{"messageType":${messageType},"owner":"123456789012","logGroup":"/aws/lambda/checkout",` +
    `"logStream":"s","subscriptionFilters":["f"],"logEvents":[${logEvents}]}`;
  const eventOf = (text: string) => event(gzipSync(text).toString('base64'));
  const decoded = (text: string) => decodePayload(eventOf(text), options) as DataMessage;

  it('forwards a deep array entry of logEvents as a malformed event, text whole, neighbours kept', () => {
    const payload = decoded(payloadText(`${good(0)},${deepArray},${good(2)}`));
    expect(payload.logEvents).toHaveLength(3);
    const [first, bad, last] = payload.logEvents;
    expect(first !== undefined && isLogEvent(first) && first.message).toBe('line 0');
    expect(last !== undefined && isLogEvent(last) && last.message).toBe('line 2');
    expect(bad !== undefined && !isLogEvent(bad) && bad.reason).toBe(
      'logEvents[1] is an array, not an object',
    );
    expect(bad !== undefined && !isLogEvent(bad) && bad.raw).toBe(deepArray);
  });

  it('forwards an entry whose id or an extra field is deep, with the whole entry as its text', () => {
    const deepId = `{"id":${deepArray},"timestamp":1432826855000,"message":"who am I"}`;
    const deepExtra = `{"timestamp":1432826855000,"message":"no id","extra":${deepObject}}`;
    const payload = decoded(payloadText(`${deepId},${deepExtra},${good(2)}`));
    expect(payload.logEvents).toHaveLength(3);
    const [first, second] = payload.logEvents;
    expect(first !== undefined && !isLogEvent(first) && first.reason).toBe('logEvents[0] "id" is an array');
    expect(first !== undefined && !isLogEvent(first) && first.raw).toBe(deepId);
    expect(second !== undefined && !isLogEvent(second) && second.raw).toBe(deepExtra);
  });

  it('refuses a deep messageType with a DecodeError naming the stage and the field', () => {
    const error = decodeError(eventOf(payloadText(good(0), deepArray)));
    expect(error.stage).toBe('shape');
    expect(error.message).toContain('"messageType" must be DATA_MESSAGE or CONTROL_MESSAGE, got an array');
  });

  it('refuses a deep logGroup or logEvents with a DecodeError, never a RangeError', () => {
    const deepGroup = payloadText(good(0)).replace('"/aws/lambda/checkout"', deepObject);
    expect(decodeError(eventOf(deepGroup)).message).toContain('"logGroup" must be a string, got an object');
    const deepEvents = `{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s","logEvents":${deepObject}}`;
    expect(decodeError(eventOf(deepEvents)).message).toContain('"logEvents" of g must be an array');
  });
});
