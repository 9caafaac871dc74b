import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * pino's `messageKey` option (pinojs/pino docs/api.md `messageKey`, default `msg`) moves the
 * message; `message` is the usual choice (Google Cloud Logging, Datadog conventions).
 */
describe('pino with messageKey: "message" (pino.ts)', () => {
  it('takes `message` for the message when the line has no `msg`', () => {
    const { record, missing } = shippedLine(
      '{"level":30,"time":1698835677081,"pid":8,"hostname":"169.254.1.1","message":"order stored","orderId":42}\n',
      'pino-fn',
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      message: 'order stored',
      log_format: 'pino',
      orderId: 42,
    });
    expect(record).not.toHaveProperty('original_fields');
    expect(missing).toEqual([]);
  });

  it('keeps `msg` the message when a line has both, `message` a field of its own', () => {
    const { record } = shippedLine(
      '{"level":50,"time":1698835677081,"pid":8,"hostname":"h","msg":"failed","message":"from the caller"}\n',
      'pino-fn',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'failed',
      original_fields: { message: 'from the caller' },
    });
  });
});
