import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  InvalidArgumentException,
  ListDeliveryStreamsCommand,
  PutRecordBatchCommand,
  PutRecordCommand,
  ResourceNotFoundException,
  ServiceUnavailableException,
} from '@aws-sdk/client-firehose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalFirehose, type LocalFirehose } from '../../tools/local-firehose/startLocalFirehose.js';
import type { Faults } from '../../tools/local-firehose/faults.js';

const STREAM = 'logging-test';
const ARRIVAL = new Date('2026-11-23T04:05:06.789Z');

let dir: string;
let firehose: LocalFirehose;

async function start(faults: Faults = {}): Promise<LocalFirehose> {
  firehose = await startLocalFirehose({ streams: [STREAM], dir, faults, now: () => ARRIVAL });
  return firehose;
}

const client = (): FirehoseClient => new FirehoseClient({ endpoint: firehose.url, maxAttempts: 1 });

const lines = (...texts: string[]) => texts.map((text) => ({ Data: Buffer.from(`${text}\n`) }));

function putBatch(records: { Data: Uint8Array }[], stream = STREAM) {
  return client().send(new PutRecordBatchCommand({ DeliveryStreamName: stream, Records: records }));
}

/** The error a call rejects with (the test fails if it resolves). */
async function failure(call: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-firehose-'));
});

afterEach(async () => {
  await firehose.close();
  await rm(dir, { recursive: true, force: true });
});

describe('startLocalFirehose: accepted records', () => {
  it('answers PutRecordBatch with one RecordId per record and FailedPutCount 0', async () => {
    await start();
    const out = await putBatch(lines('a', 'b', 'c'));
    expect(out.FailedPutCount).toBe(0);
    expect(out.Encrypted).toBe(false);
    expect(out.RequestResponses).toHaveLength(3);
    for (const response of out.RequestResponses ?? []) {
      expect(response.RecordId).toMatch(/^\S{20,}$/);
      expect(response.ErrorCode).toBeUndefined();
    }
  });

  it('writes the batch as one NDJSON object at the S3 key Firehose would use', async () => {
    await start();
    await putBatch(lines('{"n":1}', '{"n":2}'));
    const files = firehose.files(STREAM);
    expect(files).toHaveLength(1);
    const [file] = files as [string];
    expect(relative(dir, file)).toMatch(
      /^logging-test\/2026\/11\/23\/04\/logging-test-1-2026-11-23-04-05-06-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n');
  });

  it('keeps the accepted records in memory, in order, with their RecordIds', async () => {
    await start();
    const out = await putBatch(lines('first', 'second'));
    const records = firehose.records(STREAM);
    expect(records.map((r) => r.data.toString())).toEqual(['first\n', 'second\n']);
    expect(records.map((r) => r.recordId)).toEqual(out.RequestResponses?.map((r) => r.RecordId));
    expect(firehose.stats()).toMatchObject({
      calls: 1,
      recordsAccepted: 2,
      recordsFailed: 0,
      bytesAccepted: 13,
    });
  });

  it('is reached through the SDK’s own AWS_ENDPOINT_URL_FIREHOSE', async () => {
    await start();
    const saved = process.env.AWS_ENDPOINT_URL_FIREHOSE;
    process.env.AWS_ENDPOINT_URL_FIREHOSE = firehose.url;
    try {
      const sdk = new FirehoseClient({ maxAttempts: 1 });
      const out = await sdk.send(
        new PutRecordBatchCommand({ DeliveryStreamName: STREAM, Records: lines('x') }),
      );
      expect(out.FailedPutCount).toBe(0);
      expect(firehose.records(STREAM)).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_FIREHOSE;
      else process.env.AWS_ENDPOINT_URL_FIREHOSE = saved;
    }
  });

  it('answers PutRecord with a RecordId and stores the record', async () => {
    await start();
    const out = await client().send(
      new PutRecordCommand({ DeliveryStreamName: STREAM, Record: { Data: Buffer.from('one\n') } }),
    );
    expect(out.RecordId).toMatch(/^\S{20,}$/);
    expect(out.Encrypted).toBe(false);
    expect(firehose.records(STREAM).map((r) => r.data.toString())).toEqual(['one\n']);
  });

  it('accepts any stream name when told to', async () => {
    firehose = await startLocalFirehose({ acceptAnyStream: true });
    const out = await putBatch(lines('x'), 'whatever-stream');
    expect(out.FailedPutCount).toBe(0);
    expect(firehose.records('whatever-stream')).toHaveLength(1);
  });

  it('describes and lists its streams', async () => {
    await start();
    const described = await client().send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: STREAM }));
    expect(described.DeliveryStreamDescription?.DeliveryStreamStatus).toBe('ACTIVE');
    expect(described.DeliveryStreamDescription?.DeliveryStreamARN).toBe(
      'arn:aws:firehose:us-east-1:000000000000:deliverystream/logging-test',
    );
    const listed = await client().send(new ListDeliveryStreamsCommand({}));
    expect(listed.DeliveryStreamNames).toEqual([STREAM]);
  });
});

describe('startLocalFirehose: limits and unknown streams', () => {
  const bytes = (n: number) => ({ Data: Buffer.alloc(n, 0x61) });

  it('refuses more than 500 records with InvalidArgumentException, HTTP 400', async () => {
    await start();
    const error = await failure(putBatch(Array.from({ length: 501 }, () => bytes(1))));
    expect(error).toBeInstanceOf(InvalidArgumentException);
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain("at 'records' failed to satisfy constraint");
    expect(error.message).toContain('less than or equal to 500');
    expect(firehose.records(STREAM)).toHaveLength(0);
  });

  it('accepts exactly 500 records', async () => {
    await start();
    const out = await putBatch(Array.from({ length: 500 }, () => bytes(1)));
    expect(out.FailedPutCount).toBe(0);
  });

  it('refuses a record over 1,000 KiB, naming the record', async () => {
    await start();
    const error = await failure(putBatch([bytes(10), bytes(1_024_001)]));
    expect(error).toBeInstanceOf(InvalidArgumentException);
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toMatch(
      /^1 validation error detected: .*'records\.2\.member\.data'.*less than or equal to 1024000$/,
    );
    expect(firehose.records(STREAM)).toHaveLength(0);
  });

  it('accepts a record of exactly 1,000 KiB', async () => {
    await start();
    const out = await putBatch([bytes(1_024_000)]);
    expect(out.FailedPutCount).toBe(0);
  });

  it('refuses a batch over 4 MiB of data with "Records size exceeds 4 MB limit"', async () => {
    await start();
    const error = await failure(
      putBatch([...Array.from({ length: 4 }, () => bytes(1_024_000)), bytes(98_305)]),
    );
    expect(error).toBeInstanceOf(InvalidArgumentException);
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toBe('Records size exceeds 4 MB limit');
  });

  it('accepts a batch of exactly 4 MiB of data', async () => {
    await start();
    const out = await putBatch([...Array.from({ length: 4 }, () => bytes(1_024_000)), bytes(98_304)]);
    expect(out.FailedPutCount).toBe(0);
    expect(firehose.stats().bytesAccepted).toBe(4 * 1024 * 1024);
  });

  it('refuses a PutRecord over 1,000 KiB', async () => {
    await start();
    const error = await failure(
      client().send(new PutRecordCommand({ DeliveryStreamName: STREAM, Record: bytes(1_024_001) })),
    );
    expect(error).toBeInstanceOf(InvalidArgumentException);
    expect(error.message).toContain("'record.data'");
  });

  it('refuses an unknown stream with ResourceNotFoundException, HTTP 400', async () => {
    await start();
    const error = await failure(putBatch(lines('x'), 'no-such-stream'));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toBe('Firehose no-such-stream under account 000000000000 not found.');
    expect(firehose.stats().callErrors).toEqual({ ResourceNotFoundException: 1 });
  });
});

describe('startLocalFirehose: fault injection', () => {
  const hundred = () => Array.from({ length: 100 }, (_, i) => ({ Data: Buffer.from(`${i}\n`) }));

  it('fails a seeded fraction of records with ServiceUnavailableException in a 200 response', async () => {
    await start({ failRate: 0.3, seed: 42 });
    const out = await putBatch(hundred());
    const failed = (out.RequestResponses ?? []).filter((r) => r.ErrorCode !== undefined);
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.FailedPutCount).toBe(failed.length);
    expect(failed.length).toBeGreaterThan(10);
    expect(failed.length).toBeLessThan(50);
    expect(failed[0]).toEqual({ ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' });
    // Only the records answered with a RecordId are stored, and only they are in the object.
    const kept = (out.RequestResponses ?? []).flatMap((r, i) => (r.RecordId === undefined ? [] : [`${i}\n`]));
    expect(firehose.records(STREAM).map((r) => r.data.toString())).toEqual(kept);
    expect(await readFile(firehose.files(STREAM)[0] ?? '', 'utf8')).toBe(kept.join(''));
  });

  it('fails the same records again for the same seed', async () => {
    await start({ failRate: 0.3, seed: 42 });
    const first = await putBatch(hundred());
    firehose.reset();
    const second = await putBatch(hundred());
    const pattern = (out: typeof first) => out.RequestResponses?.map((r) => r.ErrorCode ?? 'ok');
    expect(pattern(second)).toEqual(pattern(first));
  });

  it('fails every record of every call when told to fail all', async () => {
    await start({ failAll: true });
    for (let i = 0; i < 2; i++) {
      const out = await putBatch(lines('a', 'b'));
      expect(out.FailedPutCount).toBe(2);
    }
    expect(firehose.records(STREAM)).toHaveLength(0);
    expect(firehose.files(STREAM)).toHaveLength(0);
  });

  it('throttles the first N calls with "Slow down." at HTTP 400, then accepts', async () => {
    await start({ throttleFirst: 2 });
    for (let i = 0; i < 2; i++) {
      const error = await failure(putBatch(lines('x')));
      expect(error).toBeInstanceOf(ServiceUnavailableException);
      expect(error.message).toBe('Slow down.');
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
    expect((await putBatch(lines('x'))).FailedPutCount).toBe(0);
    expect(firehose.stats()).toMatchObject({ calls: 3, recordsAccepted: 1 });
  });

  it('throttles with the chosen HTTP status', async () => {
    await start({ throttleFirst: 1, throttleStatus: 503 });
    const error = await failure(putBatch(lines('x')));
    expect(error.name).toBe('ServiceUnavailableException');
    expect(error.$metadata?.httpStatusCode).toBe(503);
  });

  it('answers the first N calls with HTTP 500 InternalFailure', async () => {
    await start({ serverErrorFirst: 1 });
    const error = await failure(putBatch(lines('x')));
    expect(error.name).toBe('InternalFailure');
    expect(error.$metadata?.httpStatusCode).toBe(500);
    expect((await putBatch(lines('x'))).FailedPutCount).toBe(0);
  });

  it('answers HTTP 503 ServiceUnavailableException when 503 is chosen', async () => {
    await start({ serverErrorFirst: 1, serverErrorStatus: 503 });
    const error = await failure(putBatch(lines('x')));
    expect(error).toBeInstanceOf(ServiceUnavailableException);
    expect(error.$metadata?.httpStatusCode).toBe(503);
  });

  it('drops the connection of the first N calls: the SDK sees a network error, nothing is stored', async () => {
    await start({ dropFirst: 1 });
    const error = await failure(putBatch(lines('x')));
    expect((error as Error & { code?: string }).code).toBe('ECONNRESET');
    expect(error.$metadata?.httpStatusCode).toBeUndefined();
    expect(firehose.records(STREAM)).toHaveLength(0);
    expect((await putBatch(lines('x'))).FailedPutCount).toBe(0);
    expect(firehose.stats().droppedConnections).toBe(1);
  });

  it('fails every record of the first N calls, then accepts them (a stream shedding load, recovering)', async () => {
    await start({ failAllFirst: 2 });
    for (let i = 0; i < 2; i++) {
      const out = await putBatch(lines('a', 'b'));
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect(out.FailedPutCount).toBe(2);
      expect(out.RequestResponses?.[1]).toEqual({
        ErrorCode: 'ServiceUnavailableException',
        ErrorMessage: 'Slow down.',
      });
    }
    expect((await putBatch(lines('a', 'b'))).FailedPutCount).toBe(0);
    expect(firehose.records(STREAM).map((r) => r.data.toString())).toEqual(['a\n', 'b\n']);
  });

  it('answers 200 with a body that is not JSON after storing the records: the SDK cannot read it', async () => {
    await start({ malformedFirst: 1 });
    const error = await failure(putBatch(lines('kept')));
    expect(error.$metadata?.httpStatusCode).toBe(200);
    // The records arrived although the caller cannot know it.
    expect(firehose.records(STREAM).map((r) => r.data.toString())).toEqual(['kept\n']);
    expect(firehose.stats().malformedAnswers).toBe(1);
    expect((await putBatch(lines('x'))).FailedPutCount).toBe(0);
  });

  it('answers a bare HTTP status with no AWS error type, as a proxy does (413 by default)', async () => {
    await start({ httpStatusFirst: 1 });
    const error = await failure(putBatch(lines('x')));
    expect(error.$metadata?.httpStatusCode).toBe(413);
    expect(firehose.records(STREAM)).toHaveLength(0);
    expect(firehose.stats().callErrors).toEqual({ 'HTTP 413': 1 });
  });

  it('delays its answers: an impatient client gives up although the records were stored', async () => {
    await start({ delayMs: 2_000 });
    // Gives up the way the forwarder does: an abort signal on the call.
    const error = await failure(
      client().send(new PutRecordBatchCommand({ DeliveryStreamName: STREAM, Records: lines('late') }), {
        abortSignal: AbortSignal.timeout(100),
      }),
    );
    expect(error.name).toBe('AbortError');
    expect(firehose.records(STREAM).map((r) => r.data.toString())).toEqual(['late\n']);
  });

  it('is idle at once with no call open, and only once a call its client gave up on is answered', async () => {
    await start({ delayMs: 500 });
    await firehose.idle();
    const error = await failure(
      client().send(new PutRecordBatchCommand({ DeliveryStreamName: STREAM, Records: lines('late') }), {
        abortSignal: AbortSignal.timeout(50),
      }),
    );
    expect(error.name).toBe('AbortError');
    let idle = false;
    const waiting = firehose.idle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(idle).toBe(false);
    await waiting;
    expect(firehose.stats().calls).toBe(1);
  });

  it('fails a PutRecord whose record draws a failure, as a throttle', async () => {
    await start({ failAll: true });
    const error = await failure(
      client().send(new PutRecordCommand({ DeliveryStreamName: STREAM, Record: { Data: Buffer.from('x') } })),
    );
    expect(error).toBeInstanceOf(ServiceUnavailableException);
    expect(error.message).toBe('Slow down.');
  });

  it('changes faults at runtime with setFaults, and heals with {}', async () => {
    await start();
    firehose.setFaults({ throttleFirst: 1 });
    expect((await failure(putBatch(lines('x')))).name).toBe('ServiceUnavailableException');
    firehose.setFaults({ failAll: true });
    expect((await putBatch(lines('x'))).FailedPutCount).toBe(1);
    firehose.setFaults({});
    expect((await putBatch(lines('x'))).FailedPutCount).toBe(0);
  });

  it('restarts the count of "first N" faults on reset', async () => {
    await start({ throttleFirst: 1 });
    await failure(putBatch(lines('x')));
    await putBatch(lines('x'));
    firehose.reset();
    expect(firehose.stats().calls).toBe(0);
    expect(firehose.records(STREAM)).toHaveLength(0);
    expect((await failure(putBatch(lines('x')))).name).toBe('ServiceUnavailableException');
  });
});

describe('startLocalFirehose: control endpoint', () => {
  it('sets faults from another process with POST /_faults', async () => {
    await start();
    const response = await fetch(`${firehose.url}/_faults`, {
      method: 'POST',
      body: JSON.stringify({ serverErrorFirst: 1, serverErrorStatus: 503 }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ serverErrorFirst: 1, serverErrorStatus: 503 });
    expect((await failure(putBatch(lines('x')))).$metadata?.httpStatusCode).toBe(503);
  });

  it('refuses an unknown or out-of-range fault with HTTP 400 naming it', async () => {
    await start();
    const typo = await fetch(`${firehose.url}/_faults`, { method: 'POST', body: '{"failrate":0.5}' });
    expect(typo.status).toBe(400);
    expect(((await typo.json()) as { message: string }).message).toContain('unknown fault "failrate"');
    const range = await fetch(`${firehose.url}/_faults`, { method: 'POST', body: '{"failRate":2}' });
    expect(range.status).toBe(400);
    expect(firehose.faults()).toEqual({});
  });

  it('reports its counters on GET /_stats', async () => {
    await start({ failAll: true });
    await putBatch(lines('a', 'b'));
    const stats = (await (await fetch(`${firehose.url}/_stats`)).json()) as Record<string, unknown>;
    expect(stats).toMatchObject({ calls: 1, recordsAccepted: 0, recordsFailed: 2 });
  });
});

describe('startLocalFirehose: options', () => {
  it('refuses to start without known streams or acceptAnyStream', async () => {
    await expect(startLocalFirehose({})).rejects.toThrow(TypeError);
    firehose = await start();
  });

  it('refuses a fault setting it does not know', async () => {
    await expect(
      startLocalFirehose({ streams: [STREAM], faults: { dropfirst: 1 } as Faults }),
    ).rejects.toThrow(/unknown fault "dropfirst"/);
    firehose = await start();
  });
});

describe('startLocalFirehose: wire format (AWS JSON 1.1)', () => {
  function post(target: string, body: string): Promise<Response> {
    return fetch(`${firehose.url}/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `Firehose_20150804.${target}`,
      },
      body,
    });
  }

  it('answers PutRecordBatch with exactly FailedPutCount, Encrypted and RequestResponses', async () => {
    await start({ failAll: true });
    const response = await post(
      'PutRecordBatch',
      JSON.stringify({
        DeliveryStreamName: STREAM,
        Records: [{ Data: Buffer.from('a').toString('base64') }],
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({
      FailedPutCount: 1,
      Encrypted: false,
      RequestResponses: [{ ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' }],
    });
  });

  it('answers errors with x-amzn-ErrorType and a {__type, message} body', async () => {
    await start();
    const response = await post(
      'PutRecordBatch',
      JSON.stringify({ DeliveryStreamName: 'missing', Records: [{ Data: 'YQ==' }] }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(await response.json()).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'Firehose missing under account 000000000000 not found.',
    });
  });

  it('refuses a body that is not JSON with SerializationException', async () => {
    await start();
    const response = await post('PutRecordBatch', '{not json');
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('SerializationException');
  });

  it('refuses record Data that is not base64 with SerializationException', async () => {
    await start();
    const response = await post(
      'PutRecordBatch',
      JSON.stringify({ DeliveryStreamName: STREAM, Records: [{ Data: 'not base64!' }] }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('SerializationException');
    expect(firehose.records(STREAM)).toHaveLength(0);
  });

  it('refuses an operation it does not implement', async () => {
    await start();
    const response = await post('CreateDeliveryStream', '{}');
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });
});
