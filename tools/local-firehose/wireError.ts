/**
 * An error answered the way the service answers it under the AWS JSON 1.1 protocol: HTTP status,
 * `x-amzn-ErrorType` header and `{"__type", "message"}` body. The SDK turns `__type` into the
 * error's `name` (and its modeled class, for the types the Firehose model declares).
 * https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html#operation-error-serialization
 */
export class WireError extends Error {
  override name = 'WireError';
  constructor(
    /** The `__type`, e.g. `ResourceNotFoundException`. */
    readonly type: string,
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Fake account id used in ARNs and messages; twelve zeros, never a real account. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** Unknown stream: the service's wording, HTTP 400 (client fault in the Firehose model). */
export function resourceNotFound(stream: string, accountId: string = LOCAL_ACCOUNT_ID): WireError {
  return new WireError(
    'ResourceNotFoundException',
    400,
    `Firehose ${stream} under account ${accountId} not found.`,
  );
}

/** A parameter out of its constraints: HTTP 400 (client fault in the Firehose model). */
export function invalidArgument(message: string): WireError {
  return new WireError('InvalidArgumentException', 400, message);
}

/**
 * Throttling as the service words it, "Slow down.". The model gives ServiceUnavailableException
 * HTTP 503, but Firehose is seen answering throttles with 400, hence the status is a choice.
 */
export function slowDown(status: number): WireError {
  return new WireError('ServiceUnavailableException', status, 'Slow down.');
}

/** A server-side failure: 500 is `InternalFailure`, other 5xx `ServiceUnavailableException`. */
export function serverError(status: number): WireError {
  return status === 500
    ? new WireError('InternalFailure', 500, 'The request processing has failed because of an unknown error.')
    : new WireError('ServiceUnavailableException', status, 'Service Unavailable');
}

/** The body is not JSON of the operation's shape: the JSON protocols' SerializationException. */
export function serialization(message: string): WireError {
  return new WireError('SerializationException', 400, message);
}
