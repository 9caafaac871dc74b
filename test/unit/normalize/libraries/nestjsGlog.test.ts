import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * NestJS' `ConsoleLogger` (formats/nestjs.ts) and the glog / klog header (formats/glog.ts): both
 * were text before, the level, the context or caller and the pid left in the message.
 */
const shipped = (line: string) => shippedLine(line, 'api-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';

describe("NestJS' ConsoleLogger (nestjs.ts)", () => {
  it('reads the level, the context as the name, and keeps the prefix, pid, time and diff', () => {
    const { record, missing } = shipped(
      '[Nest] 28  - 08/23/2022, 9:48:04 AM     LOG [NestFactory] Starting Nest application... +5ms\n',
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      name: 'NestFactory',
      message: 'Starting Nest application...',
      log_format: 'nestjs',
      prefix: 'Nest',
      pid: 28,
      time: '08/23/2022, 9:48:04 AM',
      level: 'LOG',
      timestamp_diff: '+5ms',
    });
    expect(missing).toEqual([]);
  });

  it('maps VERBOSE, WARN and FATAL, and keeps a message without a context', () => {
    expect(shipped('[Nest] 1  - 11/01/2023, 10:47:57 AM VERBOSE [Cache] hit\n').record).toMatchObject({
      levelname: 'DEBUG',
      name: 'Cache',
      message: 'hit',
    });
    expect(shipped('[Nest] 1  - 11/01/2023, 10:47:57 AM    WARN slow start\n').record).toMatchObject({
      levelname: 'WARNING',
      name: 'api-fn',
      message: 'slow start',
    });
    expect(
      shipped('[Nest] 1  - 11/01/2023, 10:47:57 AM   FATAL [Main] out of memory\n').record.levelname,
    ).toBe('CRITICAL');
  });

  it('reads a coloured line as the plain one', () => {
    const plain = shipped(
      '[Nest] 8  - 11/01/2023, 10:47:57 AM   ERROR [RoutesResolver] no route +3ms\n',
    ).record;
    const coloured = shipped(
      '\u001b[31m[Nest] 8  - \u001b[39m11/01/2023, 10:47:57 AM \u001b[31m  ERROR\u001b[39m \u001b[33m[RoutesResolver] \u001b[39m\u001b[31mno route\u001b[39m\u001b[33m +3ms\u001b[39m\n',
    );
    expect(coloured.record).toEqual(plain);
    expect(coloured.missing).toEqual([]);
  });

  it("takes the stack error() writes after the line as exc_info, the diff from the line's end", () => {
    const { record, missing } = shipped(
      '[Nest] 7  - 11/01/2023, 10:47:57 AM   ERROR [ExceptionsHandler] boom +2ms\nError: boom\n    at AppService.get (/var/task/app.service.js:12:20)\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'boom',
      exc_info: 'Error: boom\n    at AppService.get (/var/task/app.service.js:12:20)',
      timestamp_diff: '+2ms',
    });
    expect(missing).toEqual([]);
  });

  it('is read inside the Node.js prefix (a logger that writes through console)', () => {
    const line = `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\t[Nest] 8  - 11/01/2023, 10:47:57 AM    WARN [Bootstrap] slow\n`;
    expect(shipped(line).record).toMatchObject({
      log_format: 'lambda-nodejs/nestjs',
      levelname: 'WARNING',
      name: 'Bootstrap',
      aws_request_id: REQUEST_ID,
    });
  });

  it('leaves other bracketed heads alone', () => {
    expect(shipped('[Nest] the app started\n').record.log_format).toBe('text');
    expect(shipped('[2023-11-01 10:47:57] [ERROR] app - failed\n').record.log_format).not.toBe('nestjs');
  });
});

describe('the glog / klog header (glog.ts)', () => {
  it('reads the level, the time, the pid and the caller', () => {
    const { record, missing } = shipped(
      'W0219 18:49:27.639704       1 lease.go:224] Resetting endpoints for master service "kubernetes" to [192.168.64.7]\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: 'api-fn',
      message: 'Resetting endpoints for master service "kubernetes" to [192.168.64.7]',
      log_format: 'glog',
      time: '0219 18:49:27.639704',
      pid: 1,
      file: 'lease.go',
      line: 224,
    });
    expect(missing).toEqual([]);
  });

  it('maps E and F, and keeps klog structured pairs in the message as written', () => {
    expect(
      shipped('E0302 15:45:40.944496   12902 handlers.go:54] Unable to authenticate the request\n').record
        .levelname,
    ).toBe('ERROR');
    const fatal = shipped(
      'F1101 10:47:57.081234      10 main.go:9] cannot start\ngoroutine 1 [running]:\nmain.main()\n\t/src/main.go:9 +0x1d\n',
    );
    expect(fatal.record).toMatchObject({ levelname: 'CRITICAL', message: 'cannot start' });
    expect(fatal.missing).toEqual([]);
    expect(
      shipped('I1025 00:15:15.525108       1 controller_utils.go:116] "Pod status updated" status="ready"\n')
        .record.message,
    ).toBe('"Pod status updated" status="ready"');
  });

  it('is not read inside the Node.js prefix, nor from a word that starts like it', () => {
    const line = `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\tI0219 18:49:27.639704       1 lease.go:224] x\n`;
    expect(shipped(line).record.log_format).toBe('lambda-nodejs');
    expect(shipped('I1101 was here] ok\n').record.log_format).toBe('text');
  });
});
