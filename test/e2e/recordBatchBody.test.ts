import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirehoseClient } from '../../src/deliver/putRecordBatches.js';
import { isRetryableCallError } from '../../src/deliver/retryPolicy.js';

/** One request as it arrived on the wire. */
interface Captured {
  readonly body: Buffer;
  readonly headers: Record<string, string | string[] | undefined>;
}

// The forwarder writes PutRecordBatch bodies itself (src/deliver/recordBatchBody.ts) to spare
// memory; these tests hold it to the SDK's own serializer, byte for byte, through a real socket,
// so an SDK upgrade that changes the wire format or renames the middleware it hooks fails here.
describe('PutRecordBatch request body', () => {
  let server: Server;
  let url: string;
  const captured: Captured[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        captured.push({ body, headers: request.headers });
        const records = (JSON.parse(body.toString('utf8')) as { Records: unknown[] }).Records;
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(
          JSON.stringify({
            FailedPutCount: 0,
            Encrypted: false,
            RequestResponses: records.map((_, i) => ({ RecordId: `r${i}` })),
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  async function bodies(streamName: string, records: Uint8Array[]): Promise<[Captured, Captured]> {
    captured.length = 0;
    const input = () => ({ DeliveryStreamName: streamName, Records: records.map((Data) => ({ Data })) });
    await createFirehoseClient({ endpoint: url }).send(new PutRecordBatchCommand(input()));
    await new FirehoseClient({ endpoint: url, maxAttempts: 1 }).send(new PutRecordBatchCommand(input()));
    expect(captured).toHaveLength(2);
    return [captured[0] as Captured, captured[1] as Captured];
  }

  const shared = Buffer.from('{"a":1}\n{"b":"ü 😀"}\n{"c":"x"}\n');
  const cases: [string, string, Uint8Array[]][] = [
    [
      'NDJSON records of every length mod 3',
      'logging-test',
      [0, 1, 2, 3, 4, 5].map((n) => Buffer.alloc(n, 0x61)),
    ],
    [
      'subarrays of one shared buffer',
      'logging-test',
      [shared.subarray(0, 8), shared.subarray(8, 25), shared.subarray(25)],
    ],
    ['a stream name that JSON must escape', 'we"ird\\name', [Buffer.from('x\n')]],
    ['an empty batch', 'logging-test', []],
  ];

  it.each(cases)('is byte for byte the SDK serializer’s for %s', async (_, streamName, records) => {
    const [ours, sdk] = await bodies(streamName, records);
    expect(ours.body.equals(sdk.body)).toBe(true);
    expect(ours.headers['content-length']).toBe(String(sdk.body.length));
    expect(ours.headers['x-amz-target']).toBe('Firehose_20150804.PutRecordBatch');
    expect(ours.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
  });
});

// The forwarder also reads PutRecordBatch answers itself (useRecordBatchAnswer): these tests hold
// its output, and its errors, to the SDK's own deserializer on the same bytes through a socket.
describe('PutRecordBatch answer', () => {
  let server: Server;
  let url: string;
  let answer: { status: number; body: string; headers?: Record<string, string>; cut?: boolean } = {
    status: 200,
    body: '',
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(answer.status, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-requestid': 'fixed-request-id',
          ...answer.headers,
        });
        if (answer.cut === true) {
          // Half the answer, then the connection goes: the body breaks off.
          response.write(answer.body.slice(0, answer.body.length >> 1));
          setTimeout(() => response.socket?.destroy(), 20);
        } else {
          response.end(answer.body);
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const input = () => ({ DeliveryStreamName: 'logging-test', Records: [{ Data: Buffer.from('{"a":1}\n') }] });
  type Outcome = { output: unknown } | { error: { name: string; message: string; status: unknown } };
  async function outcome(client: FirehoseClient): Promise<Outcome> {
    try {
      return { output: await client.send(new PutRecordBatchCommand(input())) };
    } catch (error) {
      const { name, message, $metadata } = error as Error & { $metadata?: { httpStatusCode?: number } };
      return { error: { name, message, status: $metadata?.httpStatusCode } };
    }
  }
  async function both(body: string, status = 200): Promise<[Outcome, Outcome]> {
    answer = { status, body };
    const ours = await outcome(createFirehoseClient({ endpoint: url }));
    const sdk = await outcome(new FirehoseClient({ endpoint: url, maxAttempts: 1 }));
    return [ours, sdk];
  }

  const entries = (...list: object[]) => JSON.stringify(list);
  const read: [string, string][] = [
    [
      'every record accepted',
      `{"FailedPutCount":0,"Encrypted":true,"RequestResponses":${entries({ RecordId: 'a' })}}`,
    ],
    [
      'records refused one by one',
      `{"FailedPutCount":2,"Encrypted":false,"RequestResponses":${entries(
        { RecordId: 'a' },
        { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' },
        { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal service failure.' },
      )}}`,
    ],
    ['no Encrypted member', `{"FailedPutCount":0,"RequestResponses":${entries({ RecordId: 'a' })}}`],
    [
      'members the model does not know',
      `{"FailedPutCount":0,"Novel":1,"RequestResponses":${entries({ RecordId: 'a', Extra: { x: 1 } })}}`,
    ],
    [
      'a null member',
      `{"FailedPutCount":1,"RequestResponses":${entries({ ErrorCode: 'InternalFailure', ErrorMessage: null })}}`,
    ],
    [
      'a member of another type',
      `{"FailedPutCount":1,"RequestResponses":${entries({ ErrorCode: 5, ErrorMessage: true })}}`,
    ],
    ['a count written as a string', `{"FailedPutCount":"1","RequestResponses":[]}`],
    ['an entry that is not an object', `{"FailedPutCount":0,"RequestResponses":[7]}`],
    ['an empty object', '{}'],
    ['an empty body', ''],
  ];

  it.each(read)('gives the SDK deserializer’s output for %s', async (_, body) => {
    const [ours, sdk] = await both(body);
    expect('output' in sdk).toBe(true);
    expect(ours).toEqual(sdk);
  });

  it('leaves an unreadable 200 to the SDK, which fails the call as before', async () => {
    const [ours, sdk] = await both('{"FailedPutCount":0,"Request');
    expect('error' in sdk).toBe(true);
    expect(ours).toEqual(sdk);
  });

  it('fails a call whose answer breaks off mid-body, as a retryable error, as the SDK does', async () => {
    answer = {
      status: 200,
      body: `{"FailedPutCount":0,"RequestResponses":${JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ RecordId: `r${i}` })))}}`,
      cut: true,
    };
    const errors: unknown[] = [];
    for (const client of [
      createFirehoseClient({ endpoint: url }),
      new FirehoseClient({ endpoint: url, maxAttempts: 1 }),
    ]) {
      await client.send(new PutRecordBatchCommand(input())).then(
        () => errors.push(undefined),
        (error: unknown) => errors.push(error),
      );
    }
    expect(errors).toHaveLength(2);
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      expect(isRetryableCallError(error)).toBe(true);
    }
  });

  it('leaves error answers to the SDK: the same error, name and message', async () => {
    const [ours, sdk] = await both(
      '{"__type":"ResourceNotFoundException","message":"Firehose logging-test under account 123456789012 not found."}',
      400,
    );
    expect(sdk).toMatchObject({ error: { name: 'ResourceNotFoundException', status: 400 } });
    expect(ours).toEqual(sdk);
  });
});
