import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * NLog's layouts (formats/nlog.ts) and Rust's env_logger (formats/envLogger.ts): both were text
 * before (or, for `[WARN  target] `, an extension named `WARN  target`), the level, the logger and
 * the exception left in the message.
 */
const shipped = (line: string) => shippedLine(line, 'api-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';
const FRAME = '   at MyApp.Worker.Run() in /src/Worker.cs:line 12';

describe("NLog's layouts (nlog.ts)", () => {
  it("reads the default layout's level, logger and message", () => {
    const { record, missing } = shipped('2023-11-01 10:47:57.0811|INFO|MyApp.Worker|started\n');
    expect(record).toMatchObject({
      log_format: 'nlog',
      levelname: 'INFO',
      name: 'MyApp.Worker',
      message: 'started',
    });
    expect(record.exc_info).toBeUndefined();
    expect(missing).toEqual([]);
  });

  it.each([
    ["NLog 5's '|'", '|'],
    ["NLog 4's line break", '\n'],
    ['a space', ' '],
  ])('takes the exception withexception=true writes after %s as exc_info', (_label, separator) => {
    const { record, missing } = shipped(
      `2023-11-01 10:47:57.0811|ERROR|MyApp.Worker|Failed to process${separator}System.InvalidOperationException: boom\n${FRAME}\n`,
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'MyApp.Worker',
      message: 'Failed to process',
      exc_info: `System.InvalidOperationException: boom\n${FRAME}`,
    });
    expect(missing).toEqual([]);
  });

  it('takes an exception with no frames (never thrown) as exc_info too', () => {
    expect(
      shipped(
        '2023-11-01 10:47:57.0811|ERROR|MyApp.Worker|Failed to process System.InvalidOperationException: boom',
      ).record,
    ).toMatchObject({ message: 'Failed to process', exc_info: 'System.InvalidOperationException: boom' });
  });

  it('leaves an unqualified word ending in Exception in the message', () => {
    const { record } = shipped(
      '2023-11-01 10:47:57.0811|WARN|MyApp.Worker|Retrying after TimeoutException: slow',
    );
    expect(record).toMatchObject({ levelname: 'WARNING', message: 'Retrying after TimeoutException: slow' });
    expect(record.exc_info).toBeUndefined();
  });

  it("maps TRACE, FATAL and ${level}'s own spelling (Warn)", () => {
    expect(shipped('2023-11-01 10:47:57.0811|TRACE|A.B|x').record.levelname).toBe('DEBUG');
    expect(shipped('2023-11-01 10:47:57.0811|FATAL|A.B|x').record.levelname).toBe('CRITICAL');
    expect(shipped('2023-11-01 10:47:57.0811|Warn|A.B|x').record.levelname).toBe('WARNING');
  });

  it("keeps NLog.Web's event id column as event_id", () => {
    const { record, missing } = shipped(
      '2021-03-24 14:01:35.3760|14|INFO|Microsoft.Hosting.Lifetime|Now listening on: https://localhost:5001 \n',
    );
    expect(record).toMatchObject({
      name: 'Microsoft.Hosting.Lifetime',
      message: 'Now listening on: https://localhost:5001',
      event_id: 14,
    });
    expect(missing).toEqual([]);
  });

  it('reads the space-separated layout when the logger is a qualified class name', () => {
    const { record, missing } = shipped(
      `2023-11-01 10:47:57.0811 ERROR MyApp.Worker Failed to process System.InvalidOperationException: boom\n${FRAME}\n`,
    );
    expect(record).toMatchObject({
      log_format: 'nlog',
      levelname: 'ERROR',
      name: 'MyApp.Worker',
      message: 'Failed to process',
      exc_info: `System.InvalidOperationException: boom\n${FRAME}`,
    });
    expect(missing).toEqual([]);
    // A bare word there may be the message's: the line stays a level-word line.
    expect(shipped('2023-11-01 10:47:57.0811 INFO Starting up').record.log_format).toBe('level-word');
  });

  it("is read inside the .NET runtime's prefix, the body's level winning", () => {
    const { record } = shipped(
      `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tinfo\t2023-11-01 10:47:57.0811|WARN|MyApp.Worker|slow\n`,
    );
    expect(record).toMatchObject({
      log_format: 'lambda-dotnet/nlog',
      levelname: 'WARNING',
      name: 'MyApp.Worker',
      message: 'slow',
      aws_request_id: REQUEST_ID,
    });
  });

  it("is not read inside the Node.js runtime's prefix", () => {
    const line = `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\t2023-11-01 10:47:57.0811|WARN|MyApp.Worker|slow\n`;
    expect(shipped(line).record.log_format).toBe('lambda-nodejs');
  });
});

describe("Rust's env_logger (envLogger.ts)", () => {
  it('reads the default header: time, padded level, target', () => {
    const { record, missing } = shipped('[2023-11-01T10:47:57Z INFO  my_crate] starting up\n');
    expect(record).toMatchObject({
      log_format: 'env-logger',
      levelname: 'INFO',
      name: 'my_crate',
      message: 'starting up',
    });
    expect(missing).toEqual([]);
  });

  it.each([
    ['ERROR', 'ERROR'],
    ['WARN ', 'WARNING'],
    ['DEBUG', 'DEBUG'],
    ['TRACE', 'DEBUG'],
  ])('maps %s to %s', (level, levelname) => {
    expect(shipped(`[2023-11-01T10:47:57Z ${level} my_crate::db] connection refused`).record).toMatchObject({
      levelname,
      name: 'my_crate::db',
      message: 'connection refused',
    });
  });

  it("reads the time's other precisions, no time, and no target", () => {
    expect(shipped('[2023-11-01T10:47:57.081Z INFO  a] m').record.name).toBe('a');
    expect(shipped('[2023-11-01T10:47:57.081234567Z INFO  a] m').record.name).toBe('a');
    expect(shipped('[WARN  a::b] m').record).toMatchObject({
      levelname: 'WARNING',
      name: 'a::b',
      message: 'm',
    });
    expect(shipped('[2023-11-01T10:47:57Z INFO ] m').record).toMatchObject({
      log_format: 'env-logger',
      name: 'api-fn',
      message: 'm',
    });
  });

  it('keeps the module path written beside the target as module_path', () => {
    const { record, missing } = shipped('[2023-11-01T10:47:57Z INFO  my_crate::db sql] select 1');
    expect(record).toMatchObject({ name: 'sql', module_path: 'my_crate::db', message: 'select 1' });
    expect(missing).toEqual([]);
  });

  it('reads a coloured header as the plain one', () => {
    const plain = shipped('[2023-11-01T10:47:57Z ERROR my_crate] boom').record;
    const coloured = shipped(
      '\u001b[2m[\u001b[0m2023-11-01T10:47:57Z \u001b[31mERROR\u001b[0m my_crate\u001b[2m]\u001b[0m boom',
    );
    expect(coloured.record).toEqual(plain);
    expect(coloured.missing).toEqual([]);
  });

  it("reads env_logger 0.5's ` INFO <time>: module: msg`", () => {
    const { record, missing } = shipped(
      ' INFO 2018-10-24T11:45:42Z: actix_web::server::srv: Starting 4 http workers',
    );
    expect(record).toMatchObject({
      log_format: 'env-logger',
      levelname: 'INFO',
      name: 'actix_web::server::srv',
      message: 'Starting 4 http workers',
    });
    expect(missing).toEqual([]);
  });

  it("reads pretty_env_logger's ` LEVEL target > msg`, padded, coloured and timed", () => {
    const { record, missing } = shipped(' ERROR my_app::db       > connection refused');
    expect(record).toMatchObject({
      log_format: 'env-logger',
      levelname: 'ERROR',
      name: 'my_app::db',
      message: 'connection refused',
    });
    expect(missing).toEqual([]);
    const coloured = shipped(' \u001b[32mINFO \u001b[0m \u001b[1mmy_app\u001b[0m > starting up');
    expect(coloured.record).toMatchObject({ levelname: 'INFO', name: 'my_app', message: 'starting up' });
    expect(coloured.missing).toEqual([]);
    expect(shipped(' 2023-11-01T10:47:57.081Z WARN  my_app > slow').record).toMatchObject({
      levelname: 'WARNING',
      name: 'my_app',
      message: 'slow',
    });
    expect(shipped(' INFO  hello world').record.log_format).toBe('text');
  });

  it("reads env_logger ≤ 0.4's `LEVEL:module::path: msg` (servo/servo#14820), the module path the name", () => {
    const { record, missing } = shipped(
      'ERROR:script::dom::bindings::error: Error at http://images.apple.com/v/home/cz/built/scripts/main.built.js:1916:23 a is undefined',
    );
    expect(record).toMatchObject({
      log_format: 'env-logger',
      levelname: 'ERROR',
      name: 'script::dom::bindings::error',
      message:
        'Error at http://images.apple.com/v/home/cz/built/scripts/main.built.js:1916:23 a is undefined',
    });
    expect(missing).toEqual([]);
    expect(shipped('TRACE:mio::poll: registering with poller').record).toMatchObject({
      levelname: 'DEBUG',
      name: 'mio::poll',
      message: 'registering with poller',
    });
  });

  it("takes a crate root's one-segment path only with WARN and TRACE, which Python's `LEVEL:name:msg` never writes", () => {
    expect(shipped('WARN:my_crate: disk almost full').record).toMatchObject({
      log_format: 'env-logger',
      levelname: 'WARNING',
      name: 'my_crate',
      message: 'disk almost full',
    });
    expect(shipped('INFO:werkzeug: * Running on http://127.0.0.1:5000/').record.log_format).toBe(
      'python-logging',
    );
    expect(shipped('INFO:root:hello').record.log_format).toBe('python-logging');
    expect(shipped('DEBUG:asyncio:Using selector: EpollSelector').record.log_format).toBe('python-logging');
  });

  it("is not read inside the Python runtime's prefix, where `LEVEL:name:msg` is Python's", () => {
    const record = shipped(`[INFO]\t2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO:app.db::x: y\n`).record;
    expect(record.log_format).not.toBe('lambda-python/env-logger');
  });

  it('leaves the bare [LEVEL] heads and the extensions to their formats', () => {
    expect(shipped('[ERROR] 2021-07-10 17:06:19.398 [main] App - m').record.log_format).toBe('log4j2');
    expect(shipped('[INFO ] 2021-07-10 17:06:19.398 [main] App - m').record.log_format).toBe('log4j2');
    expect(shipped('[NR_EXT ERROR] boom').record).toMatchObject({
      log_format: 'lambda-extension',
      name: 'NR_EXT',
    });
  });
});
