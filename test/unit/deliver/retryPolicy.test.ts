import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableCallError } from '../../../src/deliver/retryPolicy.js';

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
