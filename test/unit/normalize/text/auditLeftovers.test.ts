import { describe, expect, it } from 'vitest';
import type { DataMessage } from '../../../../src/decode/subscriptionPayload.js';
import { normalizePayload } from '../../../../src/normalize/normalizePayload.js';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Lines an audit found read as text or misread: Quarkus' `%d %-5p %s%e%n` (no category) taken for
 * Log4j's `%c [%t]`, the logging cookbook's `%m-%d %H:%M` file layout, gunicorn 0.14's unbracketed
 * time, and PostgreSQL 13+'s `BACKTRACE:` lines.
 */
const shipped = (line: string) => shippedLine(line, 'api-fn');

describe("Quarkus' layout without a category (log4j2Text.ts)", () => {
  it('takes no logger ending in `:` and no `[WARNING]` thread from the message', () => {
    const { record, missing } = shipped('08:38:20,050 INFO  mvn: [WARNING] Failed to locate plugin\n');
    expect(record).toMatchObject({
      levelname: 'INFO',
      name: 'api-fn',
      message: 'mvn: [WARNING] Failed to locate plugin',
    });
    expect(record).not.toHaveProperty('thread');
    expect(missing).toEqual([]);
  });

  it('still reads `%d %p %c [%t] %m`', () => {
    expect(shipped('2023-11-01 08:38:20,050 INFO  com.example.App [main] started').record).toMatchObject({
      log_format: 'log4j2',
      name: 'com.example.App',
      thread: 'main',
      message: 'started',
    });
  });
});

describe("the logging cookbook's multiple-destinations file layout (pythonLoggingText.ts)", () => {
  it.each([
    ['10-22 22:19 root         INFO     Jackdaws love my big sphinx of quartz.', 'root', 'INFO'],
    ['10-22 22:19 myapp.area1  DEBUG    Quick zephyrs blow, vexing daft Jim.', 'myapp.area1', 'DEBUG'],
    [
      '10-22 22:19 myapp.area2  WARNING  Jail zesty vixen who grabbed pay from quack.',
      'myapp.area2',
      'WARNING',
    ],
  ])('reads %j', (line, name, levelname) => {
    const { record, missing } = shipped(`${line}\n`);
    expect(record).toMatchObject({ log_format: 'python-logging', name, levelname, time: '10-22 22:19' });
    expect(missing).toEqual([]);
  });

  it('leaves other text after such a time alone', () => {
    expect(shipped('10-22 22:19 backup finished').record.log_format).toBe('text');
  });
});

describe("gunicorn 0.14's error log (gunicorn.ts)", () => {
  it('reads the unbracketed time, the pid and the level', () => {
    const { record, missing } = shipped('2012-05-20 16:39:46 [23845] [INFO] Starting gunicorn 0.14.3\n');
    expect(record).toMatchObject({
      log_format: 'gunicorn',
      levelname: 'INFO',
      message: 'Starting gunicorn 0.14.3',
      pid: 23845,
    });
    expect(missing).toEqual([]);
  });
});

describe("PostgreSQL 13+'s BACKTRACE lines (rdsPostgresql.ts)", () => {
  const prefix = '2024-01-01 00:00:00 UTC:10.0.0.1(5432):app@orders:[123]:';
  const frames =
    '\tpostgres: app orders 10.0.0.1(5432) SELECT(int4in+0x9c) [0x55d0c8a4b2fc]\n\tpostgres: app orders 10.0.0.1(5432) SELECT(InputFunctionCall+0x7b) [0x55d0c8b1d30b]';

  it('reads one alone as rds-postgresql, INFO, the label kept as severity', () => {
    const { record, missing } = shipped(`${prefix}BACKTRACE:  \n${frames}\n`);
    expect(record).toMatchObject({
      log_format: 'rds-postgresql',
      levelname: 'INFO',
      severity: 'BACKTRACE',
      pid: 123,
    });
    expect(record.message).toBe(frames.slice(1));
    expect(missing).toEqual([]);
  });

  it('folds it into its report under `backtrace` with multi-line rejoin', () => {
    const events = [
      `${prefix}ERROR:  invalid input syntax for type integer: "x"`,
      `${prefix}BACKTRACE:  \n${frames}`,
      `${prefix}STATEMENT:  SELECT 'x'::int;`,
    ];
    const payload: DataMessage = {
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: '/aws/rds/instance/orders-db/postgresql',
      logStream: 'orders-db.0',
      subscriptionFilters: ['cwl-forwarder'],
      logEvents: events.map((message, i) => ({
        id: `id-${i}`,
        timestamp: Date.UTC(2024, 0, 1) + i,
        message,
      })),
    };
    const records = normalizePayload(payload, { rejoinMultiline: true });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      levelname: 'ERROR',
      backtrace: frames.slice(1),
      statement: "SELECT 'x'::int;",
    });
  });
});
