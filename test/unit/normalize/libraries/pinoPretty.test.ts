import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * pino-pretty's default output: `[time] LEVEL (name/pid on host) <caller>: message`, then the
 * record's other keys indented by four spaces, an error key's `"stack":` printed as its lines
 * (pinojs/pino-pretty lib/pretty.js, lib/utils/prettify-metadata.js, prettify-object.js,
 * prettify-error.js, prettify-error-log.js; test/basic.test.js, test/error-objects.test.js).
 */
const shipped = (line: string) => shippedLine(line, 'node-fn');

describe('pino-pretty output (pinoPretty.ts)', () => {
  it('reads the level, the name, pid and hostname of the head, keeping the group as written', () => {
    const { record, missing } = shipped('[17:35:28.992] ERROR (orders/42 on ip-10-0-0-1): request failed\n');
    expect(record).toMatchObject({
      log_format: 'pino-pretty',
      levelname: 'ERROR',
      name: 'orders',
      message: 'request failed',
      pid: 42,
      hostname: 'ip-10-0-0-1',
      metadata: 'orders/42 on ip-10-0-0-1',
      time: '17:35:28.992',
    });
    expect(missing).toEqual([]);
  });

  it('reads a pid alone, a caller, an epoch time and USERLVL (INFO, spelling kept)', () => {
    expect(shipped('[1700000000000] WARN (42) </tmp/script.js>: slow\n').record).toMatchObject({
      levelname: 'WARNING',
      message: 'slow',
      pid: 42,
      caller: '/tmp/script.js',
      time: '1700000000000',
    });
    expect(shipped('[17:35:28.992] USERLVL (42): custom\n').record).toMatchObject({
      levelname: 'INFO',
      level: 'USERLVL',
      message: 'custom',
    });
  });

  it('reads the coloured level and message', () => {
    const { record } = shipped('[17:35:28.992] \u001B[32mINFO\u001B[39m (42): \u001B[36mfoo\u001B[39m\n');
    expect(record).toMatchObject({ log_format: 'pino-pretty', levelname: 'INFO', message: 'foo', pid: 42 });
  });

  it('reads the indented keys delivered with the head as fields', () => {
    const { record, missing } = shipped(
      '[17:35:28.992] INFO (42):\n    a: {\n      "b": "c"\n    }\n    n: null\n    reqId: "r-1"\n',
    );
    expect(record).toMatchObject({ message: '', a: { b: 'c' }, n: null, reqId: 'r-1' });
    expect(missing).toEqual([]);
  });

  it('takes an error key’s stack as exc_info, the error staying whole, its later members too', () => {
    const { record, missing } = shipped(
      [
        '[17:35:28.992] ERROR (42): request failed',
        '    err: {',
        '      "type": "Error",',
        '      "message": "boom",',
        '      "stack":',
        '          Error: boom',
        '              at handler (/var/task/index.js:3:9)',
        '      "statusCode": 500',
        '    }',
      ].join('\n') + '\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'request failed',
      exc_info: 'Error: boom\n    at handler (/var/task/index.js:3:9)',
      err: { type: 'Error', message: 'boom', statusCode: 500 },
    });
    expect(missing).toEqual([]);
  });

  it('takes the stack of pino < 7’s error record, printed right under the head', () => {
    const { record, missing } = shipped(
      '[17:35:28.992] ERROR (42): hello world\n    Error: hello world\n        at Object.<anonymous> (/tmp/app.js:3:13)\n',
    );
    expect(record).toMatchObject({
      message: 'hello world',
      exc_info: 'Error: hello world\n    at Object.<anonymous> (/tmp/app.js:3:13)',
    });
    expect(missing).toEqual([]);
  });

  it('keeps lines after the head that are no pino-pretty block as text', () => {
    const { record, missing } = shipped('[17:35:28.992] INFO (42): first\nsecond line\n');
    expect(record).toMatchObject({ log_format: 'pino-pretty', message: 'first\nsecond line' });
    expect(missing).toEqual([]);
  });

  it('leaves the other bracketed heads to their formats', () => {
    expect(shipped('[12:34:56 INF] Hello\n').record.log_format).toBe('serilog-text');
    expect(shipped('[2024-01-01 00:00:00 +0000] [8] [INFO] Booting worker\n').record.log_format).toBe(
      'gunicorn',
    );
    expect(shipped('[2017-03-30T07:57:00.113] [ERROR] cheese - ripe\n').record.log_format).toBe('log4js');
    expect(shipped('[13-Oct-2023 08:01:38] WARNING: [pool default] busy\n').record.log_format).not.toBe(
      'pino-pretty',
    );
    expect(shipped('[12:00:00] NOTICE: something\n').record.log_format).not.toBe('pino-pretty');
  });
});
