import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * pino concatenates the level and time, the bindings (`base`'s pid and hostname, each child's)
 * and the call's object without merging them (lib/tools.js `asJson`): a key set by a binding and
 * again by the call, or by a child's child, is written twice (docs/child-loggers.md "Duplicate
 * keys caveat"; the lines of pinojs/pino#625), and `JSON.parse` keeps only the last.
 */
describe('pino: a key written twice (pino.ts, duplicateKeys.ts)', () => {
  it('keeps the call’s value as the field and the child’s binding under pino_bindings', () => {
    const { record, missing } = shippedLine(
      '{"level":30,"time":1554156372575,"pid":9088,"hostname":"MLP-0U8HV2H","a":"prop","b":"prop","a":"new prop","v":1}\n',
      'pino-fn',
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      name: 'pino-fn',
      log_format: 'pino',
      a: 'new prop',
      b: 'prop',
      pino_bindings: { a: 'prop' },
    });
    expect(missing).toEqual([]);
  });

  it('keeps both of a child’s child’s bindings (docs/child-loggers.md)', () => {
    const { record, missing } = shippedLine(
      '{"pid":95469,"hostname":"MacBook-Pro-3.home","level":30,"msg":"howdy","time":1459534114473,"a":"property","a":"prop","v":1}\n',
      'pino-fn',
    );
    expect(record).toMatchObject({ message: 'howdy', a: 'prop', pino_bindings: { a: 'property' } });
    expect(missing).toEqual([]);
  });

  it('names the record after the child’s `name`, the root’s kept', () => {
    const { record, missing } = shippedLine(
      '{"level":40,"time":1698835677081,"pid":8,"hostname":"169.254.1.1","name":"api","name":"api:orders","msg":"slow query"}\n',
      'pino-fn',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: 'api:orders',
      message: 'slow query',
      pino_bindings: { name: 'api' },
    });
    expect(missing).toEqual([]);
  });

  it('takes the call’s request id, the binding’s kept, and both errors of a binding and a call', () => {
    const { record, missing } = shippedLine(
      '{"level":50,"time":1698835677081,"pid":8,"hostname":"h","requestId":"c6af9ac6-7b61-11e6-9a41-93e812345678","err":{"type":"Error","message":"first","stack":"Error: first\\n    at a (/var/task/a.js:1:1)"},"requestId":"52fdfc07-2182-154f-163f-5f0f9a621d72","err":{"type":"Error","message":"second","stack":"Error: second\\n    at b (/var/task/b.js:2:2)"},"msg":"two errors"}\n',
      'pino-fn',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'two errors',
      aws_request_id: '52fdfc07-2182-154f-163f-5f0f9a621d72',
      exc_info: 'Error: second\n    at b (/var/task/b.js:2:2)',
      err: { type: 'Error', message: 'second' },
      pino_bindings: {
        requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
        err: { type: 'Error', message: 'first', stack: 'Error: first\n    at a (/var/task/a.js:1:1)' },
      },
    });
    expect(missing).toEqual([]);
  });

  it('keeps pino’s message and level, the call’s `msg` and `level` as fields', () => {
    const { record, missing } = shippedLine(
      '{"level":30,"time":1698835677081,"pid":8,"hostname":"h","level":"debug","msg":"from the object","msg":"order stored"}\n',
      'pino-fn',
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      message: 'order stored',
      msg: 'from the object',
      level: 'debug',
    });
    expect(record).not.toHaveProperty('pino_bindings');
    expect(missing).toEqual([]);
  });

  it('reads pino ≤ 6’s lines, which end with `"v":1`, as pino', () => {
    const { record, missing } = shippedLine(
      '{"level":30,"time":1554156372574,"pid":9088,"hostname":"MLP-0U8HV2H","msg":"test","v":1}\n',
      'pino-fn',
    );
    expect(record).toMatchObject({ levelname: 'INFO', message: 'test', log_format: 'pino', v: 1 });
    expect(missing).toEqual([]);
  });

  it('leaves a line whose keys occur once, and a nested key named like a top-level one, as it was', () => {
    const { record, missing } = shippedLine(
      '{"level":30,"time":1698835677081,"pid":8,"hostname":"h","req":{"id":1,"msg":"inner"},"id":5,"msg":"request completed"}\n',
      'pino-fn',
    );
    expect(record).toMatchObject({ message: 'request completed', req: { id: 1, msg: 'inner' }, id: 5 });
    expect(record).not.toHaveProperty('pino_bindings');
    expect(missing).toEqual([]);
  });
});
