import { describe, expect, it } from 'vitest';
import { normalizeEvent, type EventSource } from '../../../../src/normalize/normalizeEvent.js';
import { checkConservation } from '../../../helpers/conservation.js';

/**
 * The .NET runtime's records in Lambda's JSON log format (lambdaJsonDotnet.ts): Amazon.Lambda.
 * RuntimeSupport's `JsonLogMessageFormatter` writes each message-template property as a top-level
 * key after the runtime's own, with `Utf8JsonWriter`, which does not refuse a key written twice.
 */
const source: EventSource = { logGroup: '/aws/lambda/fn', logStream: 's', owner: '1', defaultName: 'fn' };
const RID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';
const HEAD = `{"timestamp":"2023-11-01T10:47:57.081Z","level":"Information","requestId":"${RID}"`;

function normalize(line: string) {
  return normalizeEvent({ id: '1', timestamp: 0, message: `${line}\n` }, source);
}

function missing(line: string): string[] {
  return checkConservation(line, JSON.stringify(normalize(line))).missing;
}

describe('a .NET Lambda JSON record’s template properties', () => {
  it('keeps a `{name}` property as a field: the record is named by the function, not by the property', () => {
    const line = `${HEAD},"message":"Hello Bob","name":"Bob"}`;
    const record = normalize(line);
    expect(record).toMatchObject({ name: 'fn', message: 'Hello Bob', original_fields: { name: 'Bob' } });
    expect(missing(line)).toEqual([]);
  });

  it('keeps a `{logger}` property as a field too', () => {
    const record = normalize(`${HEAD},"message":"Using audit","logger":"audit"}`);
    expect(record).toMatchObject({ name: 'fn', logger: 'audit' });
  });

  it('still names a Python or Java record by its `logger`', () => {
    const line = `{"timestamp":"2023-11-01T10:47:57Z","level":"INFO","message":"ok","logger":"orders","requestId":"${RID}"}`;
    expect(normalize(line).name).toBe('orders');
  });
});

describe('a .NET Lambda JSON record with a property named like a runtime key', () => {
  it('keeps the runtime’s message, the `{message}` property’s value a field', () => {
    const line = `${HEAD},"message":"Got order-created","message":"order-created"}`;
    const record = normalize(line);
    expect(record).toMatchObject({
      message: 'Got order-created',
      original_fields: { message: 'order-created' },
    });
    expect(missing(line)).toEqual([]);
  });

  it('takes the level the program logged at, the `{level}` property kept under `level`', () => {
    const line = `${HEAD.replace('Information', 'Warning')},"message":"Threshold gold reached","level":"gold"}`;
    const record = normalize(line);
    expect(record).toMatchObject({ levelname: 'WARNING', log_format: 'lambda-json', level: 'gold' });
    expect(missing(line)).toEqual([]);
  });

  it('does not take a `{level}` property that is a level name for the record’s level', () => {
    const record = normalize(`${HEAD},"message":"Set to Error","level":"Error"}`);
    expect(record).toMatchObject({ levelname: 'INFO', level: 'Error' });
  });

  it('keeps the Lambda request id, a `{requestId}` property kept under `requestId`', () => {
    const record = normalize(`${HEAD},"message":"For req-9","requestId":"req-9"}`);
    expect(record).toMatchObject({ aws_request_id: RID, requestId: 'req-9' });
  });

  it('keeps a `{traceId}` property under its key and the runtime’s as `runtime_traceId`', () => {
    const line = `${HEAD},"traceId":"Root=1-abc","message":"Trace Root=2","traceId":"Root=2"}`;
    expect(normalize(line)).toMatchObject({ traceId: 'Root=2', runtime_traceId: 'Root=1-abc' });
    expect(missing(line)).toEqual([]);
  });

  it('keeps the exception’s errorType for exc_info and an `{errorType}` property beside it', () => {
    const line =
      `${HEAD.replace('Information', 'Error')},"message":"Failed ValidationError","errorType":"ValidationError",` +
      `"errorType":"System.InvalidOperationException","errorMessage":"boom","stackTrace":` +
      `["System.InvalidOperationException: boom","at App.Function.Handler() in /src/Function.cs:line 12"]}`;
    const record = normalize(line);
    expect(record.exc_info).toBe(
      'System.InvalidOperationException: boom\n   at App.Function.Handler() in /src/Function.cs:line 12',
    );
    expect(record).toMatchObject({ errorType: 'ValidationError' });
    expect(missing(line)).toEqual([]);
  });

  it('reads a line whose second `message` key is nested (a `{@Order}` property) as it is', () => {
    const line = `${HEAD},"message":"Order 1","order":{"id":1,"message":"nested"}}`;
    expect(normalize(line)).toMatchObject({ message: 'Order 1', order: { id: 1, message: 'nested' } });
  });

  it('reads a `{service}` property outside an invocation as the runtime’s record, not Powertools’', () => {
    const line = `{"timestamp":"2023-11-01T10:47:57.081Z","level":"Information","message":"Calling payments","service":"payments"}`;
    expect(normalize(line)).toMatchObject({ name: 'fn', log_format: 'lambda-json', service: 'payments' });
    const powertools = `{"timestamp":"2021-12-13T20:32:21.0000000Z","level":"Warning","service":"payment","name":"Payments.Startup","message":"x"}`;
    expect(normalize(powertools)).toMatchObject({
      name: 'Payments.Startup',
      log_format: 'powertools-dotnet',
    });
  });
});
