import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * slog's JSONHandler, zap's and zerolog's encoders check no field's key against another's: a key
 * given by `With` and again by the call is written twice (golang/go#59365, rs/zerolog#140), and
 * `JSON.parse` keeps only the last. The last is the field, the earlier one kept under
 * `shadowed_fields` (goJson.ts, goSlog.ts, duplicateKeys.ts).
 */
describe('Go JSON loggers: a field key written twice', () => {
  it('slog: keeps both values (golang/go#59365)', () => {
    const { record, missing } = shippedLine(
      '{"time":"2023-10-03T01:30:00Z","level":"INFO","msg":"this is the dedup overwrite handler","duplicated":"zero","duplicated":"one"}\n',
      'go-fn',
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      message: 'this is the dedup overwrite handler',
      log_format: 'go-slog',
      duplicated: 'one',
      shadowed_fields: { duplicated: 'zero' },
    });
    expect(missing).toEqual([]);
  });

  it('zap: the call’s request id is the record’s, the logger’s kept', () => {
    const { record, missing } = shippedLine(
      '{"level":"info","ts":1698835677.081,"caller":"handler/main.go:31","msg":"handled","request_id":"c6af9ac6-7b61-11e6-9a41-93e812345678","request_id":"52fdfc07-2182-154f-163f-5f0f9a621d72"}\n',
      'go-fn',
    );
    expect(record).toMatchObject({
      message: 'handled',
      aws_request_id: '52fdfc07-2182-154f-163f-5f0f9a621d72',
      shadowed_fields: { request_id: 'c6af9ac6-7b61-11e6-9a41-93e812345678' },
    });
    expect(missing).toEqual([]);
  });

  it('zerolog: a context field set again by the event', () => {
    const { record, missing } = shippedLine(
      '{"level":"warn","component":"db","component":"db.pool","time":"2023-11-01T10:47:57Z","message":"pool exhausted"}\n',
      'go-fn',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      message: 'pool exhausted',
      component: 'db.pool',
      shadowed_fields: { component: 'db' },
    });
    expect(missing).toEqual([]);
  });
});
