/**
 * When and how long to wait before sending failed records again.
 *
 * The Firehose client is built with `maxAttempts: 1`. The SDK's standard strategy
 * (`@smithy/core` retry: `THROTTLING_ERROR_CODES`, `TRANSIENT_ERROR_STATUS_CODES`,
 * `NODEJS_TIMEOUT_ERROR_CODES`) retries HTTP 429, 500/502/503/504, throttling error names
 * (`ThrottlingException`, `LimitExceededException`, `SlowDown`...) and ECONNRESET-style network
 * errors, but not a `ServiceUnavailableException` answered with HTTP 400 (the name is in none of
 * its lists), and never the per-record failures that come back in a 200 response
 * (`FailedPutCount`). Left on, its 3 attempts would multiply ours (8 × 3 sends of a throttled
 * batch, none of them aware of the Lambda deadline). One loop here covers all of them with one
 * budget, bounded by the invocation's remaining time.
 */

/** Error names of a call that will fail the same way however often it is sent. */
const PERMANENT_ERRORS: ReadonlySet<string> = new Set([
  'ResourceNotFoundException',
  'InvalidArgumentException',
  'InvalidKMSResourceException',
  'InvalidSourceException',
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'ValidationException',
  'SerializationException',
]);

interface ErrorLike {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/**
 * True when a failed PutRecordBatch call may succeed if sent again: throttling
 * (`ServiceUnavailableException: Slow down.`, 429), 5xx, timeouts and dropped connections, and
 * any error not known to be permanent. A 4xx with a permanent error name is not retried.
 */
export function isRetryableCallError(error: unknown): boolean {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const name = e.name ?? '';
  // A clock-skewed signature is corrected by the SDK on the next request (as its own strategy does).
  if (name === 'InvalidSignatureException' && /Signature expired/i.test(String(e.message))) return true;
  if (PERMANENT_ERRORS.has(name)) return false;
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined || status === 429 || status >= 500) return true;
  // A 4xx that names throttling or unavailability is transient whatever its status code.
  return /Throttl|Unavailable|SlowDown|TooManyRequests|LimitExceeded|Timeout|InternalFailure/i.test(name);
}

export interface BackoffOptions {
  /** Delay scale of the first retry, in ms. */
  readonly baseMs: number;
  /** Largest delay, in ms. */
  readonly capMs: number;
}

/**
 * 100 ms, doubling, at most 2 s: Firehose's throughput quotas are per second, so a wait of up to
 * a couple of seconds lets a throttled stream recover, and a dozen retries still fit in a
 * 60-second function with room for the calls themselves.
 */
export const DEFAULT_BACKOFF: BackoffOptions = Object.freeze({ baseMs: 100, capMs: 2_000 });

/**
 * Exponential backoff with full jitter: a uniform draw in [0, min(cap, base·2^retry)).
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffDelay(
  retry: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(retry, 30));
  return Math.floor(random() * ceiling);
}
