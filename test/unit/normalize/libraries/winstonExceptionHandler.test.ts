import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * winston's `handleExceptions` / `handleRejections` (winstonjs/winston
 * lib/winston/exception-handler.js, rejection-handler.js `getAllInfo`): `message` is
 * `uncaughtException: <message>` and the error's stack on the lines after it, the stack also under
 * `stack`, with `exception: true` (`rejection: true`), `process`, `os` and `trace`.
 */
describe('winston: an uncaught exception or rejection logged by its handler (winston.ts)', () => {
  const stack =
    'Error: connect ECONNREFUSED 127.0.0.1:5432\\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)';
  it('keeps the headline as the message, the stack as exc_info', () => {
    const { record, missing } = shippedLine(
      `{"error":{"errno":-111,"code":"ECONNREFUSED"},"level":"error","message":"uncaughtException: connect ECONNREFUSED 127.0.0.1:5432\\n${stack}","stack":"${stack}","exception":true,"date":"Wed Nov 01 2023 10:47:57 GMT+0000 (Coordinated Universal Time)","process":{"pid":8,"uid":993,"gid":990,"cwd":"/var/task","execPath":"/var/lang/bin/node","version":"v18.18.0","argv":["/var/lang/bin/node","/var/runtime/index.mjs"],"memoryUsage":{"rss":70000000}},"os":{"loadavg":[0,0,0],"uptime":120},"trace":[{"column":16,"file":"node:net","function":"TCPConnectWrap.afterConnect [as oncomplete]","line":1555,"method":"afterConnect [as oncomplete]","native":false}]}\n`,
      'winston-fn',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'uncaughtException: connect ECONNREFUSED 127.0.0.1:5432',
      exc_info:
        'Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
      log_format: 'winston',
      exception: true,
      error: { code: 'ECONNREFUSED' },
      process: { pid: 8 },
    });
    expect(missing).toEqual([]);
  });

  it('reads an unhandled rejection the same way', () => {
    const { record, missing } = shippedLine(
      '{"error":{},"level":"error","message":"unhandledRejection: nope\\nError: nope\\n    at main (/var/task/index.js:4:9)","stack":"Error: nope\\n    at main (/var/task/index.js:4:9)","rejection":true,"date":"Wed Nov 01 2023 10:47:57 GMT+0000 (Coordinated Universal Time)","process":{"pid":8},"os":{"uptime":120},"trace":[]}\n',
      'winston-fn',
    );
    expect(record).toMatchObject({
      message: 'unhandledRejection: nope',
      exc_info: 'Error: nope\n    at main (/var/task/index.js:4:9)',
      rejection: true,
    });
    expect(missing).toEqual([]);
  });

  it('leaves a logged message that holds a stack of its own but no handler’s flag as it was', () => {
    const { record } = shippedLine(
      '{"level":"error","message":"failed\\nError: x\\n    at f (/var/task/a.js:1:1)","stack":"Error: x\\n    at f (/var/task/a.js:1:1)"}\n',
      'winston-fn',
    );
    expect(record.message).toBe('failed\nError: x\n    at f (/var/task/a.js:1:1)');
  });
});
