import { afterEach, describe, expect, it } from 'vitest';
import { encodedLine, type EncodedRecord } from '../../src/batch/encodeRecord.js';
import { countByErrorCode } from '../../src/deliver/deliveryReport.js';
import type { PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import {
  createFirehoseClient,
  deliverBatches,
  type FirehoseSender,
} from '../../src/deliver/putRecordBatches.js';
import { startLocalFirehose, type LocalFirehose } from '../../tools/local-firehose/startLocalFirehose.js';
import { freePort } from '../helpers/freePort.js';

// A local run whose AWS_ENDPOINT_URL_FIREHOSE names a port where nothing listens, or a host that
// does not resolve: the real SDK client, a real refused TCP connect on 127.0.0.1, a real DNS
// lookup of a `.invalid` name (RFC 2606: never resolves). Such a run used to retry, silently,
// until the invocation's 60 s deadline; it now fails after a short grace saying what to fix, and
// still delivers when the endpoint comes up within that grace.

const STREAM = 'logging-test';
const BUDGET_MS = 60_000;

const records = (count: number): EncodedRecord[] =>
  Array.from({ length: count }, (_, i) =>
    encodedLine(`e${i}`, Buffer.from(`{"message":"line ${i}"}\n`), false),
  );

/** Remaining time of a 60 s invocation that starts now, read from the real clock. */
function invocation(): () => number {
  const deadline = Date.now() + BUDGET_MS;
  return () => deadline - Date.now();
}

let firehose: LocalFirehose | undefined;
afterEach(async () => {
  await firehose?.close();
  firehose = undefined;
});

describe('delivery to an endpoint that is not there', () => {
  it('fails every record after the grace, naming the address and what to fix, with most of the invocation left', async () => {
    const port = await freePort();
    const remainingTimeMs = invocation();
    const report = await deliverBatches(
      createFirehoseClient({ endpoint: `http://127.0.0.1:${port}` }),
      [records(500), records(3)],
      { deliveryStreamName: STREAM, concurrency: 4, remainingTimeMs, absentEndpointGraceMs: 1_000 },
    );
    expect(report.delivered).toBe(0);
    // Nothing is acknowledged: every record is reported failed, so the invocation fails.
    expect(countByErrorCode(report.failed)).toEqual({ ECONNREFUSED: 503 });
    expect(report.calls).toBeGreaterThan(2); // it did retry while the grace lasted
    const message = report.failed[0]?.errorMessage ?? '';
    expect(message).toContain(`nothing listens at 127.0.0.1:${port}`);
    expect(message).toContain('ECONNREFUSED for ');
    expect(message).toContain('AWS_ENDPOINT_URL_FIREHOSE');
    expect(message).toContain('npm run firehose:local');
    // Retried by time alone, it would have run to the deadline (less the 1 s reserve).
    expect(remainingTimeMs()).toBeGreaterThan(BUDGET_MS / 2);
  });

  it('fails every record after the grace when the endpoint host does not resolve, naming the host', async () => {
    const remainingTimeMs = invocation();
    const report = await deliverBatches(
      createFirehoseClient({ endpoint: 'http://firehose.no-such-host.invalid:4573' }),
      [records(20)],
      { deliveryStreamName: STREAM, concurrency: 1, remainingTimeMs, absentEndpointGraceMs: 1_000 },
    );
    expect(report.delivered).toBe(0);
    expect(countByErrorCode(report.failed)).toEqual({ ENOTFOUND: 20 });
    const message = report.failed[0]?.errorMessage ?? '';
    expect(message).toContain('the host firehose.no-such-host.invalid does not resolve');
    expect(message).toContain('AWS_ENDPOINT_URL_FIREHOSE');
    expect(remainingTimeMs()).toBeGreaterThan(BUDGET_MS / 2);
  });

  it('delivers everything when the endpoint starts listening within the grace', async () => {
    const port = await freePort();
    const sender = createFirehoseClient({ endpoint: `http://127.0.0.1:${port}` });
    let refused = 0;
    const startOnFirstRefusal: FirehoseSender = {
      // Called with the command and the call's abort signal; the callback overloads are not used.
      send: (async (command: PutRecordBatchCommand, options?: { abortSignal?: AbortSignal }) => {
        try {
          return await sender.send(command, options);
        } catch (error) {
          // The local Firehose comes up on that port after the first refused connect.
          if (refused++ === 0) firehose = await startLocalFirehose({ port, streams: [STREAM] });
          throw error;
        }
      }) as FirehoseSender['send'],
    };
    const report = await deliverBatches(startOnFirstRefusal, [records(500), records(3)], {
      deliveryStreamName: STREAM,
      concurrency: 1,
      remainingTimeMs: invocation(),
      absentEndpointGraceMs: 10_000,
    });
    expect(refused).toBeGreaterThan(0);
    expect(report.failed).toEqual([]);
    expect(report.delivered).toBe(503);
    expect(firehose?.stats().recordsAccepted).toBe(503);
  });
});
