import { describe, expect, it } from 'vitest';
import {
  buildRecord,
  defaultNameOf,
  normalizeEvent,
  normalizeMalformed,
  type EventSource,
} from '../../../src/normalize/normalizeEvent.js';
import { lambdaEventSource } from '../../helpers/eventSource.js';
import { isoTimestamp } from '../../../src/normalize/timestamps.js';

const source: EventSource = lambdaEventSource('orders-api');
const TIME = Date.UTC(2020, 4, 11, 12, 44, 44, 123);

function normalize(line: string, from: EventSource = source) {
  return normalizeEvent({ id: '36' + '0'.repeat(54), timestamp: TIME, message: line }, from);
}

describe('record assembly (normalizeEvent)', () => {
  it('writes the keys in python-json-logger order, provenance next, then the line’s own fields', () => {
    const record = normalize(
      '{"timestamp":"2023-11-01T10:47:57.100Z","level":"ERROR","requestId":"r-1","message":"boom","errorType":"Error","errorMessage":"boom","stackTrace":["Error: boom","    at f (/var/task/a.js:1:1)"],"orderId":"A-1"}',
    );
    expect(Object.keys(record)).toEqual([
      'asctime',
      'name',
      'levelname',
      'message',
      'exc_info',
      '@timestamp',
      'aws_request_id',
      'cloudwatch',
      'log_format',
      'errorType',
      'errorMessage',
      'orderId',
    ]);
  });

  it('keeps that order for lines without a stack, with and without a request id', () => {
    const withId = normalize(
      '{"timestamp":"2023-11-01T10:47:57.100Z","level":"INFO","requestId":"r-1","message":"ok","orderId":"A-1"}',
    );
    expect(Object.keys(withId)).toEqual([
      'asctime',
      'name',
      'levelname',
      'message',
      '@timestamp',
      'aws_request_id',
      'cloudwatch',
      'log_format',
      'orderId',
    ]);
    const withoutId = normalize('{"level":30,"time":1698835677100,"pid":1,"msg":"ok","orderId":"A-1"}');
    expect(Object.keys(withoutId)).toEqual([
      'asctime',
      'name',
      'levelname',
      'message',
      '@timestamp',
      'cloudwatch',
      'log_format',
      'time',
      'pid',
      'orderId',
    ]);
    expect(withoutId).not.toHaveProperty('aws_request_id');
    expect(withoutId).not.toHaveProperty('exc_info');
  });

  it('takes asctime and @timestamp from the CloudWatch event time, in UTC', () => {
    const record = normalize('hello');
    expect(record.asctime).toBe('2020-05-11T12:44:44+0000');
    expect(record['@timestamp']).toBe('2020-05-11T12:44:44.123Z');
  });

  it('keeps the CloudWatch provenance, the event id included', () => {
    expect(normalize('hello').cloudwatch).toEqual({
      logGroup: '/aws/lambda/orders-api',
      logStream: source.logStream,
      owner: '123456789012',
      id: '36' + '0'.repeat(54),
    });
  });

  it('leaves exc_info and aws_request_id out when the line has none', () => {
    const record = normalize('{"level":"info","message":"ok","timestamp":"2023-11-01T10:47:57Z"}');
    expect('exc_info' in record).toBe(false);
    expect('aws_request_id' in record).toBe(false);
  });

  it('keeps a line’s own provenance-like fields under original_fields; the record’s own win', () => {
    const record = normalize(
      '{"msg":"hi","level":"info","time":"2023-11-01T10:47:57Z","cloudwatch":"app","@timestamp":"1999-01-01","log_format":"custom","asctime":"yesterday"}',
    );
    expect(record.cloudwatch).toMatchObject({ logGroup: '/aws/lambda/orders-api' });
    expect(record['@timestamp']).toBe('2020-05-11T12:44:44.123Z');
    expect(record.log_format).toBe('logrus');
    expect(record.asctime).toBe('2020-05-11T12:44:44+0000');
    expect(record.original_fields).toEqual({
      cloudwatch: 'app',
      '@timestamp': '1999-01-01',
      log_format: 'custom',
      asctime: 'yesterday',
    });
  });

  it('keeps a line’s own truncated and original_size under original_fields: only the forwarder marks a cut record', () => {
    const record = normalize('{"level":"info","msg":"upload done","truncated":false,"original_size":4096}');
    expect('truncated' in record).toBe(false);
    expect('original_size' in record).toBe(false);
    expect(record.original_fields).toEqual({ truncated: false, original_size: 4096 });
  });

  it('keeps a line’s own original_fields and message_fields keys, nested under original_fields', () => {
    const record = normalize('{"message":{"a":1},"original_fields":"mine","message_fields":[1]}');
    expect(record.message_fields).toEqual({ a: 1 });
    expect(record.original_fields).toEqual({ original_fields: 'mine', message_fields: [1] });
  });

  it('writes a message that is an object as its compact JSON and keeps the object as message_fields', () => {
    const record = normalize('{"message": {"event": "checkout", "items": [1, 2]}, "level": "INFO"}');
    expect(record.message).toBe('{"event":"checkout","items":[1,2]}');
    expect(record.message_fields).toEqual({ event: 'checkout', items: [1, 2] });
  });

  it('strips terminal colour codes from message and exc_info', () => {
    const record = normalize(
      '{"level":"error","message":"\\u001b[31mfailed\\u001b[39m","stack":"\\u001b[90mError: x\\n    at f (a.js:1:1)\\u001b[39m"}',
    );
    expect(record.message).toBe('failed');
    expect(record.exc_info).toBe('Error: x\n    at f (a.js:1:1)');
  });

  it('strips colour codes from a plain text line too', () => {
    expect(normalize('\u001b[32mINFO\u001b[0m server ready').message).toBe('INFO server ready');
  });

  it.each(['[1,2]', '"just a string"', '42', 'null', 'true'])(
    'forwards JSON that is not an object (%s) as a plain text message',
    (line) => {
      const record = normalize(line);
      expect(record.message).toBe(line);
      expect(record.levelname).toBe('INFO');
    },
  );

  it('forwards broken JSON that starts with { whole, as the message', () => {
    const line = '{"level":"error","msg":"unterminated';
    const record = normalize(line);
    expect(record.message).toBe(line);
    expect(record.log_format).toBe('text');
  });

  it.each(['', '   ', '\t', '\n'])('gives an empty or whitespace-only line (%j) all five fields', (line) => {
    const record = normalize(line);
    expect(record).toMatchObject({ name: 'orders-api', levelname: 'INFO' });
    expect(typeof record.message).toBe('string');
    expect(record.asctime).toBe('2020-05-11T12:44:44+0000');
  });

  it('keeps unicode as it came', () => {
    const record = normalize(
      '{"level":"info","message":"注文 ✓ 🚀 Ünïcödé","timestamp":"2023-11-01T10:47:57Z"}',
    );
    expect(record.message).toBe('注文 ✓ 🚀 Ünïcödé');
  });

  it('keeps a message of hundreds of KB whole', () => {
    const long = 'x'.repeat(400_000);
    expect(normalize(JSON.stringify({ level: 'info', message: long, timestamp: 't' })).message).toBe(long);
  });

  it('forwards a JSON line nested too deep to re-encode as text, whole', () => {
    const line = `{"level":"info","msg":"x","time":"t","data":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const record = normalize(line);
    expect(record.message).toBe(line);
    expect(() => JSON.stringify(record)).not.toThrow();
  });

  it('names the record after the line’s logger, else the function, else the log group', () => {
    expect(normalize('{"level":"info","message":"m","timestamp":"t","logger":"svc"}').name).toBe('svc');
    // SPEC §3 names a line by `service` only in Powertools records.
    expect(normalize('{"level":"info","message":"m","timestamp":"t","service":"svc"}').name).toBe(
      'orders-api',
    );
    expect(normalize('plain').name).toBe('orders-api');
    const other = { ...source, logGroup: 'web-app-logs', defaultName: defaultNameOf('web-app-logs') };
    expect(normalize('plain', other).name).toBe('web-app-logs');
  });

  it('keeps a python-json-logger record’s own asctime', () => {
    const record = normalize(
      '{"asctime": "2020-05-11 12:44:44,123", "name": "root", "levelname": "INFO", "message": "m"}',
    );
    expect(record.asctime).toBe('2020-05-11 12:44:44,123');
  });

  it('never throws on an impossible timestamp', () => {
    const record = normalizeEvent({ id: '1', timestamp: Number.NaN, message: 'x' }, source);
    expect(record.asctime).toBe('1970-01-01T00:00:00+0000');
  });
});

describe('defaultNameOf', () => {
  it('is the function name for a Lambda log group and the group name otherwise', () => {
    expect(defaultNameOf('/aws/lambda/orders-api')).toBe('orders-api');
    expect(defaultNameOf('/aws/lambda/')).toBe('/aws/lambda/');
    expect(defaultNameOf('web-app-logs')).toBe('web-app-logs');
  });
});

describe('normalizeMalformed', () => {
  it('forwards an event without the documented shape as an ERROR record saying what was wrong', () => {
    const record = normalizeMalformed(
      {
        index: 3,
        reason: 'logEvents[3].message is not a string',
        raw: '{"id":"9","message":7}',
        id: '9',
        timestamp: undefined,
      },
      source,
      TIME,
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: '{"id":"9","message":7}',
      forwarder_error: 'logEvents[3].message is not a string',
      log_format: 'malformed-event',
    });
    expect(record.cloudwatch.id).toBe('9');
  });
});

describe('buildRecord', () => {
  it('fills the gaps of a parsed line: INFO, the default name, the event time', () => {
    const record = buildRecord({ message: 'm' }, source, 'id', TIME);
    expect(record).toEqual({
      asctime: '2020-05-11T12:44:44+0000',
      name: 'orders-api',
      levelname: 'INFO',
      message: 'm',
      '@timestamp': '2020-05-11T12:44:44.123Z',
      cloudwatch: { logGroup: source.logGroup, logStream: source.logStream, owner: source.owner, id: 'id' },
    });
  });
});

describe('record timestamps', () => {
  it('writes milliseconds with three digits and asctime without them, across seconds', () => {
    const at = (ms: number) => normalizeEvent({ id: '1', timestamp: ms, message: 'x' }, source);
    const base = Date.UTC(2024, 1, 29, 23, 59, 59);
    expect(at(base + 5)['@timestamp']).toBe('2024-02-29T23:59:59.005Z');
    expect(at(base + 5).asctime).toBe('2024-02-29T23:59:59+0000');
    expect(at(base + 1000)['@timestamp']).toBe('2024-03-01T00:00:00.000Z');
    expect(at(base + 1000).asctime).toBe('2024-03-01T00:00:00+0000');
    expect(at(base + 999)['@timestamp']).toBe('2024-02-29T23:59:59.999Z');
  });

  it('writes every millisecond of a second as Date#toISOString does, before 1970 too', () => {
    for (const second of [Date.UTC(2024, 1, 29, 23, 59, 59), Date.UTC(1969, 11, 31, 23, 59, 58)]) {
      // Descending, then ascending: each ending is right whichever comes first.
      for (let ms = 999; ms >= 0; ms -= 7)
        expect(isoTimestamp(second + ms)).toBe(new Date(second + ms).toISOString());
      for (let ms = 0; ms < 1000; ms++)
        expect(isoTimestamp(second + ms)).toBe(new Date(second + ms).toISOString());
    }
  });
});
