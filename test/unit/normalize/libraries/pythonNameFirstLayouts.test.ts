import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

const shipped = (line: string) => shippedLine(line, 'app-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';

describe('Python logging text: `time [LEVEL] name: msg` with a datefmt (pythonLoggingText.ts)', () => {
  it('takes a dotted logger name after the bracketed level', () => {
    const { record, missing } = shipped(
      '2023-11-01 10:47:57 [INFO] gunicorn.error: Booting worker with pid: 8\n',
    );
    expect(record).toMatchObject({
      name: 'gunicorn.error',
      levelname: 'INFO',
      message: 'Booting worker with pid: 8',
      log_format: 'python-logging',
    });
    expect(missing).toEqual([]);
  });

  it("reads `datefmt='%H:%M:%S'` and `root` the same way", () => {
    expect(
      shipped('10:47:57 [WARNING] uvicorn.error: Invalid HTTP request received.\n').record,
    ).toMatchObject({
      name: 'uvicorn.error',
      levelname: 'WARNING',
      message: 'Invalid HTTP request received.',
    });
    expect(shipped('2023-11-01T10:47:57Z [ERROR] root: failed\n').record).toMatchObject({
      name: 'root',
      levelname: 'ERROR',
      message: 'failed',
    });
  });

  it("reads gunicorn's bracketed datefmt before `[LEVEL] name: `, and leaves log4js' lines to log4js", () => {
    const { record, missing } = shipped(
      '[2023-11-01 10:47:57 +0000] [INFO] gunicorn.error: Booting worker with pid: 8\n',
    );
    expect(record).toMatchObject({
      name: 'gunicorn.error',
      levelname: 'INFO',
      message: 'Booting worker with pid: 8',
      log_format: 'python-logging',
    });
    expect(missing).toEqual([]);
    expect(shipped('[2017-03-30T07:57:00.113] [ERROR] app.db - failed: timeout\n').record).toMatchObject({
      name: 'app.db',
      message: 'failed: timeout',
      log_format: 'log4js',
    });
  });

  it('keeps a plain word before a colon in the message (bracket-level, the time kept)', () => {
    const { record, missing } = shipped('2023-11-01 10:47:57 [ERROR] Error: connection refused\n');
    expect(record).toMatchObject({
      name: 'app-fn',
      levelname: 'ERROR',
      message: 'Error: connection refused',
      time: '2023-11-01 10:47:57',
      log_format: 'bracket-level',
    });
    expect(missing).toEqual([]);
    expect(shipped('2023-11-01 10:47:57 [INFO] status: ok\n').record).toMatchObject({
      name: 'app-fn',
      message: 'status: ok',
    });
  });
});

describe("pytest's default log_format (pythonLoggingText.ts)", () => {
  it('reads `%(levelname)-8s %(name)s:%(filename)s:%(lineno)d %(message)s`', () => {
    const { record, missing } = shipped('WARNING  root:app.py:12 disk almost full\n');
    expect(record).toMatchObject({
      name: 'root',
      levelname: 'WARNING',
      message: 'disk almost full',
      file: 'app.py',
      line: 12,
      log_format: 'python-logging',
    });
    expect(missing).toEqual([]);
  });

  it('reads every padded level, CRITICAL with its one space', () => {
    expect(shipped('CRITICAL app.db:db.py:40 pool exhausted\n').record).toMatchObject({
      name: 'app.db',
      levelname: 'CRITICAL',
      message: 'pool exhausted',
      file: 'db.py',
      line: 40,
    });
    expect(
      shipped('DEBUG    urllib3.connectionpool:connectionpool.py:1019 Starting new HTTPS connection\n')
        .record,
    ).toMatchObject({ name: 'urllib3.connectionpool', levelname: 'DEBUG', line: 1019 });
  });

  it('moves the traceback of logger.exception to exc_info', () => {
    const { record, missing } = shipped(
      'ERROR    app:app.py:9 boom\nTraceback (most recent call last):\n  File "app.py", line 8, in f\n    1 / 0\nZeroDivisionError: division by zero\n',
    );
    expect(record).toMatchObject({ name: 'app', levelname: 'ERROR', message: 'boom' });
    expect(record.exc_info).toMatch(/^Traceback/);
    expect(missing).toEqual([]);
  });

  it('leaves an unpadded level with a colon-separated word to the other formats', () => {
    const { record } = shipped('ERROR db:conn.py:12 failed\n');
    expect(record).toMatchObject({ name: 'app-fn', message: 'db:conn.py:12 failed' });
    expect(record.log_format).not.toBe('python-logging');
  });
});

describe('Python logging text with the logger name first (pythonLoggingText.ts)', () => {
  it('reads `%(name)s - %(levelname)s - %(message)s`', () => {
    const { record, missing } = shipped('app.db - ERROR - query failed\n');
    expect(record).toMatchObject({
      name: 'app.db',
      levelname: 'ERROR',
      message: 'query failed',
      log_format: 'python-logging',
    });
    expect(missing).toEqual([]);
  });

  it("reads the cookbook's `%(name)-12s: %(levelname)-8s %(message)s`", () => {
    for (const [line, name, levelname, message] of [
      [
        'myapp.area1 : INFO     Jackdaws love my big sphinx of quartz.',
        'myapp.area1',
        'INFO',
        'Jackdaws love my big sphinx of quartz.',
      ],
      [
        'root        : WARNING  Jail zesty vixen who grabbed pay from quack.',
        'root',
        'WARNING',
        'Jail zesty vixen who grabbed pay from quack.',
      ],
      ['myapp.billing.api: CRITICAL out of disk', 'myapp.billing.api', 'CRITICAL', 'out of disk'],
    ]) {
      const { record, missing } = shipped(`${line}\n`);
      expect(record).toMatchObject({ name, levelname, message, log_format: 'python-logging' });
      expect(missing).toEqual([]);
    }
  });

  it('keeps free text with a level word in it as text', () => {
    for (const line of [
      'Note: INFO is on',
      'status : ERROR again',
      'deploy - ERROR budget - low',
      'worker-1 - INFO - up',
    ]) {
      expect(shipped(`${line}\n`).record, line).toMatchObject({
        name: 'app-fn',
        message: line,
        log_format: 'text',
      });
    }
  });

  it("takes the body's level and name inside the Python runtime's prefix, the prefix's level kept", () => {
    const { record, missing } = shipped(
      `[INFO]\t2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tapp.db - ERROR - query failed\n`,
    );
    expect(record).toMatchObject({
      name: 'app.db',
      levelname: 'ERROR',
      message: 'query failed',
      aws_request_id: REQUEST_ID,
      runtime_level: 'INFO',
      log_format: 'lambda-python/python-logging',
    });
    expect(missing).toEqual([]);
    const same = shipped(
      `[ERROR]\t2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tapp.db - ERROR - query failed\n`,
    ).record;
    expect(same).toMatchObject({ name: 'app.db', levelname: 'ERROR', message: 'query failed' });
    expect(same).not.toHaveProperty('runtime_level');
  });

  it("reads no Python layout inside the Node.js runtime's prefix", () => {
    expect(
      shipped(`2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\tapp.db - ERROR - query failed\n`).record,
    ).toMatchObject({ name: 'app-fn', levelname: 'INFO', message: 'app.db - ERROR - query failed' });
  });
});
