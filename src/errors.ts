/**
 * Typed errors, one per pipeline stage. Each says what went wrong and where (log group, event
 * id, byte size, stream) so the failed invocation's log line is enough to act on.
 */

/** Base class of every error the forwarder raises on purpose. */
export class ForwarderError extends Error {
  override name = 'ForwarderError';
}

/** The configuration (environment) is unusable; raised at cold start. */
export class ConfigError extends ForwarderError {
  override name = 'ConfigError';
  constructor(
    readonly variable: string,
    expected: string,
    received: string | undefined,
  ) {
    super(
      `${variable}: expected ${expected}, got ${received === undefined ? 'nothing' : JSON.stringify(received)}`,
    );
  }
}

/** Which decoding step refused the subscription payload. */
export type DecodeStage = 'event' | 'base64' | 'gzip' | 'json' | 'shape';

/** The subscription payload could not be decoded; nothing of it could be forwarded. */
export class DecodeError extends ForwarderError {
  override name = 'DecodeError';
  constructor(
    readonly stage: DecodeStage,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot decode CloudWatch Logs subscription payload (${stage}): ${message}`, options);
  }
}

/** Records were still undelivered when attempts or the invocation's time ran out. */
export class DeliveryError extends ForwarderError {
  override name = 'DeliveryError';
  constructor(
    readonly deliveryStreamName: string,
    readonly delivered: number,
    readonly failed: number,
    readonly failedByErrorCode: Readonly<Record<string, number>>,
    readonly failedIds: readonly string[],
    /** One error message per error code: what happened and, when permanent, what to fix. */
    readonly messageByErrorCode: Readonly<Record<string, string>> = {},
  ) {
    const codes = Object.entries(failedByErrorCode)
      .map(([code, count]) => `${code}: ${count}`)
      .join(', ');
    const why = Object.entries(messageByErrorCode)
      .map(([code, message]) => ` ${code}: ${message}`)
      .join('.');
    super(
      `${failed} of ${delivered + failed} records were not delivered to Firehose stream ` +
        `"${deliveryStreamName}" (${codes}); failing the invocation so Lambda retries the payload.${why}`,
    );
  }
}
