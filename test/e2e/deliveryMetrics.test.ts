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

/** A 5-second invocation: long enough to work through the faults, short for fail-all. */
function context(): Context {
  const deadline = Date.now() + 5_000;
  return { getRemainingTimeInMillis: () => deadline - Date.now() } as Context;
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

/** Runs the handler, returning its outcome and the EMF lines it wrote to stdout. */
async function invoke(): Promise<{ result: unknown; error: unknown; emf: Emf[] }> {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  let result: unknown;
  let error: unknown;
  try {
    result = await handler(event, context());
  } catch (e) {
    error = e;
  } finally {
    write.mockRestore();
  }
  const emf = lines
    .filter((line) => line.startsWith('{') && line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Emf);
  return { result, error, emf };
}

beforeAll(async () => {
  firehose = await startLocalFirehose({ streams: [STREAM] });
  // The handler reads its configuration at cold start, that is when the module loads.
  vi.stubEnv('DELIVERY_STREAM_NAME', STREAM);
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
});
