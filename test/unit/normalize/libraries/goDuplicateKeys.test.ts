import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Go's JSON loggers do not check a field's name against their own keys: zap (`zap.String("msg",
 * …)`, zapcore/json_encoder.go), slog (`slog.String("msg", …)`, log/slog/handler.go) and zerolog
 * (`.Str("message", …)`, event.go) write the key twice, and `JSON.parse` keeps only the last.
 */
describe('Go JSON loggers: a field named like the library’s own key (duplicateKeys.ts)', () => {
  it('zap: the logged message and level stay the record’s; the fields keep their values', () => {
    const { record, missing } = shippedLine(
      '{"level":"error","ts":1698835677.081,"caller":"app/main.go:12","msg":"order failed","msg":"order-7","level":"gold"}\n',
      'go-fn',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'order failed',
      log_format: 'zap',
      msg: 'order-7',
      level: 'gold',
      caller: 'app/main.go:12',
    });
    expect(missing).toEqual([]);
  });

  it('zap: a library key the record keeps as a field moves to zap_<key> beside the field’s value', () => {
    const { record, missing } = shippedLine(
      '{"level":"info","ts":1698835677.081,"msg":"tick","ts":"user-ts"}\n',
      'go-fn',
    );
    expect(record).toMatchObject({ message: 'tick', ts: 'user-ts', zap_ts: 1698835677.081 });
    expect(missing).toEqual([]);
  });

  it('slog: the handler’s msg is the message, the attribute’s a field', () => {
    const { record, missing } = shippedLine(
      '{"time":"2023-11-01T10:47:57.081Z","level":"WARN","msg":"slow query","msg":"select 1","ms":900}\n',
      'go-fn',
    );
    expect(record).toMatchObject({ levelname: 'WARNING', message: 'slow query', msg: 'select 1', ms: 900 });
    expect(missing).toEqual([]);
  });

  it('zerolog: Msg writes the message last, so the earlier field’s value is kept under original_fields', () => {
    const { record, missing } = shippedLine(
      '{"level":"error","message":"user text","order":7,"time":"2023-11-01T10:47:57Z","message":"payment failed"}\n',
      'go-fn',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'payment failed',
      log_format: 'zerolog',
      original_fields: { message: 'user text' },
    });
    expect(missing).toEqual([]);
  });

  it('leaves a line alone when the second key is a nested object’s', () => {
    const { record } = shippedLine(
      '{"level":"info","ts":1698835677.081,"msg":"request","req":{"msg":"inner"}}\n',
      'go-fn',
    );
    expect(record).toMatchObject({ message: 'request', req: { msg: 'inner' } });
    expect(record).not.toHaveProperty('msg');
  });
});
