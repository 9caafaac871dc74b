import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  classifyCallError,
  isRetryableCallError,
  absentEndpoint,
} from '../../../src/deliver/retryPolicy.js';

/** An error shaped as the SDK throws it for a service answer (name from `__type`, status in $metadata). */
function serviceError(name: string, status: number, message = ''): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('isRetryableCallError', () => {
  it('retries "Slow down." throttling whether Firehose answers it with 400 or 503', () => {
    expect(isRetryableCallError(serviceError('ServiceUnavailableException', 400, 'Slow down.'))).toBe(true);
    expect(isRetryableCallError(serviceError('ServiceUnavailableException', 503, 'Slow down.'))).toBe(true);
  });

  it('retries 5xx and 429 answers', () => {
    expect(isRetryableCallError(serviceError('InternalFailure', 500))).toBe(true);
    expect(isRetryableCallError(serviceError('Unknown', 502))).toBe(true);
    expect(isRetryableCallError(serviceError('TooManyRequests', 429))).toBe(true);
  });

  it('retries dropped connections and timeouts (no HTTP status)', () => {
    expect(isRetryableCallError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(
      true,
    );
    const abort = new Error('Request aborted');
    abort.name = 'AbortError';
    expect(isRetryableCallError(abort)).toBe(true);
  });

  it('does not retry errors that will fail the same way every time', () => {
    expect(
      isRetryableCallError(serviceError('ResourceNotFoundException', 400, 'Firehose logging-test not found')),
    ).toBe(false);
    expect(isRetryableCallError(serviceError('InvalidArgumentException', 400))).toBe(false);
    expect(isRetryableCallError(serviceError('AccessDeniedException', 400))).toBe(false);
  });

  it('retries a signature refused for clock skew, which the SDK corrects on the next request', () => {
    expect(
      isRetryableCallError(
        serviceError('InvalidSignatureException', 400, 'Signature expired: 20200511T124444Z'),
      ),
    ).toBe(true);
    expect(
      isRetryableCallError(
        serviceError('InvalidSignatureException', 400, 'The request signature we calculated does not match'),
      ),
    ).toBe(false);
  });
});

describe('classifyCallError: odd answers', () => {
  const call = { deliveryStreamName: 'logging-test', records: 500, bytes: 390_000 };

  it('retries a 200 whose body is not JSON (the records may have arrived), saying so', () => {
    const unreadable = serviceError(
      'SyntaxError',
      200,
      `Unexpected token '<', "<html>" is not valid JSON\n  Deserialization error: to see the raw response...`,
    );
    expect(isRetryableCallError(unreadable)).toBe(true);
    const verdict = classifyCallError(unreadable, call);
    expect(verdict.code).toBe('UnreadableResponse');
    expect(verdict.message).toContain('HTTP 200');
    expect(verdict.message).not.toContain('Deserialization error');
  });

  it('gives up on a 413 at once, with the HTTP status and the call size in the message', () => {
    const verdict = classifyCallError(serviceError('SyntaxError', 413, 'Unexpected token'), call);
    expect(verdict.retryable).toBe(false);
    expect(verdict.message).toContain('HTTP 413');
    expect(verdict.message).toContain('500 records, 390000 bytes');
  });

  it('gives up at once on missing credentials, telling the user to set them', () => {
    const missing = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    expect(isRetryableCallError(missing)).toBe(false);
    const { message } = classifyCallError(missing, call);
    expect(message).toContain('set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    expect(message).toContain('Could not load credentials from any providers');
  });

  it('names the stream and the param to fix for an unknown stream', () => {
    const verdict = classifyCallError(
      serviceError(
        'ResourceNotFoundException',
        400,
        'Firehose logging-test under account 000000000000 not found.',
      ),
      call,
    );
    expect(verdict).toMatchObject({ code: 'ResourceNotFoundException', retryable: false });
    expect(verdict.message).toContain('"logging-test"');
    expect(verdict.message).toContain('deliveryStreamName param (env DELIVERY_STREAM_NAME)');
  });

  it('says what to fix for access denied, refused credentials and an invalid request', () => {
    expect(
      classifyCallError(serviceError('AccessDeniedException', 400, 'User is not authorized'), call).message,
    ).toContain('firehose:PutRecordBatch');
    expect(
      classifyCallError(
        serviceError('UnrecognizedClientException', 400, 'The security token is invalid'),
        call,
      ).message,
    ).toContain('AWS_ACCESS_KEY_ID');
    const invalid = classifyCallError(
      serviceError('InvalidArgumentException', 400, 'Records size exceeds'),
      call,
    );
    expect(invalid.retryable).toBe(false);
    expect(invalid.message).toContain('Records size exceeds');
  });

  it('names a network error by its code and retries it', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(classifyCallError(refused, call)).toEqual({
      code: 'ECONNREFUSED',
      message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1',
      retryable: true,
    });
  });

  it('marks a connection refused by a loopback address as an absent endpoint, still retryable (delivery judges the grace)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4999'), {
      code: 'ECONNREFUSED',
      address: '127.0.0.1',
      port: 4999,
    });
    expect(classifyCallError(refused, call)).toMatchObject({
      code: 'ECONNREFUSED',
      retryable: true,
      absentEndpoint: 'nothing listens at 127.0.0.1:4999',
    });
  });

  it('names the HTTP status of a 5xx the SDK cannot name', () => {
    const verdict = classifyCallError(serviceError('Unknown', 502, 'UnknownError'), call);
    expect(verdict).toMatchObject({ code: 'HTTP502', retryable: true });
    expect(verdict.message).toContain('HTTP 502');
  });
});

describe('backoffDelay', () => {
  const options = { baseMs: 100, capMs: 5_000 };

  it('draws uniformly below base·2^retry (full jitter)', () => {
    expect(backoffDelay(0, options, () => 0)).toBe(0);
    expect(backoffDelay(0, options, () => 0.999)).toBe(99);
    expect(backoffDelay(3, options, () => 0.5)).toBe(400);
  });

  it('never waits longer than the cap, however many retries', () => {
    expect(backoffDelay(10, options, () => 0.999)).toBe(4_995);
    expect(backoffDelay(1_000, options, () => 0.999)).toBe(4_995);
  });
});

describe('absentEndpoint', () => {
  const netError = (code: string, address: string, port?: number): Error =>
    Object.assign(new Error(`connect ${code} ${address}`), { code, address, port });

  it('names the address and port of a connection refused on loopback, IPv4, IPv6 and IPv4-mapped', () => {
    expect(absentEndpoint(netError('ECONNREFUSED', '127.0.0.1', 4573))).toBe(
      'nothing listens at 127.0.0.1:4573',
    );
    expect(absentEndpoint(netError('ECONNREFUSED', '127.1.2.3', 80))).toBe('nothing listens at 127.1.2.3:80');
    expect(absentEndpoint(netError('ECONNREFUSED', '::1', 4573))).toBe('nothing listens at [::1]:4573');
    expect(absentEndpoint(netError('ECONNREFUSED', '::ffff:127.0.0.1', 1))).toBe(
      'nothing listens at [::ffff:127.0.0.1]:1',
    );
  });

  it('reads an AggregateError of several addresses only when every one of them is a loopback refusal', () => {
    const both = Object.assign(
      new AggregateError([netError('ECONNREFUSED', '::1', 9), netError('ECONNREFUSED', '127.0.0.1', 9)]),
      {
        code: 'ECONNREFUSED',
      },
    );
    expect(absentEndpoint(both)).toBe('nothing listens at [::1]:9');
    const mixed = Object.assign(
      new AggregateError([netError('ECONNREFUSED', '127.0.0.1', 9), netError('ETIMEDOUT', '10.0.0.5', 9)]),
      {
        code: 'ECONNREFUSED',
      },
    );
    expect(absentEndpoint(mixed)).toBeUndefined();
  });

  it('names a host that does not resolve (ENOTFOUND), but not a DNS server failing for a while (EAI_AGAIN)', () => {
    const lookup = (code: string): Error =>
      Object.assign(new Error(`getaddrinfo ${code} locahost`), {
        code,
        hostname: 'locahost',
        syscall: 'getaddrinfo',
      });
    expect(absentEndpoint(lookup('ENOTFOUND'))).toBe('the host locahost does not resolve');
    expect(absentEndpoint(lookup('EAI_AGAIN'))).toBeUndefined();
  });

  it('leaves every other network error to the time-bounded retries: remote refusals, resets, timeouts', () => {
    expect(absentEndpoint(netError('ECONNREFUSED', '10.0.0.5', 443))).toBeUndefined();
    expect(absentEndpoint(netError('ECONNREFUSED', '52.94.1.1', 443))).toBeUndefined();
    expect(absentEndpoint(netError('ECONNRESET', '127.0.0.1', 4573))).toBeUndefined();
    expect(absentEndpoint(netError('ETIMEDOUT', '127.0.0.1', 4573))).toBeUndefined();
    expect(absentEndpoint(new Error('connect ECONNREFUSED 127.0.0.1:1'))).toBeUndefined();
    expect(absentEndpoint('ECONNREFUSED')).toBeUndefined();
    const remote = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:443'), {
      code: 'ECONNREFUSED',
      address: '10.0.0.5',
      port: 443,
    });
    expect(classifyCallError(remote, { deliveryStreamName: 's', records: 1, bytes: 1 })).not.toHaveProperty(
      'absentEndpoint',
    );
  });
});
