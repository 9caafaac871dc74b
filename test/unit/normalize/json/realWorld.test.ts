import { describe, expect, it } from 'vitest';
import { normalizeEvent, type EventSource } from '../../../../src/normalize/normalizeEvent.js';

/**
 * JSON lines of the real-world corpus (test/fixtures/corpus) that the normalizer once got
 * wrong, pinned one behaviour per test.
 */
const source: EventSource = { logGroup: '/aws/lambda/fn', logStream: 's', owner: '1', defaultName: 'fn' };

function normalize(object: Record<string, unknown>) {
  return normalizeEvent({ id: '1', timestamp: 0, message: `${JSON.stringify(object)}\n` }, source);
}

describe('Lambda JSON platform records (lambdaJson.ts)', () => {
  it('writes platform.initStart as the text format’s INIT_START line, a tab before the ARN', () => {
    const arn = 'arn:aws:lambda:us-east-1::runtime:0c5b0d2c';
    const record = normalize({
      time: '2023-11-01T10:47:57.081Z',
      type: 'platform.initStart',
      record: {
        initializationType: 'on-demand',
        phase: 'init',
        runtimeVersion: 'nodejs:20.v13',
        runtimeVersionArn: arn,
      },
    });
    expect(record.levelname).toBe('INFO');
    expect(record.message).toBe(`INIT_START Runtime Version: nodejs:20.v13\tRuntime Version ARN: ${arn}`);
  });
});

describe('logger names (SPEC §3)', () => {
  it('names a Powertools record by its service', () => {
    const record = normalize({
      level: 'INFO',
      location: 'h:1',
      message: 'm',
      timestamp: 't',
      service: 'payment',
    });
    expect(record.name).toBe('payment');
  });

  it('keeps any other line’s service (winston defaultMeta) as a field, the function naming the record', () => {
    const record = normalize({
      level: 'info',
      message: 'Hello distributed log files!',
      service: 'user-service',
    });
    expect(record.log_format).toBe('winston');
    expect(record.name).toBe('fn');
    expect(record.service).toBe('user-service');
    expect(normalize({ severity: 'WARNING', message: 'm', service: 'svc' }).name).toBe('fn');
  });
});

describe('zerolog records without a message (goJson.ts, jsonLibrary.ts)', () => {
  it('reads log.Error().Err(err).Msg("") as zerolog, the error its message and exc_info', () => {
    const record = normalize({ level: 'error', error: 'seems we have an error here', time: 1609085256 });
    expect(record.log_format).toBe('zerolog');
    expect(record.levelname).toBe('ERROR');
    expect(record.message).toBe('seems we have an error here');
    expect(record.exc_info).toBe('seems we have an error here');
  });

  it('puts a pkgerrors stack after the error text', () => {
    const record = normalize({
      level: 'error',
      stack: [{ func: 'inner', line: '20', source: 'errors.go' }],
      error: 'seems we have an error here',
      time: 1609086683,
    });
    expect(record.message).toBe('seems we have an error here');
    expect(record.exc_info).toBe('seems we have an error here\ninner\n\terrors.go:20');
  });
});

describe('JSON lines with no message (genericJson.ts)', () => {
  it('forwards the line as it was written as the message, its fields kept beside it', () => {
    const line = '{"statusCode": 200, "body": "{\\"ok\\": true}"}';
    const record = normalizeEvent({ id: '1', timestamp: 0, message: `${line}\n` }, source);
    expect(record.log_format).toBe('json');
    expect(record.message).toBe(line);
    expect(record.statusCode).toBe(200);
  });
});

describe('Powertools TypeScript without Lambda context (powertools.ts)', () => {
  it('takes level, message, service and timestamp with no request id for Powertools: service names it', () => {
    const record = normalize({ level: 'WARN', message: 'Cache disabled', service: 'orders', timestamp: 't' });
    expect(record.log_format).toBe('powertools');
    expect(record.levelname).toBe('WARNING');
    expect(record.name).toBe('orders');
  });

  it('leaves a winston line with service and timestamp (lower-case level) to winston', () => {
    expect(normalize({ level: 'info', message: 'm', service: 's', timestamp: 't' }).log_format).toBe(
      'winston',
    );
  });
});
