import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * zap's JSON encoder with the development encoder config (uber-go/zap config.go
 * `NewDevelopmentEncoderConfig`: TimeKey `T`, LevelKey `L`, NameKey `N`, CallerKey `C`, MessageKey
 * `M`, StacktraceKey `S`, `CapitalLevelEncoder`, `ISO8601TimeEncoder`), what
 * `cfg := zap.NewDevelopmentConfig(); cfg.Encoding = "json"` writes.
 */
describe('zap development JSON (goJson.ts zapDevelopment)', () => {
  it('reads the level, caller and message of the one-letter keys', () => {
    const { record, missing } = shippedLine(
      '{"L":"WARN","T":"2021-05-07T14:14:12.434+0800","C":"test/use_test.go:24","M":"failed to fetch URL","url":"http://example.com","attempt":3,"backoff":"1s"}\n',
      'zap-fn',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: 'zap-fn',
      message: 'failed to fetch URL',
      log_format: 'zap',
      T: '2021-05-07T14:14:12.434+0800',
      C: 'test/use_test.go:24',
      url: 'http://example.com',
      attempt: 3,
    });
    expect(record).not.toHaveProperty('exc_info');
    expect(missing).toEqual([]);
  });

  it('takes `N` as the name, `S` as the stack after the error’s text', () => {
    const { record, missing } = shippedLine(
      '{"L":"ERROR","T":"2023-11-01T10:47:57.081Z","N":"orders","C":"orders/store.go:41","M":"store failed","error":"dial tcp 10.0.0.1:5432: connect: connection refused","S":"main.(*Store).Put\\n\\t/app/orders/store.go:41\\nmain.main\\n\\t/app/main.go:12"}\n',
      'zap-fn',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'orders',
      message: 'store failed',
      exc_info:
        'dial tcp 10.0.0.1:5432: connect: connection refused\nmain.(*Store).Put\n\t/app/orders/store.go:41\nmain.main\n\t/app/main.go:12',
      error: 'dial tcp 10.0.0.1:5432: connect: connection refused',
    });
    expect(missing).toEqual([]);
  });

  it('keeps a field named `M` (written twice) as a field, zap’s message the record’s', () => {
    const { record, missing } = shippedLine(
      '{"L":"DPANIC","T":"2023-11-01T10:47:57.081Z","C":"main.go:10","M":"invariant broken","M":"from a field"}\n',
      'zap-fn',
    );
    expect(record).toMatchObject({ levelname: 'CRITICAL', message: 'invariant broken', M: 'from a field' });
    expect(missing).toEqual([]);
  });
});
