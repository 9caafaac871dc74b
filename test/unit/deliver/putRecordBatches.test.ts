import type { PutRecordBatchCommand, PutRecordBatchOutput } from '@aws-sdk/client-firehose';
import { describe, expect, it } from 'vitest';
import { encodedLine, type EncodedRecord } from '../../../src/batch/encodeRecord.js';
import { countByErrorCode } from '../../../src/deliver/deliveryReport.js';
import {
  DEADLINE_EXCEEDED,
  deliverBatches,
  type DeliveryOptions,
  type FirehoseSender,
} from '../../../src/deliver/putRecordBatches.js';

// Unit tests of the retry loop with a scripted sender. The same behaviours are checked over
// HTTP with the real SDK against the local Firehose endpoint in test/e2e/delivery.test.ts.

type Answer = (
  ids: string[],
  call: number,
) => PutRecordBatchOutput | Error | Promise<PutRecordBatchOutput | Error>;

/** A sender that answers each call with `answer`, recording the ids sent per call. */
function scriptedSender(answer: Answer) {
  const calls: string[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const sender: FirehoseSender = {
    send: async (command: PutRecordBatchCommand) => {
      const ids = (command.input.Records ?? []).map((r) =>
        Buffer.from(r.Data ?? new Uint8Array()).toString('utf8'),
      );
      calls.push(ids);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await new Promise((resolve) => setImmediate(resolve));
        const result = await answer(ids, calls.length);
        if (result instanceof Error) throw result;
        return result;
      } finally {
        inFlight--;
      }
    },
  };
  return { sender, calls, maxInFlight: () => maxInFlight };
}

const ok = (ids: readonly string[]): PutRecordBatchOutput => ({
  FailedPutCount: 0,
  RequestResponses: ids.map((id) => ({ RecordId: `r-${id}` })),
});

function serviceError(name: string, status: number, message: string): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

// The record's data is its id, so the sender can tell which records it got.
const records = (count: number, prefix = 'e'): EncodedRecord[] =>
  Array.from({ length: count }, (_, i) => encodedLine(`${prefix}${i}`, Buffer.from(`${prefix}${i}`), false));

const options = (over: Partial<DeliveryOptions> = {}): DeliveryOptions => ({
  deliveryStreamName: 'logging-test',
  concurrency: 4,
  remainingTimeMs: () => 60_000,
  sleep: () => Promise.resolve(),
  ...over,
});

describe('deliverBatches', () => {
  it('delivers every record and counts calls, bytes and 5 KB billing units', async () => {
    const { sender, calls } = scriptedSender((ids) => ok(ids));
    const batch = [encodedLine('big', Buffer.alloc(5 * 1024 + 1), false), ...records(2)];
    const report = await deliverBatches(sender, [batch], options());
    expect(report.delivered).toBe(3);
    expect(report.failed).toEqual([]);
    expect(report.calls).toBe(1);
    expect(calls).toHaveLength(1);
    expect(report.bytesSent).toBe(5 * 1024 + 1 + 4);
    expect(report.billedUnits).toBe(2 + 1 + 1);
  });

  it('sends again only the records that came back with an ErrorCode', async () => {
    const { sender, calls } = scriptedSender((ids, call) =>
      call === 1
        ? {
            FailedPutCount: 2,
            RequestResponses: ids.map((id) =>
              id === 'e1' || id === 'e3'
                ? { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' }
                : { RecordId: `r-${id}` },
            ),
          }
        : ok(ids),
    );
    const report = await deliverBatches(sender, [records(5)], options());
    expect(calls).toEqual([
      ['e0', 'e1', 'e2', 'e3', 'e4'],
      ['e1', 'e3'],
    ]);
    expect(report.delivered).toBe(5);
    expect(report.retriedRecords).toBe(2);
  });

  it('treats a record with no response of its own as failed, even when FailedPutCount is 0', async () => {
    const { sender, calls } = scriptedSender((ids, call) =>
      call === 1 ? { FailedPutCount: 0, RequestResponses: [{ RecordId: 'r-e0' }] } : ok(ids),
    );
    const report = await deliverBatches(sender, [records(3)], options());
    expect(calls[1]).toEqual(['e1', 'e2']);
    expect(report.delivered).toBe(3);
  });

  it('retries a throttled call (ServiceUnavailableException with HTTP 400) and 5xx, whole', async () => {
    const { sender, calls } = scriptedSender((ids, call) => {
      if (call === 1) return serviceError('ServiceUnavailableException', 400, 'Slow down.');
      if (call === 2) return serviceError('InternalFailure', 500, 'internal');
      return ok(ids);
    });
    const report = await deliverBatches(sender, [records(3)], options({ concurrency: 1 }));
    expect(calls).toHaveLength(3);
    expect(report.delivered).toBe(3);
    expect(report.failed).toEqual([]);
  });

  it('tells onFirstRetry once, with the first retried failure, however many retries follow', async () => {
    const { sender } = scriptedSender((ids, call) => {
      if (call <= 2) return serviceError('ServiceUnavailableException', 400, 'Slow down.');
      if (call === 3)
        return {
          FailedPutCount: 1,
          RequestResponses: ids.map((id, i) =>
            i === 0 ? { ErrorCode: 'InternalFailure', ErrorMessage: 'internal' } : { RecordId: `r-${id}` },
          ),
        };
      return ok(ids);
    });
    const notices: unknown[] = [];
    const report = await deliverBatches(
      sender,
      [records(3), records(2, 'f')],
      options({ concurrency: 1, remainingTimeMs: () => 42_000, onFirstRetry: (n) => notices.push(n) }),
    );
    expect(report.delivered).toBe(5);
    expect(notices).toEqual([
      {
        code: 'ServiceUnavailableException',
        message: expect.stringContaining('Slow down.') as string,
        records: 3,
        remainingMs: 42_000,
      },
    ]);
  });

  it('tells onFirstRetry nothing when every call succeeds or a failure is permanent', async () => {
    const notices: unknown[] = [];
    const onFirstRetry = (n: unknown) => notices.push(n);
    await deliverBatches(scriptedSender((ids) => ok(ids)).sender, [records(3)], options({ onFirstRetry }));
    const refused = scriptedSender(() => serviceError('AccessDeniedException', 400, 'not authorized'));
    const report = await deliverBatches(refused.sender, [records(3)], options({ onFirstRetry }));
    expect(report.failed).toHaveLength(3);
    expect(notices).toEqual([]);
  });

  it('does not retry a call refused for good, and reports its records with the error', async () => {
    const { sender, calls } = scriptedSender(() =>
      serviceError(
        'ResourceNotFoundException',
        400,
        'Firehose logging-test under account 123456789012 not found.',
      ),
    );
    const report = await deliverBatches(sender, [records(3)], options());
    expect(calls).toHaveLength(1);
    expect(report.delivered).toBe(0);
    expect(countByErrorCode(report.failed)).toEqual({ ResourceNotFoundException: 3 });
  });

  it('keeps retrying a stream that refuses every record for 20 calls, and delivers when it recovers', async () => {
    // A stream shedding load for ~10 s: formerly given up after 8 calls with ~56 s left.
    const { sender, calls } = scriptedSender((ids, call) =>
      call <= 20
        ? {
            FailedPutCount: ids.length,
            RequestResponses: ids.map(() => ({
              ErrorCode: 'ServiceUnavailableException',
              ErrorMessage: 'Slow down.',
            })),
          }
        : ok(ids),
    );
    const report = await deliverBatches(sender, [records(2)], options());
    expect(calls).toHaveLength(21);
    expect(report.delivered).toBe(2);
    expect(report.failed).toEqual([]);
    expect(report.retriedRecords).toBe(40);
  });

  it('retries every retryable error until the time left (less the reserve) runs out, then names the last one', async () => {
    // Each call and its backoff take 1 s of the invocation's 10 s; 1 s is kept back.
    let now = 10_000;
    const { sender, calls } = scriptedSender((ids) => {
      now -= 500;
      return {
        FailedPutCount: ids.length,
        RequestResponses: ids.map(() => ({ ErrorCode: 'InternalFailure', ErrorMessage: 'Internal' })),
      };
    });
    const report = await deliverBatches(
      sender,
      [records(2)],
      options({
        reserveMs: 1_000,
        remainingTimeMs: () => now,
        backoff: { baseMs: 1_000, capMs: 1_000 },
        random: () => 0.5,
        sleep: (ms) => {
          now -= ms;
          return Promise.resolve();
        },
      }),
    );
    // Calls at 10, 9, ... 2 s left: 9 calls; after the 9th, 0.5 s is left beyond the reserve,
    // no more than the 500 ms wait, so the records fail rather than wait past the deadline.
    expect(calls.length).toBe(9);
    expect(report.delivered).toBe(0);
    expect(countByErrorCode(report.failed)).toEqual({ InternalFailure: 2 });
  });

  it('keeps retrying while each call delivers some of the records', async () => {
    // Each call accepts only the first pending record: always progress, never a whole success.
    const { sender, calls } = scriptedSender((ids) => ({
      FailedPutCount: ids.length - 1,
      RequestResponses: ids.map((id, i) =>
        i === 0
          ? { RecordId: `r-${id}` }
          : { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' },
      ),
    }));
    const report = await deliverBatches(sender, [records(6)], options());
    expect(calls).toHaveLength(6);
    expect(report.delivered).toBe(6);
    expect(report.failed).toEqual([]);
  });

  it('waits with growing, jittered backoff between attempts', async () => {
    const waits: number[] = [];
    const { sender } = scriptedSender((ids, call) =>
      call <= 4 ? serviceError('InternalFailure', 500, 'x') : ok(ids),
    );
    await deliverBatches(
      sender,
      [records(1)],
      options({
        backoff: { baseMs: 100, capMs: 250 },
        random: () => 0.5,
        sleep: (ms) => {
          waits.push(ms);
          return Promise.resolve();
        },
      }),
    );
    expect(waits).toEqual([50, 100, 125, 125]);
  });

  it('stops retrying when the invocation has no time left, and fails the records not yet sent', async () => {
    let now = 10_000;
    const { sender, calls } = scriptedSender(() => {
      now -= 6_000; // each call is slow
      return serviceError('InternalFailure', 500, 'internal');
    });
    const report = await deliverBatches(
      sender,
      [records(2, 'a'), records(2, 'b'), records(2, 'c')],
      options({ concurrency: 1, reserveMs: 1_000, remainingTimeMs: () => now }),
    );
    // A call at 10 s left, one more at 4 s left; then the deadline: `a` and `b` keep their last
    // error, `c` was never sent.
    expect(calls).toEqual([
      ['a0', 'a1'],
      ['b0', 'b1'],
    ]);
    expect(report.delivered).toBe(0);
    expect(countByErrorCode(report.failed)).toEqual({ InternalFailure: 4, [DEADLINE_EXCEEDED]: 2 });
    expect(report.failed.filter((f) => f.errorCode === DEADLINE_EXCEEDED).map((f) => f.id)).toEqual([
      'c0',
      'c1',
    ]);
  });

  it('does not sleep past the deadline: a backoff longer than the time left fails at once', async () => {
    const { sender, calls } = scriptedSender(() => serviceError('InternalFailure', 500, 'internal'));
    const report = await deliverBatches(
      sender,
      [records(1)],
      options({
        remainingTimeMs: () => 1_500,
        reserveMs: 1_000,
        backoff: { baseMs: 10_000, capMs: 10_000 },
        random: () => 0.9,
        sleep: () => Promise.reject(new Error('must not sleep')),
      }),
    );
    expect(calls).toHaveLength(1);
    expect(report.failed).toHaveLength(1);
  });

  it('lets another batch use the call slot while one waits out its backoff', async () => {
    const { sender, calls } = scriptedSender((ids, call) =>
      call === 1 ? serviceError('InternalFailure', 500, 'internal') : ok(ids),
    );
    const report = await deliverBatches(
      sender,
      [records(1, 'a'), records(1, 'b')],
      options({ concurrency: 1, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms + 20)) }),
    );
    expect(calls).toEqual([['a0'], ['b0'], ['a0']]);
    expect(report.delivered).toBe(2);
  });

  it('keeps at most `concurrency` calls in flight, and uses them', async () => {
    const { sender, maxInFlight } = scriptedSender((ids) => ok(ids));
    const batches = Array.from({ length: 10 }, (_, i) => records(3, `b${i}-`));
    const report = await deliverBatches(sender, batches, options({ concurrency: 3 }));
    expect(report.delivered).toBe(30);
    expect(maxInFlight()).toBe(3);
  });
});
