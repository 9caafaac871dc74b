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
 * budget, bounded by the invocation's remaining time (less a reserve), never by a count of calls.
 */

/** The code of a call refused with HTTP 413; delivery sends such a call again in halves. */
export const REQUEST_TOO_LARGE = 'RequestEntityTooLarge';

/** Names the SDK gives credentials the service refused (unknown key, wrong secret, expired). */
const REFUSED_CREDENTIALS: ReadonlySet<string> = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
]);

/** A request the service judged invalid: sending it again gets the same answer. */
const INVALID_REQUEST: ReadonlySet<string> = new Set([
  'InvalidArgumentException',
  'ValidationException',
  'SerializationException',
  'InvalidSourceException',
]);

interface ErrorLike {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  /** Node's network errors: the address and port of a failed connect. */
  readonly address?: unknown;
  readonly port?: unknown;
  /** The name a failed DNS lookup asked for. */
  readonly hostname?: unknown;
  /** Node's `AggregateError` of a connect tried on several addresses (`autoSelectFamily`). */
  readonly errors?: unknown;
}

/** 127.0.0.0/8 and ::1 (also as an IPv4-mapped IPv6 address). */
function isLoopbackAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

/** `address:port` when `error` is a connection refused by a loopback address, else undefined. */
function refusedLoopback(e: ErrorLike): string | undefined {
  if (e.code !== 'ECONNREFUSED' || typeof e.address !== 'string' || !isLoopbackAddress(e.address)) {
    return undefined;
  }
  const host = e.address.includes(':') ? `[${e.address}]` : e.address;
  return typeof e.port === 'number' ? `${host}:${e.port}` : host;
}

/**
 * What is wrong when `error` says the endpoint is not there at all, else undefined: a loopback
 * address that refuses the connection (nothing listens: a local endpoint, such as
 * `AWS_ENDPOINT_URL_FIREHOSE` on a developer's machine, not started; Firehose itself is never on
 * loopback), or a host name that does not resolve (`ENOTFOUND`: a typo in the endpoint, or an
 * offline machine; a DNS server that fails for a while answers `EAI_AGAIN`, not this).
 */
export function absentEndpoint(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as ErrorLike;
  if (Array.isArray(e.errors) && e.errors.length > 0) {
    // Node's connect to every address of a name (`autoSelectFamily`): absent only if all are.
    const each = e.errors.map(absentEndpoint);
    return each.every((what) => what !== undefined) ? each[0] : undefined;
  }
  if (e.code === 'ENOTFOUND' && typeof e.hostname === 'string') {
    return `the host ${e.hostname} does not resolve`;
  }
  const refused = refusedLoopback(e);
  return refused === undefined ? undefined : `nothing listens at ${refused}`;
}

/** What a failed PutRecordBatch call means, and what its records' error says. */
export interface CallErrorVerdict {
  /** The error code the records carry into the report and `DeliveryError`. */
  readonly code: string;
  /** What happened and, for a permanent error, what to fix. */
  readonly message: string;
  /** True when sending the same records again may succeed. */
  readonly retryable: boolean;
  /** Set when the endpoint is not there at all: see {@link absentEndpoint}. */
  readonly absentEndpoint?: string;
}

/** What the call sent, for the messages. */
export interface CallContext {
  readonly deliveryStreamName: string;
  readonly records: number;
  readonly bytes: number;
}

/** The SDK appends a hint on its own line to deserialization errors: the first line says it. */
const firstLine = (text: string): string => text.split('\n', 1)[0] ?? '';

/**
 * Classifies a failed PutRecordBatch call (SPEC §4). Retryable: throttling (`Slow down.` as 400
 * or 503, 429), 5xx, timeouts and dropped connections (no HTTP status), an unreadable 200, and
 * any error not known to be permanent. Permanent, with what to fix: missing or refused
 * credentials, access denied, an unknown stream (naming the `deliveryStreamName` param), a KMS
 * key the stream cannot use, an invalid request, a 413 from the endpoint (delivery first sends
 * such a call again in halves), any other 4xx.
 */
export function classifyCallError(error: unknown, call: CallContext): CallErrorVerdict {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const name = e.name !== undefined && e.name !== '' ? e.name : 'Error';
  const said = firstLine(String(e.message ?? error));
  const status = e.$metadata?.httpStatusCode;
  const stream = JSON.stringify(call.deliveryStreamName);
  const permanent = (code: string, message: string): CallErrorVerdict => ({
    code,
    message,
    retryable: false,
  });
  const retryable = (code: string, message: string): CallErrorVerdict => ({ code, message, retryable: true });

  // Thrown by the SDK before any request: the default chain found no credentials. Retrying
  // cannot find them (it used to be retried for ~7 s as a network error).
  if (name === 'CredentialsProviderError') {
    return permanent(
      name,
      `no AWS credentials (${said}): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, ` +
        "for a local run; in Lambda they come from the function's execution role",
    );
  }
  // A clock-skewed signature is corrected by the SDK on the next request (as its own strategy does).
  if (name === 'InvalidSignatureException' && /Signature expired/i.test(said)) {
    return retryable(name, `${name} (HTTP ${String(status)}): ${said}`);
  }
  if (name === 'ResourceNotFoundException') {
    return permanent(
      name,
      `Firehose delivery stream ${stream} does not exist in this account and region (${said}): set the ` +
        'deliveryStreamName param (env DELIVERY_STREAM_NAME) to an existing stream, or create it',
    );
  }
  if (name === 'AccessDeniedException') {
    return permanent(
      name,
      `not allowed to write to Firehose stream ${stream} (${said}): give the function's role ` +
        "firehose:PutRecordBatch on that stream (serverless.yml provider.iam), and the stream's KMS key if it has one",
    );
  }
  if (REFUSED_CREDENTIALS.has(name)) {
    return permanent(
      name,
      `Firehose refused the credentials (${name}: ${said}): check AWS_ACCESS_KEY_ID / ` +
        'AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN or AWS_PROFILE, and that they are current',
    );
  }
  if (name === 'InvalidKMSResourceException') {
    return permanent(
      name,
      `the KMS key of Firehose stream ${stream} cannot be used (${said}): fix the key or its policy`,
    );
  }
  if (INVALID_REQUEST.has(name)) {
    return permanent(
      name,
      `Firehose refused the call as invalid (${name}: ${said}; ${call.records} records, ${call.bytes} bytes): ` +
        `check that stream ${stream} accepts Direct PUT; otherwise this is a forwarder defect, please report it`,
    );
  }
  if (status !== undefined && status >= 200 && status < 300) {
    // The answer could not be read; the records may well have arrived, so a retry may repeat
    // them: at-least-once, `cloudwatch.id` de-duplicates.
    return retryable(
      'UnreadableResponse',
      `HTTP ${status} with a body that is not Firehose's answer (${name}: ${said}); retried, may repeat records`,
    );
  }
  if (status === 413) {
    return permanent(
      REQUEST_TOO_LARGE,
      `HTTP 413 Request Entity Too Large for a PutRecordBatch of ${call.records} records, ${call.bytes} bytes ` +
        '(within the 4 MiB quota): something in front of Firehose (a proxy, AWS_ENDPOINT_URL_FIREHOSE) caps ' +
        'request bodies lower; point the endpoint at Firehose itself',
    );
  }
  const code =
    name === 'Unknown' || name === 'Error' || name === 'SyntaxError' ? `HTTP${String(status)}` : name;
  const described = status === undefined ? `${name}: ${said}` : `${name} (HTTP ${status}): ${said}`;
  if (status === undefined) {
    // No answer: a network error names itself by its code (ECONNREFUSED, ECONNRESET, ETIMEDOUT).
    const network = e.code !== undefined && /^E[A-Z]+$/.test(e.code) ? e.code : name;
    const verdict = retryable(network, network === name ? described : `${network}: ${said}`);
    const absent = absentEndpoint(error);
    return absent === undefined ? verdict : { ...verdict, absentEndpoint: absent };
  }
  if (status === 429 || status >= 500) return retryable(code, described);
  // A 4xx that names throttling or unavailability is transient whatever its status code.
  if (/Throttl|Unavailable|SlowDown|TooManyRequests|LimitExceeded|Timeout|InternalFailure/i.test(name)) {
    return retryable(code, described);
  }
  return permanent(code, `${described}: refused by Firehose stream ${stream}; not retried`);
}

/** True when a failed PutRecordBatch call may succeed if sent again (see {@link classifyCallError}). */
export function isRetryableCallError(error: unknown): boolean {
  return classifyCallError(error, { deliveryStreamName: '', records: 0, bytes: 0 }).retryable;
}

export interface BackoffOptions {
  /** Delay scale of the first retry, in ms. */
  readonly baseMs: number;
  /** Largest delay, in ms. */
  readonly capMs: number;
}

/**
 * 100 ms, doubling, at most 2 s: Firehose's throughput quotas are per second, so a wait of up to
 * a couple of seconds lets a throttled stream recover; past the fifth retry the draws average
 * 1 s, so a stream shedding load for ~10 s is retried a dozen times per batch and the next call
 * comes at most 2 s after it recovers, while a 60-second function keeps its deadline (the loop
 * never sleeps past it).
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
