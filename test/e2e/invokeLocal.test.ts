import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePayload } from '../../tools/subscription-event/encodeSubscriptionEvent.js';
import { startLocalFirehose, type LocalFirehose } from '../../tools/local-firehose/startLocalFirehose.js';
import { freePort } from '../helpers/freePort.js';
import { invokeLocal as invokeLocalIn, type InvokeResult } from '../helpers/invokeLocal.js';

const STREAM = 'logging-test';
const WORK_FOLDER = '.esbuild-invoke-local-test';

function invokeLocal(
  eventFile: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<InvokeResult> {
  return invokeLocalIn(eventFile, env, WORK_FOLDER, args);
}

function payloadEventCount(file: string): number {
  const event = JSON.parse(readFileSync(file, 'utf8')) as { awslogs: { data: string } };
  const payload = JSON.parse(gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString()) as {
    logEvents: { id: string }[];
  };
  return payload.logEvents.length;
}

describe('serverless invoke local', () => {
  let firehose: LocalFirehose;
  let scratch: string;

  beforeAll(async () => {
    firehose = await startLocalFirehose({ streams: [STREAM] });
    scratch = mkdtempSync(join(tmpdir(), 'cwl-forwarder-e2e-'));
  });
  afterAll(async () => {
    await firehose.close();
  });

  it('delivers one newline-terminated JSON record per log event of an events/ file', async () => {
    firehose.reset();
    const file = 'events/python-json-logger.json';
    const result = await invokeLocal(file, {
      AWS_ENDPOINT_URL_FIREHOSE: firehose.url,
      DELIVERY_STREAM_NAME: STREAM,
    });
    expect(result.code, result.output).toBe(0);
    const records = firehose.records(STREAM);
    expect(records).toHaveLength(payloadEventCount(file));
    for (const record of records) {
      const line = record.data.toString('utf8');
      expect(line.endsWith('\n')).toBe(true);
      expect(line.indexOf('\n')).toBe(line.length - 1);
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(parsed)).toEqual(
        expect.arrayContaining(['asctime', 'name', 'levelname', 'message']),
      );
    }
    const error = records
      .map((r) => JSON.parse(r.data.toString('utf8')) as Record<string, unknown>)
      .find((r) => r.levelname === 'ERROR');
    expect(error?.exc_info).toMatch(/^Traceback \(most recent call last\):\n/);
  });

  it('acknowledges a control message and sends nothing', async () => {
    firehose.reset();
    const result = await invokeLocal('events/control-message.json', {
      AWS_ENDPOINT_URL_FIREHOSE: firehose.url,
      DELIVERY_STREAM_NAME: STREAM,
    });
    expect(result.code, result.output).toBe(0);
    expect(firehose.stats().calls).toBe(0);
  });

  it('fails with a clear decode error on a payload that is not gzip', async () => {
    const file = join(scratch, 'not-gzip.json');
    writeFileSync(
      file,
      JSON.stringify({ awslogs: { data: Buffer.from('{"plain":"json"}').toString('base64') } }),
    );
    const result = await invokeLocal(file, {
      AWS_ENDPOINT_URL_FIREHOSE: firehose.url,
      DELIVERY_STREAM_NAME: STREAM,
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('DecodeError');
    expect(result.output).toContain('not gzip data');
  });

  it('fails the invocation, naming the counts, when the stream does not exist', async () => {
    firehose.reset();
    const file = join(scratch, 'two-lines.json');
    writeFileSync(
      file,
      JSON.stringify(
        encodePayload({
          messageType: 'DATA_MESSAGE',
          owner: '123456789012',
          logGroup: '/aws/lambda/orders-api',
          logStream: 's',
          subscriptionFilters: [],
          logEvents: [
            { id: '1', timestamp: 1589201084000, message: 'one' },
            { id: '2', timestamp: 1589201084001, message: 'two' },
          ],
        }),
      ),
    );
    const result = await invokeLocal(file, { AWS_ENDPOINT_URL_FIREHOSE: firehose.url }, [
      '--param=deliveryStreamName=no-such-stream',
    ]);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('DeliveryError');
    expect(result.output).toMatch(/2 of 2 records were not delivered.*ResourceNotFoundException: 2/);
  });

  it('fails after a short grace, naming the address, when nothing listens at the loopback endpoint', async () => {
    const port = await freePort();
    const result = await invokeLocal('events/access-log.json', {
      AWS_ENDPOINT_URL_FIREHOSE: `http://127.0.0.1:${port}`,
    });
    // null would mean killed after HANG_KILL_MS; before the grace, it retried for the whole 60 s.
    expect(result.code, result.output).toBe(1);
    expect(result.output).toContain('DeliveryError');
    expect(result.output).toMatch(/3 of 3 records were not delivered.*ECONNREFUSED: 3/);
    expect(result.output).toContain(`nothing listens at 127.0.0.1:${port}`);
    expect(result.output).toContain('npm run firehose:local');
  });

  it.each([
    [
      '--param=maxPayloadBytes=abc',
      'MAX_PAYLOAD_BYTES: expected a whole number from 1 to 9007199254740991, got "abc"',
    ],
    ['--param=rejoinMultiline=maybe', 'REJOIN_MULTILINE: expected true or false, got "maybe"'],
    [
      '--param=deliveryConcurrency=abc',
      'DELIVERY_CONCURRENCY: expected a whole number from 1 to 64, got "abc"',
    ],
    [
      '--param=deliveryStreamName=not/a/stream',
      'DELIVERY_STREAM_NAME: expected a Firehose delivery stream name',
    ],
  ])(
    'exits non-zero, naming the setting, when %s is bad (no hang)',
    async (param, message) => {
      const result = await invokeLocal(
        'events/control-message.json',
        { AWS_ENDPOINT_URL_FIREHOSE: firehose.url },
        [param],
      );
      // null would mean killed after HANG_KILL_MS: the process did not exit by itself.
      expect(result.code, result.output).toBe(1);
      expect(result.output).toContain(`ConfigError: ${message}`);
    },
    150_000,
  );

  it('takes settings from params only: a shell variable of the same name is overwritten', async () => {
    firehose.reset();
    // Were the shell's value used, the cold start would fail on it.
    const result = await invokeLocal('events/json.json', {
      AWS_ENDPOINT_URL_FIREHOSE: firehose.url,
      DELIVERY_CONCURRENCY: 'abc',
      REJOIN_MULTILINE: 'maybe',
      DELIVERY_STREAM_NAME: 'no-such-stream',
    });
    expect(result.code, result.output).toBe(0);
    expect(firehose.records(STREAM)).toHaveLength(payloadEventCount('events/json.json'));
  });
});
