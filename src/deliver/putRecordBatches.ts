import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import type { EncodedRecord } from '../batch/encodeRecord.js';
import { BILLING_UNIT_BYTES } from '../batch/limits.js';
import type { DeliveryReport, FailedRecord } from './deliveryReport.js';
import { backoffDelay, DEFAULT_BACKOFF, isRetryableCallError, type BackoffOptions } from './retryPolicy.js';

/** The one client method delivery uses; tests and benchmarks pass the real client. */
export type FirehoseSender = Pick<FirehoseClient, 'send'>;

export interface DeliveryOptions {
  readonly deliveryStreamName: string;
  /** PutRecordBatch calls in flight at once. */
  readonly concurrency: number;
  /** Sends of one record, the first included, before it counts as failed. */
  readonly maxAttempts: number;
  /** Milliseconds left in the invocation (Lambda's `context.getRemainingTimeInMillis`). */
  readonly remainingTimeMs: () => number;
  /** Time kept back at the end of the invocation to report and fail cleanly, in ms. */
  readonly reserveMs?: number;
  /** Upper bound of one call, in ms; a slower call is aborted and its records retried. */
  readonly callTimeoutMs?: number;
  readonly backoff?: BackoffOptions;
  readonly sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_RESERVE_MS = 1_000;
const DEFAULT_CALL_TIMEOUT_MS = 10_000;

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Firehose client as the forwarder uses it: region, credentials and endpoint from the SDK's
 * own configuration chain (`AWS_ENDPOINT_URL_FIREHOSE` included), and no SDK-level retries,
 * since {@link deliverBatches} retries everything itself (see `retryPolicy.ts`).
 */
export function createFirehoseClient(): FirehoseClient {
  return new FirehoseClient({
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: DEFAULT_CALL_TIMEOUT_MS },
  });
}

function errorInfo(error: unknown): { code: string; message: string } {
  if (error instanceof Error) return { code: error.name || 'Error', message: error.message };
  return { code: 'Error', message: String(error) };
}

/**
 * Sends the batches with PutRecordBatch, at most `concurrency` calls at once. Records that come
 * back with an `ErrorCode`, and whole calls that fail with a retryable error, are sent again
 * (only those records) after an exponential, fully jittered backoff, while attempts and the
 * invocation's time last. Never throws: what could not be delivered is in the report.
 */
export async function deliverBatches(
  client: FirehoseSender,
  batches: readonly (readonly EncodedRecord[])[],
  options: DeliveryOptions,
): Promise<DeliveryReport> {
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

  const failAll = (records: readonly EncodedRecord[], code: string, message: string): void => {
    for (const record of records)
      report.failed.push({ id: record.id, errorCode: code, errorMessage: message });
  };
  const accept = (record: EncodedRecord): void => {
    report.delivered++;
    report.billedUnits += Math.ceil(record.data.length / BILLING_UNIT_BYTES);
  };

  async function deliverOne(batch: readonly EncodedRecord[]): Promise<void> {
    let pending = batch;
    let lastErrors: FailedRecord[] = [];
    for (let attempt = 1; ; attempt++) {
      const timeLeft = options.remainingTimeMs() - reserve;
      if (timeLeft <= 0) {
        if (lastErrors.length > 0) report.failed.push(...lastErrors);
        else failAll(pending, 'DeadlineExceeded', 'no time left in the invocation to send these records');
        return;
      }
      if (attempt > 1) report.retriedRecords += pending.length;
      report.calls++;
      for (const record of pending) report.bytesSent += record.data.length;
      const retry: EncodedRecord[] = [];
      lastErrors = [];
      try {
        const output = await client.send(
          new PutRecordBatchCommand({
            DeliveryStreamName: options.deliveryStreamName,
            Records: pending.map((record) => ({ Data: record.data })),
          }),
          { abortSignal: AbortSignal.timeout(Math.min(callTimeout, timeLeft)) },
        );
        const responses = output.RequestResponses ?? [];
        if (!output.FailedPutCount && responses.length === pending.length) {
          pending.forEach(accept);
          return;
        }
        pending.forEach((record, i) => {
          const response = responses[i];
          // A response missing for a record is a failure of that record, never a success.
          if (response === undefined || response.ErrorCode !== undefined || response.RecordId === undefined) {
            retry.push(record);
            lastErrors.push({
              id: record.id,
              errorCode: response?.ErrorCode ?? 'MissingRecordResponse',
              errorMessage: response?.ErrorMessage ?? 'no RecordId in the response for this record',
            });
          } else {
            accept(record);
          }
        });
      } catch (error) {
        const { code, message } = errorInfo(error);
        if (!isRetryableCallError(error)) {
          failAll(pending, code, message);
          return;
        }
        retry.push(...pending);
        for (const record of pending)
          lastErrors.push({ id: record.id, errorCode: code, errorMessage: message });
      }
      pending = retry;
      if (pending.length === 0) return;
      if (attempt >= options.maxAttempts) {
        report.failed.push(...lastErrors);
        return;
      }
      const delay = backoffDelay(attempt - 1, backoff);
      if (delay >= options.remainingTimeMs() - reserve) {
        report.failed.push(...lastErrors);
        return;
      }
      await sleep(delay);
    }
  }

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next++];
      if (batch !== undefined) await deliverOne(batch);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, batches.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return report;
}
