import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { decodePayload } from '../../src/decode/decodePayload.js';
import { encodePayloadRecords } from '../../src/forwardLogs.js';

const config = readConfig({ DELIVERY_STREAM_NAME: 'logging-test' });

/** The delivered records of `messages` (and raw `logEvents` entries) from `logStream`, parsed back. */
function delivered(logStream: string, entries: readonly unknown[]): Record<string, unknown>[] {
  const text = JSON.stringify({
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: '/aws/lambda/orders',
    logStream,
    subscriptionFilters: ['all'],
    logEvents: entries.map((entry, i) =>
      typeof entry === 'string'
        ? { id: `3${String(i).padStart(55, '0')}`, timestamp: 1_700_000_000_000 + i, message: entry }
        : entry,
    ),
  });
  const payload = decodePayload({ awslogs: { data: gzipSync(text).toString('base64') } }, config);
  if (payload.messageType !== 'DATA_MESSAGE') throw new Error('a control message');
  return encodePayloadRecords(payload, config).encoded.map(
    (line) => JSON.parse(line.data.toString('utf8')) as Record<string, unknown>,
  );
}

const LAMBDA_STREAM = '2023/11/01/[$LATEST]0123456789abcdef0123456789abcdef';
const ID = '6f1f1f3c-58f4-4d0e-9b65-2b5e4f0b8a11';
const LINES = [
  `2023-11-01T10:47:57.100Z\t${ID}\tINFO\tcharged order 42\n`,
  '{"timestamp":"2023-11-01T10:47:57.100Z","level":"INFO","requestId":"r-1","message":"ok"}\n',
  '{"timestamp":"2023-11-01T10:47:57.100Z","level":"INFO","requestId":"r-1","message":"ok","orderId":"A-1"}\n',
  `REPORT RequestId: ${ID}\tDuration: 1.50 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`,
];

describe('function_version in the delivered records', () => {
  it('comes after the line’s own fields, last, with or without fields', () => {
    const [text, plainJson, withField, report] = delivered(LAMBDA_STREAM, LINES).map((record) =>
      Object.keys(record),
    );
    expect(text).toEqual([
      'asctime',
      'name',
      'levelname',
      'message',
      '@timestamp',
      'aws_request_id',
      'cloudwatch',
      'log_format',
      'function_version',
    ]);
    expect(plainJson).toEqual(text);
    expect(withField).toEqual([...(text ?? []).slice(0, -1), 'orderId', 'function_version']);
    expect(report?.slice(-2)).toEqual(['lambda', 'function_version']);
    expect(delivered(LAMBDA_STREAM, LINES).every((record) => record.function_version === '$LATEST')).toBe(
      true,
    );
  });

  it('is left out for a stream that is not a Lambda function’s', () => {
    for (const record of delivered('i-0abc/application', LINES)) {
      expect(Object.keys(record)).not.toContain('function_version');
    }
  });

  it('comes after forwarder_error on a malformed event’s record', () => {
    const [malformed] = delivered(LAMBDA_STREAM, [{ id: 'e-1', timestamp: 1_700_000_000_000, message: 42 }]);
    expect(Object.keys(malformed ?? {}).slice(-2)).toEqual(['forwarder_error', 'function_version']);
  });
});
