import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DeliveryError } from '../../src/errors.js';
import { startLocalFirehose, type LocalFirehose } from '../../tools/local-firehose/startLocalFirehose.js';
import { makeSubscriptionEvent } from '../helpers/subscriptionEvent.js';

// The handler's own metrics: one CloudWatch EMF line on stdout per invocation, also when the
// invocation fails. Runs the real handler module against the local Firehose endpoint.

const STREAM = 'logging-test';
type Handler = (event: unknown, context: Context) => Promise<unknown>;

let firehose: LocalFirehose;
let handler: Handler;

const event = makeSubscriptionEvent({
  logGroup: '/aws/lambda/checkout',
  logStream: '2026/11/23/[$LATEST]5d4c3b2a19f8e7d6c5b4a39281706f5e',
  messages: Array.from(
    { length: 700 },
    (_, i) =>
      `2026-11-23T02:00:00.${String(i % 1000).padStart(3, '0')}Z\t3c1e5f2a-9b7d-4c6e-8a1f-2d3b4c5d6e7f\tINFO\torder ${i} paid`,
  ),
});

const ACCOUNT = '123456789012';
/** The forwarder's own log group, as Lambda names it in AWS_LAMBDA_LOG_GROUP_NAME. */
const OWN_GROUP = '/aws/lambda/cwl-forwarder-dev-forwarder';

/** A 5-second invocation: long enough to work through the faults, short for fail-all. */
function context(): Context {
  const deadline = Date.now() + 5_000;
  return {
    getRemainingTimeInMillis: () => deadline - Date.now(),
    invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:cwl-forwarder-dev-forwarder`,
  } as Context;
}

interface Emf {
  _aws: {
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  service: string;
  [metric: string]: unknown;
}

/** Runs the handler, returning its outcome, the EMF lines it wrote to stdout and its console.warn lines. */
async function invoke(
  payload: unknown = event,
): Promise<{ result: unknown; error: unknown; emf: Emf[]; stderr: string[] }> {
  const lines: string[] = [];
  const stderr: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  const writeErr = vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    stderr.push(args.map(String).join(' '));
  });
  let result: unknown;
  let error: unknown;
  try {
    result = await handler(payload, context());
  } catch (e) {
    error = e;
  } finally {
    write.mockRestore();
    writeErr.mockRestore();
  }
  const emf = lines
    .filter((line) => line.startsWith('{') && line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Emf);
  return { result, error, emf, stderr };
}

beforeAll(async () => {
  firehose = await startLocalFirehose({ streams: [STREAM] });
  // The handler reads its configuration at cold start, that is when the module loads.
  vi.stubEnv('DELIVERY_STREAM_NAME', STREAM);
  vi.stubEnv('AWS_LAMBDA_LOG_GROUP_NAME', OWN_GROUP);
  vi.stubEnv('AWS_ENDPOINT_URL_FIREHOSE', firehose.url);
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'checkout-logs');
  ({ handler } = await import('../../functions/forwarder.js'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await firehose.close();
});

describe('forwarder handler metrics', () => {
  it('writes one EMF line with the invocation figures in the CwlForwarder namespace', async () => {
    firehose.setFaults({ failRate: 0.3, seed: 3 });
    const { error, emf } = await invoke();
    firehose.setFaults({});
    // Retries are bounded by time: under this load a record may still fail; the figures must add up either way.
    expect(emf).toHaveLength(1);
    const line = emf[0] as Emf;
    const directive = line._aws.CloudWatchMetrics[0];
    expect(directive?.Namespace).toBe('CwlForwarder');
    expect(line.service).toBe('checkout-logs');
    expect(line.EventsIn).toBe(700);
    expect(line.PutRecordBatchCalls).toBeGreaterThanOrEqual(3);
    expect(line.RecordsRetried).toBeGreaterThan(0);
    expect((line.RecordsDelivered as number) + (line.RecordsFailed as number)).toBe(700);
    expect(line.RecordsTruncated).toBe(0);
    expect(line.RecordsRejoined).toBe(0);
    expect(line.BytesSent).toBeGreaterThan(0);
    expect(line.FirehoseBilled5KBUnits).toBe(line.RecordsDelivered);
    expect(directive?.Metrics.find((m) => m.Name === 'BytesSent')?.Unit).toBe('Bytes');
    expect(line.FailedInvocations === 1).toBe(error !== undefined);
  });

  it('still writes its metrics when the invocation fails for undelivered records', async () => {
    firehose.setFaults({ failAll: true });
    const { error, emf } = await invoke();
    firehose.setFaults({});
    expect(error).toBeInstanceOf(DeliveryError);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({
      EventsIn: 700,
      RecordsDelivered: 0,
      RecordsFailed: 700,
      FailedInvocations: 1,
    });
  });

  it('logs one WARN line when delivery starts retrying, then delivers everything', async () => {
    firehose.setFaults({ throttleFirst: 2 });
    const { error, emf, stderr } = await invoke();
    firehose.setFaults({});
    expect(error).toBeUndefined();
    expect(emf[0]).toMatchObject({ EventsIn: 700, RecordsDelivered: 700, RecordsFailed: 0 });
    const warnings = stderr.filter((line) => line.includes('"WARN"'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0] ?? '{}')).toMatchObject({
      level: 'WARN',
      message: 'Firehose delivery failed; retrying while the invocation has time',
      error_code: 'ServiceUnavailableException',
    });
  });

  it('counts no event as rejoined with REJOIN_MULTILINE off: a stack split over events is one record per event', async () => {
    firehose.reset();
    const stack = [
      'java.lang.IllegalStateException: stock is negative',
      '\tat com.example.orders.OrderService.reserve(OrderService.java:57)',
      'Caused by: java.lang.ArithmeticException: overflow',
      '\t... 2 more',
    ];
    const { result, emf } = await invoke(
      makeSubscriptionEvent({ logGroup: '/ecs/orders', logStream: 'orders/app/1', messages: stack }),
    );
    expect(firehose.records(STREAM)).toHaveLength(4);
    expect(result).toMatchObject({ events: 4, records: 4, rejoined: 0 });
    expect(emf[0]).toMatchObject({ EventsIn: 4, RecordsDelivered: 4, RecordsRejoined: 0 });
  });

  it('counts a payload it cannot decode as a failed invocation', async () => {
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    await expect(handler({ awslogs: { data: 'not base64 gzip' } }, context())).rejects.toThrow(/decode/);
    write.mockRestore();
    expect(lines.join('')).toContain('"FailedInvocations":1');
  });

  describe('the own-log-group guard', () => {
    const ownPayload = (owner: string) =>
      makeSubscriptionEvent({
        logGroup: OWN_GROUP,
        logStream: '2026/11/23/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0',
        owner,
        messages: ['START RequestId: 3c1e5f2a-9b7d-4c6e-8a1f-2d3b4c5d6e7f Version: $LATEST', 'a', 'b'],
      });

    it('drops a payload of its own log group, counted as RecordsDropped{reason=own-log-group}, with one WARN line naming the group', async () => {
      firehose.reset();
      const { result, error, emf, stderr } = await invoke(ownPayload(ACCOUNT));
      expect(error).toBeUndefined();
      expect(firehose.stats().calls).toBe(0);
      expect(result).toMatchObject({ events: 3, records: 0, delivered: 0, droppedOwnLogGroup: 3 });
      const dropped = emf.filter((line) => 'RecordsDropped' in line);
      expect(dropped).toHaveLength(1);
      expect(dropped[0]).toMatchObject({
        RecordsDropped: 3,
        reason: 'own-log-group',
        service: 'checkout-logs',
      });
      expect(dropped[0]?._aws.CloudWatchMetrics[0]?.Dimensions[0]).toEqual(
        expect.arrayContaining(['service', 'reason']),
      );
      const warnings = stderr.filter((line) => line.includes('"WARN"'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(OWN_GROUP);
      expect(JSON.parse(warnings[0] ?? '{}')).toMatchObject({
        level: 'WARN',
        reason: 'own-log-group',
        events: 3,
      });
    });

    it('forwards a group of the same name from another account (a cross-account source)', async () => {
      firehose.reset();
      const { result, stderr } = await invoke(ownPayload('210987654321'));
      expect(result).toMatchObject({ events: 3, delivered: 3, droppedOwnLogGroup: 0 });
      expect(firehose.stats().recordsAccepted).toBe(3);
      expect(stderr.filter((line) => line.includes('"WARN"'))).toEqual([]);
    });
  });
});
