import { describe, expect, it } from 'vitest';
import { normalizeEvent, type EventSource } from '../../../../src/normalize/normalizeEvent.js';

/** Which format claims a JSON line when formats share keys (`formats/index.ts` order). */
const source: EventSource = { logGroup: '/aws/lambda/fn', logStream: 's', owner: '1', defaultName: 'fn' };

function normalize(object: Record<string, unknown>) {
  return normalizeEvent({ id: '1', timestamp: 0, message: JSON.stringify(object) }, source);
}

describe('JSON format detection', () => {
  it('takes a Powertools record for Powertools, not for Lambda’s own JSON record, so service names it', () => {
    const record = normalize({
      level: 'INFO',
      location: 'h:1',
      message: 'm',
      timestamp: 't',
      service: 'pay',
    });
    expect(record.log_format).toBe('powertools');
    expect(record.name).toBe('pay');
  });

  it('keeps Lambda’s Python JSON record with a service passed in extra as Lambda JSON, named by its logger', () => {
    const record = normalize({
      timestamp: '2023-11-01T10:47:57.081Z',
      level: 'ERROR',
      message: 'm',
      logger: 'app',
      requestId: 'r',
      location: '/var/task/app.py:h:3',
      service: 'pay',
    });
    expect(record.log_format).toBe('lambda-json');
    expect(record.name).toBe('app');
    expect(record.service).toBe('pay');
  });

  it('names a record by its logger before its service, as SPEC §3 orders them', () => {
    const powertools = { level: 'INFO', message: 'm', timestamp: 't', service: 'pay', sampling_rate: 0 };
    expect(normalize({ ...powertools, logger: 'app.db' }).name).toBe('app.db');
    expect(normalize({ ...powertools, logger: 'app.db' }).service).toBe('pay');
    const java = {
      timestamp: 't',
      level: 'INFO',
      message: 'm',
      loggerName: 'helloworld.App',
      service: 'pay',
    };
    expect(normalize(java).name).toBe('helloworld.App');
  });

  it('tells zerolog (time) from winston (timestamp) by their time key', () => {
    expect(normalize({ level: 'info', time: 't', message: 'm' }).log_format).toBe('zerolog');
    expect(normalize({ level: 'info', timestamp: 't', message: 'm' }).log_format).toBe('winston');
  });

  it('tells bunyan (v: 0) from pino', () => {
    expect(
      normalize({ name: 'a', hostname: 'h', pid: 1, level: 30, msg: 'm', time: 't', v: 0 }).log_format,
    ).toBe('bunyan');
    expect(normalize({ level: 30, time: 1, pid: 1, hostname: 'h', msg: 'm' }).log_format).toBe('pino');
  });

  it('takes pino lines with level labels (formatters.level) for pino', () => {
    const record = normalize({ level: 'warn', time: 1, pid: 1, hostname: 'h', msg: 'm' });
    expect(record).toMatchObject({ log_format: 'pino', levelname: 'WARNING' });
  });

  it('keeps a python-json-logger level it cannot map under original_fields, the record at INFO', () => {
    const record = normalize({ asctime: 'a', name: 'root', levelname: 'Level 5', message: 'm' });
    expect(record).toMatchObject({ log_format: 'python-json-logger', levelname: 'INFO' });
    expect(record.original_fields).toEqual({ levelname: 'Level 5' });
  });

  it('tells zap (ts) from logrus (time)', () => {
    expect(normalize({ level: 'info', ts: 1.5, msg: 'm' }).log_format).toBe('zap');
    expect(normalize({ level: 'info', time: 't', msg: 'm' }).log_format).toBe('logrus');
  });

  it('leaves a JSON object no library claims to the generic format, message and level found by their usual keys', () => {
    const record = normalize({ severity: 'NOTICE', text: 'hello', logger_name: 'x.Y' });
    expect(record).toMatchObject({ log_format: 'json', message: 'hello', levelname: 'INFO', name: 'x.Y' });
  });
});

describe('Serilog CLEF records with properties named like other loggers’ keys', () => {
  // CompactJsonFormatter writes each property as a top-level key (serilog-formatting-compact).
  it('reads `{level}` and `{message}` properties as CLEF, not winston: the template is the message', () => {
    const record = normalize({
      '@t': '2023-11-01T10:47:57.0810000Z',
      '@mt': 'Processing {message} at {level}',
      '@l': 'Warning',
      message: 'order-1',
      level: 'high',
      SourceContext: 'Orders.Worker',
    });
    expect(record).toMatchObject({
      log_format: 'serilog-clef',
      levelname: 'WARNING',
      name: 'Orders.Worker',
      message: 'Processing "order-1" at "high"',
      level: 'high',
      original_fields: { message: 'order-1' },
    });
  });

  it('reads `{msg}`, `{level}` and `{time}` properties as CLEF, not logrus', () => {
    const record = normalize({
      '@t': '2023-11-01T10:47:57.0810000Z',
      '@mt': 'Processing {msg}',
      msg: 'order-1',
      level: 'info',
      time: '10:47',
    });
    expect(record).toMatchObject({
      log_format: 'serilog-clef',
      message: 'Processing "order-1"',
      msg: 'order-1',
    });
  });
});

describe('Lambda platform records', () => {
  it('reads a runtimeDone with status error as ERROR, with success as INFO', () => {
    const done = (status: string) =>
      normalize({ time: 't', type: 'platform.runtimeDone', record: { requestId: 'r', status } });
    expect(done('error').levelname).toBe('ERROR');
    expect(done('failure').levelname).toBe('ERROR');
    expect(done('success').levelname).toBe('INFO');
  });

  it('summarises a type it does not know as the type and its record, INFO, record kept', () => {
    const record = normalize({ time: 't', type: 'platform.somethingNew', record: { a: 1 } });
    expect(record.message).toBe('platform.somethingNew {"a":1}');
    expect(record.levelname).toBe('INFO');
    expect(record.lambda).toEqual({ type: 'platform.somethingNew', a: 1 });
  });

  it('writes the initStart runtime version the way the text INIT_START line does', () => {
    const record = normalize({
      time: 't',
      type: 'platform.initStart',
      record: { initializationType: 'on-demand', phase: 'init', runtimeVersion: 'nodejs:20.v13' },
    });
    expect(record.message).toBe('INIT_START Runtime Version: nodejs:20.v13');
  });
});

describe('generic JSON: numeric levels', () => {
  it('reads pino’s and bunyan’s numbers, as numbers or as their text', () => {
    expect(normalize({ level: 50, message: 'm', service_id: 1 }).levelname).toBe('ERROR');
    expect(normalize({ level: '40', message: 'm', service_id: 1 }).levelname).toBe('WARNING');
  });

  it('reads Monolog’s RFC 5424 numbers on Monolog’s scale: 200 is INFO, not CRITICAL', () => {
    for (const [level, name] of [
      [100, 'DEBUG'],
      [200, 'INFO'],
      [250, 'INFO'],
      [300, 'WARNING'],
      [400, 'ERROR'],
      [600, 'CRITICAL'],
    ] as const) {
      const record = normalize({ level, message: 'm', service_id: 1 });
      expect(record.log_format).toBe('json');
      expect(record.levelname).toBe(name);
    }
  });

  it('takes no level from a number of another scale, keeping it as a field: a syslog 3 is never read as DEBUG, which minLevel would drop', () => {
    for (const level of [0, 2, 3, 5, 35, 1000]) {
      const record = normalize({ level, message: 'payment failed', service_id: 1 });
      expect(record.levelname).toBe('INFO');
      expect(record.level).toBe(level);
      expect(record.message).toBe('payment failed');
    }
  });
});
