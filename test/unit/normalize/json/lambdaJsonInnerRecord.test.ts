import { describe, expect, it } from 'vitest';
import { JSON_FORMATS, LOGGER_RECORD_FORMATS } from '../../../../src/normalize/formats/index.js';
import { apiGatewayAccessJson } from '../../../../src/normalize/formats/apiGatewayAccess.js';
import { cloudTrail } from '../../../../src/normalize/formats/cloudTrail.js';
import { genericJson } from '../../../../src/normalize/formats/genericJson.js';
import { lambdaExtensionJson } from '../../../../src/normalize/formats/lambdaExtension.js';
import { lambdaJson, lambdaJsonPlatform } from '../../../../src/normalize/formats/lambdaJson.js';
import { openSearchAudit } from '../../../../src/normalize/formats/openSearchAudit.js';
import { stepFunctions } from '../../../../src/normalize/formats/stepFunctions.js';
import { normalizeEvent, type EventSource } from '../../../../src/normalize/normalizeEvent.js';
import { checkConservation } from '../../../helpers/conservation.js';

/**
 * Lambda's JSON log format around another logger's JSON record (lambdaJson.ts, loggerRecord.ts):
 * Node's RIC writes a single string argument as `message` as it is (src/LogPatch.js
 * `formatJsonMessage`), and awslambdaric writes `record.getMessage()` (lambda_runtime_log_utils.py
 * `JsonFormatter`), so `console.log(JSON.stringify(pinoRecord))` and structlog's stdlib integration
 * both give a record whose `message` is the library's line.
 */
const source: EventSource = { logGroup: '/aws/lambda/fn', logStream: 's', owner: '1', defaultName: 'fn' };
const RID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';

function nodeLine(level: string, message: unknown): string {
  return JSON.stringify({ timestamp: '2023-11-01T10:47:57.081Z', level, requestId: RID, message });
}

function normalize(line: string) {
  return normalizeEvent({ id: '1', timestamp: 0, message: `${line}\n` }, source);
}

function missing(line: string): string[] {
  return checkConservation(line, JSON.stringify(normalize(line))).missing;
}

const PINO_ERROR = {
  level: 50,
  time: 1531171074631,
  pid: 657,
  hostname: 'x',
  err: {
    type: 'Error',
    message: 'boom',
    stack: 'Error: boom\n    at Object.<anonymous> (/var/task/index.js:3:14)',
  },
  msg: 'boom',
};

describe('a Lambda JSON record whose message is a logging library’s record', () => {
  it('reads console.log(JSON.stringify(pinoRecord)) as the pino record: level, message, stack, fields', () => {
    const line = nodeLine('INFO', JSON.stringify(PINO_ERROR));
    const record = normalize(line);
    expect(record.levelname).toBe('ERROR');
    expect(record.message).toBe('boom');
    expect(record.exc_info).toBe('Error: boom\n    at Object.<anonymous> (/var/task/index.js:3:14)');
    expect(record.aws_request_id).toBe(RID);
    expect(record.log_format).toBe('lambda-json/pino');
    expect(record.pid).toBe(657);
    expect(record.err).toEqual({ type: 'Error', message: 'boom' });
    // The envelope's level, not the record's, stays as it came.
    expect(record.level).toBe('INFO');
    expect(missing(line)).toEqual([]);
  });

  it('keeps a DEBUG record DEBUG when a transport writes every level through console.log', () => {
    // winston's Console transport with forceConsole: levels outside stderrLevels go to console.log.
    const line = nodeLine('INFO', JSON.stringify({ level: 'debug', message: 'cache miss for order 42' }));
    const record = normalize(line);
    expect(record.levelname).toBe('DEBUG');
    expect(record.message).toBe('cache miss for order 42');
    expect(record.level).toBe('INFO');
    expect(missing(line)).toEqual([]);
  });

  it('takes the record’s own level over the console method’s, and keeps the runtime’s as a field', () => {
    // winston's Console transport with stderrLevels ['info']: an INFO record through console.error.
    const line = nodeLine(
      'ERROR',
      JSON.stringify({ level: 'info', message: 'Hello distributed log files!' }),
    );
    const record = normalize(line);
    expect(record.levelname).toBe('INFO');
    expect(record.message).toBe('Hello distributed log files!');
    expect(record.log_format).toBe('lambda-json/winston');
    expect(record.level).toBe('ERROR');
    expect(missing(line)).toEqual([]);
  });

  it('reads a record pretty-printed with JSON.stringify(record, null, 2)', () => {
    const line = nodeLine('INFO', JSON.stringify({ level: 'warn', message: 'Disk space low' }, null, 2));
    const record = normalize(line);
    expect(record.levelname).toBe('WARNING');
    expect(record.message).toBe('Disk space low');
    expect(missing(line)).toEqual([]);
  });

  it('takes the record’s logger name and keeps an inner request id that differs from the envelope’s', () => {
    const inner = {
      level: 30,
      time: 1531171074631,
      pid: 1,
      name: 'orders',
      awsRequestId: 'other-id',
      msg: 'm',
    };
    const line = nodeLine('INFO', JSON.stringify(inner));
    const record = normalize(line);
    expect(record.name).toBe('orders');
    expect(record.aws_request_id).toBe(RID);
    expect(record.awsRequestId).toBe('other-id');
    expect(missing(line)).toEqual([]);
  });

  it('reads structlog’s JSON through the Python runtime’s formatter, the envelope’s logger naming it', () => {
    const line = JSON.stringify({
      timestamp: '2024-05-01T09:30:00Z',
      level: 'INFO',
      message: JSON.stringify({ user_id: 'u-9', event: 'user.login.succeeded', level: 'info' }),
      logger: 'app.auth',
      requestId: RID,
    });
    const record = normalize(line);
    expect(record.log_format).toBe('lambda-json/structlog');
    expect(record.message).toBe('user.login.succeeded');
    expect(record.name).toBe('app.auth');
    expect(record.levelname).toBe('INFO');
    expect(record.user_id).toBe('u-9');
    expect(missing(line)).toEqual([]);
  });

  it('joins the runtime’s own traceback (logger.exception) after the record’s stack', () => {
    const line = JSON.stringify({
      timestamp: '2024-05-01T09:30:00Z',
      level: 'ERROR',
      message: JSON.stringify({ event: 'charge failed', level: 'error' }),
      logger: 'billing',
      stackTrace: ['  File "/var/task/billing.py", line 44, in charge\n    resp.raise_for_status()\n'],
      errorType: 'HTTPError',
      errorMessage: '500 Server Error',
      requestId: RID,
      location: '/var/task/billing.py:charge:46',
    });
    const record = normalize(line);
    expect(record.message).toBe('charge failed');
    expect(record.levelname).toBe('ERROR');
    expect(record.exc_info).toContain('HTTPError: 500 Server Error');
    expect(record.exc_info).toContain('billing.py", line 44');
    expect(missing(line)).toEqual([]);
  });

  it('keeps an envelope field named like one of the record’s as runtime_<key>', () => {
    const line = JSON.stringify({
      timestamp: '2024-05-01T09:30:00Z',
      level: 'INFO',
      message: JSON.stringify({ event: 'e', level: 'info', user: 'inner' }),
      logger: 'root',
      requestId: RID,
      user: 'outer',
    });
    const record = normalize(line);
    expect(record.user).toBe('inner');
    expect(record.runtime_user).toBe('outer');
    expect(missing(line)).toEqual([]);
  });

  it('leaves an arbitrary JSON payload, and text that is no JSON, as the message', () => {
    const emf = JSON.stringify({
      _aws: { Timestamp: 1755829171297, CloudWatchMetrics: [{ Namespace: 'GameServer', Dimensions: [[]] }] },
      EventLoopUtilization: 0.3,
    });
    // `logger.info(a_dict)` in Python: the dict's repr, no JSON.
    const repr = "{'level': 'info', 'message': 'x'}";
    for (const message of [emf, '{"order":42}', '{not json}', '{"level":"high","message":"x"', repr]) {
      const record = normalize(nodeLine('INFO', message));
      expect(record.log_format).toBe('lambda-json');
      expect(record.message).toBe(message);
      expect(record.levelname).toBe('INFO');
    }
  });
});

describe('LOGGER_RECORD_FORMATS (loggerRecord.ts)', () => {
  it('is JSON_FORMATS in the same order, less Lambda’s, services’ and the generic records', () => {
    const excluded = new Set([
      lambdaJsonPlatform,
      lambdaJson,
      lambdaExtensionJson,
      apiGatewayAccessJson,
      stepFunctions,
      cloudTrail,
      openSearchAudit,
      genericJson,
    ]);
    for (const format of excluded) expect(LOGGER_RECORD_FORMATS, format.name).not.toContain(format);
    // Every other JSON format is a library's record, tried in registration order.
    expect(LOGGER_RECORD_FORMATS.map((format) => format.name)).toEqual(
      JSON_FORMATS.filter((format) => !excluded.has(format)).map((format) => format.name),
    );
    expect(LOGGER_RECORD_FORMATS.map((format) => format.name)).toEqual(
      expect.arrayContaining([
        'pino',
        'bunyan',
        'winston',
        'powertools',
        'python-json-logger',
        'structlog',
        'ecs',
      ]),
    );
  });
});

describe('Node.js records with no message (lambdaJson.ts)', () => {
  it('reads console.log(undefined), whose message JSON.stringify left out, as an empty Lambda record', () => {
    const line = JSON.stringify({
      timestamp: '2023-11-01T10:47:57.081Z',
      level: 'WARN',
      requestId: RID,
      tenantId: 'tenant-7',
    });
    const record = normalize(line);
    expect(record).toMatchObject({
      levelname: 'WARNING',
      message: '',
      aws_request_id: RID,
      log_format: 'lambda-json',
      tenantId: 'tenant-7',
    });
    expect(missing(line)).toEqual([]);
  });
});
