import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * NestJS beyond Nest 8's text line (formats/nestjs.ts): Nest ≤ 7's line without a level word and
 * Nest 11's `json: true` records, inspected (11.0) or JSON (later). All were text or generic JSON.
 */
const shipped = (line: string) => shippedLine(line, 'api-fn');

describe("Nest ≤ 7's Logger (nestjs.ts)", () => {
  it('reads the context as the name, the pid, the time and the diff; INFO without a colour', () => {
    const { record, missing } = shipped(
      '[Nest] 2562650   - 19/04/2021, 19:11:42   [NestFactory] Starting Nest application... +68ms\n',
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      name: 'NestFactory',
      message: 'Starting Nest application...',
      log_format: 'nestjs',
      prefix: 'Nest',
      pid: 2562650,
      time: '19/04/2021, 19:11:42',
      timestamp_diff: '+68ms',
    });
    expect(missing).toEqual([]);
  });

  it("takes the level from the prefix's colour, the stack printed after as exc_info", () => {
    const { record, missing } = shipped(
      '\u001b[31m[Nest] 1   - \u001b[39m04/19/2021, 7:11:42 PM   \u001b[38;5;3m[ExceptionsHandler] \u001b[39m\u001b[31mboom\u001b[39m\u001b[38;5;3m +2ms\u001b[39m\nError: boom\n    at AppService.get (/var/task/app.service.js:12:20)\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'ExceptionsHandler',
      message: 'boom',
      exc_info: 'Error: boom\n    at AppService.get (/var/task/app.service.js:12:20)',
      timestamp_diff: '+2ms',
    });
    expect(missing).toEqual([]);
    const warn =
      '\u001b[33m[Nest] 1   - \u001b[39m2019-03-24 15:11   \u001b[38;5;3m[Cache] \u001b[39m\u001b[33mslow\u001b[39m\n';
    expect(shipped(warn).record).toMatchObject({
      levelname: 'WARNING',
      name: 'Cache',
      time: '2019-03-24 15:11',
    });
    expect(shipped(warn.replace('[33m[Nest]', '[95m[Nest]')).record.levelname).toBe('DEBUG');
  });

  it('keeps a message without a context', () => {
    expect(
      shipped('[Nest] 12364   - 09/05/2020, 1:04:21 PM   Listening at http://localhost:3333/api +478ms\n')
        .record,
    ).toMatchObject({
      name: 'api-fn',
      message: 'Listening at http://localhost:3333/api',
      timestamp_diff: '+478ms',
    });
  });
});

describe("Nest 11's ConsoleLogger({ json: true }) (nestjs.ts)", () => {
  it("reads 11.0's inspected object: level, context as the name, the message unquoted", () => {
    const { record, missing } = shipped(
      "{ level: 'log', pid: 8, timestamp: 1698835677081, message: 'Starting Nest application...', context: 'NestFactory' }\n",
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      name: 'NestFactory',
      message: 'Starting Nest application...',
      log_format: 'nestjs',
      level: 'log',
      pid: 8,
      timestamp: 1698835677081,
    });
    expect(missing).toEqual([]);
  });

  it('takes the stack as exc_info (kept as inspect escaped it), coloured or not', () => {
    const { record, missing } = shipped(
      "{ level: 'error', pid: 8, timestamp: 1698835677081, message: 'boom', context: 'ExceptionsHandler', stack: 'Error: boom\\n    at AppService.get (/var/task/app.service.js:12:20)' }\n",
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'ExceptionsHandler',
      message: 'boom',
      exc_info: 'Error: boom\n    at AppService.get (/var/task/app.service.js:12:20)',
    });
    expect(missing).toEqual([]);
    const coloured = shipped(
      "{ level: \u001b[32m'warn'\u001b[39m, pid: \u001b[33m8\u001b[39m, timestamp: \u001b[33m1698835677081\u001b[39m, message: \u001b[32m'slow'\u001b[39m, context: \u001b[32m'App'\u001b[39m }\n",
    );
    expect(coloured.record).toMatchObject({ levelname: 'WARNING', name: 'App', message: 'slow' });
    expect(coloured.missing).toEqual([]);
  });

  it("keeps a subclass' own entries and an object message as inspect wrote it", () => {
    const { record, missing } = shipped(
      "{ level: 'debug', pid: 5, timestamp: 1776372927726, correlationId: '04d94fef', message: { key: '1' }, context: 'CacheService' }\n",
    );
    expect(record).toMatchObject({
      levelname: 'DEBUG',
      name: 'CacheService',
      message: "{ key: '1' }",
      correlationId: '04d94fef',
    });
    expect(missing).toEqual([]);
  });

  it('reads the JSON records of later 11.x (nestjs-json), not as winston', () => {
    const { record, missing } = shipped(
      '{"level":"error","pid":8,"timestamp":1698835677081,"message":"boom","context":"ExceptionsHandler","stack":"Error: boom\\n    at AppService.get (/var/task/app.service.js:12:20)"}\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'ExceptionsHandler',
      message: 'boom',
      exc_info: 'Error: boom\n    at AppService.get (/var/task/app.service.js:12:20)',
      log_format: 'nestjs-json',
      pid: 8,
    });
    expect(missing).toEqual([]);
    expect(
      shipped('{"level":"log","pid":1,"timestamp":1,"message":"up","context":"App"}\n').record,
    ).toMatchObject({
      levelname: 'INFO',
      level: 'log',
      name: 'App',
    });
    // winston's own records: a string timestamp, no pid.
    expect(
      shipped('{"level":"error","message":"boom","timestamp":"2023-11-01T10:47:57.081Z"}\n').record
        .log_format,
    ).toBe('winston');
  });
});
