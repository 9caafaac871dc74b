import { FirehoseClient, PutRecordBatchCommand, type FirehoseClientConfig } from '@aws-sdk/client-firehose';
import type { EncodedRecord } from '../batch/encodeRecord.js';
import { BILLING_UNIT_BYTES } from '../batch/limits.js';
import { createBatchPacker } from '../batch/packBatches.js';
import type { DeliveryReport, FailedRecord } from './deliveryReport.js';
import { useRecordBatchAnswer, useRecordBatchBody } from './recordBatchBody.js';
import {
  backoffDelay,
  classifyCallError,
  DEFAULT_BACKOFF,
  REQUEST_TOO_LARGE,
  type BackoffOptions,
  type CallErrorVerdict,
} from './retryPolicy.js';

/** The one client method delivery uses; tests and benchmarks pass the real client. */
export type FirehoseSender = Pick<FirehoseClient, 'send'>;

export interface DeliveryOptions {
  readonly deliveryStreamName: string;
  /** PutRecordBatch calls in flight at once. */
  readonly concurrency: number;
  /** Milliseconds left in the invocation (Lambda's `context.getRemainingTimeInMillis`). */
  readonly remainingTimeMs: () => number;
  /** Time kept back at the end of the invocation to report and fail cleanly, in ms. */
  readonly reserveMs?: number;
  /** Upper bound of one call, in ms; a slower call is aborted and its records retried. */
  readonly callTimeoutMs?: number;
  readonly backoff?: BackoffOptions;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Source of the backoff jitter, uniform in [0, 1) (default `Math.random`). */
  readonly random?: () => number;
  /**
   * How long the endpoint may be absent (see `absentEndpoint`) before its records are failed
   * rather than retried until the deadline, in ms (default {@link ABSENT_ENDPOINT_GRACE_MS}).
   */
  readonly absentEndpointGraceMs?: number;
  /**
   * Told once per delivery, at its first failure that will be retried, what failed: so a
   * delivery that is retrying (a throttled stream, an endpoint that does not answer) shows in the
   * function's log while it lasts, not only in the error at its end.
   */
  readonly onFirstRetry?: (failure: RetryNotice) => void;
}

/** What {@link DeliveryOptions.onFirstRetry} is told. */
export interface RetryNotice {
  /** The error code of the failed records (`ServiceUnavailableException`, `ECONNRESET`, …). */
  readonly code: string;
  readonly message: string;
  /** Records of the failed call that are to be sent again. */
  readonly records: number;
  /** Milliseconds left in the invocation for the retries. */
  readonly remainingMs: number;
}

/**
 * Kept back from the invocation's remaining time: enough to build the report, flush the metrics
 * and throw, so the function fails with its own error rather than Lambda's timeout.
 */
export const DEFAULT_RESERVE_MS = 1_000;
/** A PutRecordBatch call of up to 4 MiB normally answers in well under a second. */
export const DEFAULT_CALL_TIMEOUT_MS = 10_000;
const CONNECTION_TIMEOUT_MS = 3_000;
/**
 * An endpoint absent this long (a loopback port where nothing listens, a host name that does not
 * resolve) is a setting to fix, not a passing failure: a local run whose
 * `AWS_ENDPOINT_URL_FIREHOSE` names a port where no local Firehose was started, or a typo in it,
 * or an offline machine with no endpoint set. Retried by time like any dropped connection, such a
 * run sat silent for the whole 60 s timeout before it failed; now it fails after this grace (long
 * enough for a local server, or a Lambda extension's proxy, that is still starting) with what to
 * fix. The invocation still fails, so nothing is acknowledged; a reachable endpoint's failures
 * (resets, timeouts, 5xx, throttling) are still retried while the invocation has time.
 */
export const ABSENT_ENDPOINT_GRACE_MS = 5_000;

/** Error code of records whose call got no answer in time (they may still have arrived). */
export const CALL_TIMED_OUT = 'CallTimedOut';
/** Error code of records that were never (re)sent because the invocation's time ran out. */
export const DEADLINE_EXCEEDED = 'DeadlineExceeded';

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Firehose client as the forwarder uses it: region, credentials and endpoint from the SDK's
 * own configuration chain (`AWS_ENDPOINT_URL_FIREHOSE` included), and no SDK-level retries
 * (`maxAttempts: 1`), since {@link deliverBatches} retries everything itself with one budget
 * (see `retryPolicy.ts`). `overrides` is for tools and tests (say an `endpoint`).
 */
export function createFirehoseClient(overrides: FirehoseClientConfig = {}): FirehoseClient {
  const client = new FirehoseClient({
    maxAttempts: 1,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: DEFAULT_CALL_TIMEOUT_MS },
    ...overrides,
  });
  // The SDK's logger middleware builds a log-safe copy of every call's input and output even for
  // its no-op default logger: a walk over all 500 records per call. Without it, the client CPU of
  // delivering the max payload (37 calls to the local Firehose, median of 10 deliveries, 3
  // alternated processes each) went from 176–269 to 150–204 ms; less garbage also means later
  // GCs, so peak RSS of the whole handler is ~1 MiB higher (124.1–124.4 vs 122.9–123.1 MiB
  // medians with the body writer below). Kept when a caller gives a logger.
  if (overrides.logger === undefined) client.middlewareStack.remove('loggerMiddleware');
  // The request body in one exact-size Buffer rather than the SDK's doubling byte buffers:
  // whole-handler peak RSS on the max payload 137.3 → 123.6 MiB (see recordBatchBody.ts).
  useRecordBatchBody(client);
  // Its answer read without the SDK's schema walk over the 500 entries (see recordBatchBody.ts).
  useRecordBatchAnswer(client);
  return client;
}

/** What one call did to the records it sent. */
interface CallOutcome {
  /** Records to send again (rejected one by one, or all of a failed call). */
  readonly retry: EncodedRecord[];
  /** The error of each of those records. */
  readonly errors: FailedRecord[];
  /** The call failed in a way that sending it again will not fix (access, unknown stream...). */
  readonly permanent: boolean;
  /** The call's body was refused as too large (HTTP 413): its halves may still go through. */
  readonly tooLarge?: boolean;
}

/** A counting semaphore: at most `size` holders, waiters served first come, first served. */
class CallSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next === undefined) this.free++;
    else next();
  }
}

/** A delivery under way: batches are handed over as they are ready, the report comes at the end. */
export interface Delivery {
  /** Starts delivering `batch` (its calls wait for a free slot); returns at once. */
  readonly send: (batch: readonly EncodedRecord[]) => void;
  /** Resolves with the report once every batch sent so far is delivered or given up. */
  readonly finish: () => Promise<DeliveryReport>;
}

/**
 * Delivers batches with PutRecordBatch, at most `concurrency` calls at once, each batch from the
 * moment it is handed over, so the first calls are under way while the rest of the payload is
 * still being encoded. Records that come back with an `ErrorCode`, and whole calls that fail with
 * a retryable error (throttling, 5xx, timeouts, dropped connections, an unreadable 200), are sent
 * again, only those records, after a capped, fully jittered exponential backoff, for as long as
 * the invocation's time (less `reserveMs`) lasts. A permanent error (see `classifyCallError`)
 * fails its records at once. Never throws: what could not be delivered is in the report, each
 * record with its last error.
 */
export function startDelivery(client: FirehoseSender, options: DeliveryOptions): Delivery {
  const report: DeliveryReport = {
    delivered: 0,
    failed: [],
    calls: 0,
    retriedRecords: 0,
    bytesSent: 0,
    billedUnits: 0,
  };
  const reserve = options.reserveMs ?? DEFAULT_RESERVE_MS;
  const callTimeout = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const sleep = options.sleep ?? wait;
  const random = options.random ?? Math.random;
  const timeLeft = (): number => options.remainingTimeMs() - reserve;
  const absentGrace = options.absentEndpointGraceMs ?? ABSENT_ENDPOINT_GRACE_MS;
  /** Remaining time when the endpoint was first found absent, since its last answer. */
  let absentSince: number | undefined;
  /** A call's verdict, with an endpoint absent for longer than the grace made permanent. */
  const judgeAbsence = (verdict: CallErrorVerdict): CallErrorVerdict => {
    if (verdict.absentEndpoint === undefined) return verdict;
    const now = options.remainingTimeMs();
    absentSince ??= now;
    const absentMs = absentSince - now;
    if (absentMs < absentGrace) return verdict;
    return {
      code: verdict.code,
      message:
        `${verdict.absentEndpoint} (${verdict.code} for ${(absentMs / 1000).toFixed(1)} s): the Firehose endpoint ` +
        'comes from AWS_ENDPOINT_URL_FIREHOSE or AWS_ENDPOINT_URL, else from AWS_REGION; start the local Firehose ' +
        'there (npm run firehose:local) or fix the variable; not retried',
      retryable: false,
    };
  };

  const failAll = (records: readonly EncodedRecord[], code: string, message: string): void => {
    for (const record of records)
      report.failed.push({ id: record.id, errorCode: code, errorMessage: message });
  };
  const accept = (record: EncodedRecord): void => {
    report.delivered++;
    report.billedUnits += Math.ceil(record.size / BILLING_UNIT_BYTES);
  };

  const slots = new CallSlots(Math.max(1, options.concurrency));
  let retryNoticed = false;
  const noticeRetry = (failed: readonly FailedRecord[]): void => {
    const first = failed[0];
    if (retryNoticed || first === undefined || options.onFirstRetry === undefined) return;
    retryNoticed = true;
    options.onFirstRetry({
      code: first.errorCode,
      message: first.errorMessage,
      records: failed.length,
      remainingMs: options.remainingTimeMs(),
    });
  };

  /** One call: accepts what Firehose took, returns the records to send again with their errors. */
  async function put(pending: readonly EncodedRecord[]): Promise<CallOutcome | 'no time left'> {
    const retry: EncodedRecord[] = [];
    const errors: FailedRecord[] = [];
    let bytes = 0;
    await slots.acquire();
    // Measured after the wait for a slot, which came out of the invocation's time too.
    const callBudget = timeLeft();
    if (callBudget <= 0) {
      slots.release();
      return 'no time left';
    }
    report.calls++;
    for (const record of pending) bytes += record.size;
    report.bytesSent += bytes;
    const limitMs = Math.max(1, Math.min(callTimeout, callBudget));
    const abortSignal = AbortSignal.timeout(limitMs);
    try {
      const output = await client.send(
        new PutRecordBatchCommand({
          DeliveryStreamName: options.deliveryStreamName,
          Records: pending.map((record) => ({ Data: record.data })),
        }),
        { abortSignal },
      );
      absentSince = undefined;
      // Each record is judged by its own response, whatever FailedPutCount says: a 200 with
      // per-record errors is the normal shape of a partial failure, and the SDK does not retry it.
      const responses = output.RequestResponses ?? [];
      pending.forEach((record, i) => {
        const response = responses[i];
        if (response?.RecordId !== undefined && response.ErrorCode === undefined) {
          accept(record);
          return;
        }
        // A record with no response of its own is a failure of that record, never a success.
        retry.push(record);
        errors.push({
          id: record.id,
          errorCode: response?.ErrorCode ?? 'MissingRecordResponse',
          errorMessage: response?.ErrorMessage ?? 'no RecordId in the response for this record',
        });
      });
      return { retry, errors, permanent: false };
    } catch (error) {
      // Our own timeout surfaces from the SDK as a bare AbortError: say what it was.
      const verdict = abortSignal.aborted
        ? { code: CALL_TIMED_OUT, message: `no answer from Firehose within ${limitMs} ms`, retryable: true }
        : judgeAbsence(
            classifyCallError(error, {
              deliveryStreamName: options.deliveryStreamName,
              records: pending.length,
              bytes,
            }),
          );
      for (const record of pending)
        errors.push({ id: record.id, errorCode: verdict.code, errorMessage: verdict.message });
      return {
        retry: [...pending],
        errors,
        permanent: !verdict.retryable,
        tooLarge: verdict.code === REQUEST_TOO_LARGE,
      };
    } finally {
      slots.release();
    }
  }

  async function deliverOne(batch: readonly EncodedRecord[]): Promise<void> {
    let pending = batch;
    let lastErrors: FailedRecord[] = [];
    for (let attempt = 1; ; attempt++) {
      const outcome = await put(pending);
      if (outcome === 'no time left') {
        // Records that were tried keep their last real error; the others say why they were not.
        if (lastErrors.length > 0) report.failed.push(...lastErrors);
        else failAll(pending, DEADLINE_EXCEEDED, 'no time left in the invocation to send these records');
        return;
      }
      if (attempt > 1) report.retriedRecords += pending.length;
      pending = outcome.retry;
      lastErrors = outcome.errors;
      if (pending.length === 0) return;
      // No count of attempts: a retryable failure is retried while the invocation has time (SPEC
      // §4). A stream refusing every record for 10 s (20 calls) used to be given up after 8 calls
      // in a row without progress, with ~56 s of a 60 s invocation left.
      // A 413 comes from something in front of Firehose capping bodies below the 4 MiB quota
      // (a proxy behind AWS_ENDPOINT_URL_FIREHOSE): the records are fine, the call was too big.
      // Each half goes on its own, down to single records; one record refused alone fails with
      // the message that says what to fix.
      if (outcome.tooLarge === true && pending.length > 1) {
        report.retriedRecords += pending.length;
        const half = Math.ceil(pending.length / 2);
        await Promise.all([deliverOne(pending.slice(0, half)), deliverOne(pending.slice(half))]);
        return;
      }
      if (outcome.permanent) {
        report.failed.push(...lastErrors);
        return;
      }
      // The delay grows with every retry, progress or not: partial failures are Firehose's sign of
      // a stream over its throughput, where backing off is what lets the rest through.
      const delay = backoffDelay(attempt - 1, backoff, random);
      // Waiting past the deadline would only postpone the same failure.
      if (delay >= timeLeft()) {
        report.failed.push(...lastErrors);
        return;
      }
      noticeRetry(lastErrors);
      await sleep(delay);
    }
  }

  // Every batch is worked on at once; only the calls in flight are bounded, so a batch waiting
  // out its backoff does not hold a slot that another batch could use.
  const underway: Promise<void>[] = [];
  return {
    send(batch) {
      const delivering = deliverOne(batch);
      // Seen by `finish`; until then a rejection (none is expected) must not crash the process.
      delivering.catch(() => undefined);
      underway.push(delivering);
    },
    async finish() {
      await Promise.all(underway);
      return report;
    },
  };
}

/** A delivery fed one record at a time (see {@link startRecordDelivery}). */
export interface RecordDelivery {
  /** Packs the record; a batch it fills is sent at once. */
  readonly push: (record: EncodedRecord) => void;
  /** Sends the last, partly filled batch. Call once after the last record. */
  readonly flush: () => void;
  /** Resolves with the report once every batch sent so far is delivered or given up. */
  readonly finish: () => Promise<DeliveryReport>;
}

/**
 * {@link startDelivery} of records as they are encoded: packed in order into as few calls as the
 * limits allow (batch/packBatches.ts), each batch sent as soon as it is full.
 */
export function startRecordDelivery(client: FirehoseSender, options: DeliveryOptions): RecordDelivery {
  const delivery = startDelivery(client, options);
  const packer = createBatchPacker((batch) => {
    delivery.send(batch);
  });
  return { push: packer.push, flush: packer.end, finish: delivery.finish };
}

/** {@link startDelivery} of batches that are all ready. */
export async function deliverBatches(
  client: FirehoseSender,
  batches: readonly (readonly EncodedRecord[])[],
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  const delivery = startDelivery(client, options);
  for (const batch of batches) delivery.send(batch);
  return delivery.finish();
}
