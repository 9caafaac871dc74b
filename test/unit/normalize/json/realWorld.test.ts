import { describe, expect, it } from 'vitest';
import { normalizeEvent, type EventSource } from '../../../../src/normalize/normalizeEvent.js';

/**
 * JSON lines of the real-world corpus (test/fixtures/corpus) that the normalizer once got
 * wrong, pinned one behaviour per test.
 */
const source: EventSource = { logGroup: '/aws/lambda/fn', logStream: 's', owner: '1', defaultName: 'fn' };

function normalize(object: Record<string, unknown>) {
  return normalizeEvent({ id: '1', timestamp: 0, message: `${JSON.stringify(object)}\n` }, source);
}

describe('Lambda JSON platform records (lambdaJson.ts)', () => {
  it('writes platform.initStart as the text format’s INIT_START line, a tab before the ARN', () => {
    const arn = 'arn:aws:lambda:us-east-1::runtime:0c5b0d2c';
    const record = normalize({
      time: '2023-11-01T10:47:57.081Z',
      type: 'platform.initStart',
      record: {
        initializationType: 'on-demand',
        phase: 'init',
        runtimeVersion: 'nodejs:20.v13',
        runtimeVersionArn: arn,
      },
    });
    expect(record.levelname).toBe('INFO');
    expect(record.message).toBe(`INIT_START Runtime Version: nodejs:20.v13\tRuntime Version ARN: ${arn}`);
  });
});

describe('logger names (SPEC §3)', () => {
  it('names a Powertools record by its service', () => {
    const record = normalize({
      level: 'INFO',
      location: 'h:1',
      message: 'm',
      timestamp: 't',
      service: 'payment',
    });
    expect(record.name).toBe('payment');
  });

  it('keeps any other line’s service (winston defaultMeta) as a field, the function naming the record', () => {
    const record = normalize({
      level: 'info',
      message: 'Hello distributed log files!',
      service: 'user-service',
    });
    expect(record.log_format).toBe('winston');
    expect(record.name).toBe('fn');
    expect(record.service).toBe('user-service');
    expect(normalize({ severity: 'WARNING', message: 'm', service: 'svc' }).name).toBe('fn');
  });
});

describe('zerolog records without a message (goJson.ts, jsonLibrary.ts)', () => {
  it('reads log.Error().Err(err).Msg("") as zerolog, the error its message and its `error` field', () => {
    const record = normalize({ level: 'error', error: 'seems we have an error here', time: 1609085256 });
    expect(record.log_format).toBe('zerolog');
    expect(record.levelname).toBe('ERROR');
    expect(record.message).toBe('seems we have an error here');
    expect(record.error).toBe('seems we have an error here');
    // No stack: nothing for exc_info (SPEC §3).
    expect(record.exc_info).toBeUndefined();
  });

  it('puts a pkgerrors stack after the error text', () => {
    const record = normalize({
      level: 'error',
      stack: [{ func: 'inner', line: '20', source: 'errors.go' }],
      error: 'seems we have an error here',
      time: 1609086683,
    });
    expect(record.message).toBe('seems we have an error here');
    expect(record.exc_info).toBe('seems we have an error here\ninner\n\terrors.go:20');
    expect(record.error).toBe('seems we have an error here');
  });
});

describe('Go errors without a stack (goJson.ts, jsonLibrary.ts)', () => {
  // zap.Error / logrus WithError / zerolog Err write `err.Error()`: the error's text, no frames.
  it('keeps logrus’ `error` a field, to filter on, with no exc_info: the text is no stack', () => {
    const record = normalize({
      level: 'error',
      msg: 'failed to connect',
      time: '2023-11-01T10:47:57Z',
      error: 'dial tcp 10.0.0.1:5432: connect: connection refused',
    });
    expect(record).toMatchObject({
      log_format: 'logrus',
      levelname: 'ERROR',
      message: 'failed to connect',
      error: 'dial tcp 10.0.0.1:5432: connect: connection refused',
    });
    expect(record.exc_info).toBeUndefined();
  });

  it('takes zap’s errorVerbose (pkg/errors %+v) then its stacktrace for exc_info, the error kept', () => {
    const record = normalize({
      level: 'error',
      ts: 1700000000.1,
      caller: 'app/main.go:43',
      msg: 'query failed',
      error: 'connection refused',
      errorVerbose: 'connection refused\nmain.query\n\t/app/db.go:9',
      stacktrace: 'main.main\n\t/app/main.go:43',
    });
    expect(record.exc_info).toBe(
      'connection refused\nmain.query\n\t/app/db.go:9\nmain.main\n\t/app/main.go:43',
    );
    expect(record).toMatchObject({ error: 'connection refused' });
    expect(record).not.toHaveProperty('errorVerbose');
  });

  it('heads zap’s stacktrace with the error’s text when there is no errorVerbose', () => {
    const record = normalize({
      level: 'error',
      ts: 1700000000.1,
      msg: 'query failed',
      error: 'connection refused',
      stacktrace: 'main.main\n\t/app/main.go:43',
    });
    expect(record.exc_info).toBe('connection refused\nmain.main\n\t/app/main.go:43');
  });

  it('keeps slog’s `err` a field with no exc_info', () => {
    const record = normalize({
      time: '2023-08-04T16:09:20Z',
      level: 'ERROR',
      msg: 'request failed',
      err: 'context deadline exceeded',
    });
    expect(record).toMatchObject({ levelname: 'ERROR', err: 'context deadline exceeded' });
    expect(record.exc_info).toBeUndefined();
  });
});

describe('JSON lines with no message (genericJson.ts)', () => {
  it('forwards the line as it was written as the message, its fields kept beside it', () => {
    const line = '{"statusCode": 200, "body": "{\\"ok\\": true}"}';
    const record = normalizeEvent({ id: '1', timestamp: 0, message: `${line}\n` }, source);
    expect(record.log_format).toBe('json');
    expect(record.message).toBe(line);
    expect(record.statusCode).toBe(200);
  });
});

describe('Powertools TypeScript without Lambda context (powertools.ts)', () => {
  it('takes level, message, service and timestamp with no request id for Powertools: service names it', () => {
    const record = normalize({ level: 'WARN', message: 'Cache disabled', service: 'orders', timestamp: 't' });
    expect(record.log_format).toBe('powertools');
    expect(record.levelname).toBe('WARNING');
    expect(record.name).toBe('orders');
  });

  it('leaves a winston line with service and timestamp (lower-case level) to winston', () => {
    expect(normalize({ level: 'info', message: 'm', service: 's', timestamp: 't' }).log_format).toBe(
      'winston',
    );
  });
});

describe('Step Functions failure events (stepFunctions.ts)', () => {
  const arn = 'arn:aws:states:ap-southeast-2:123456789012:execution:ingest:2022-11-14T00-28-33-438Z';

  it('writes a Python task’s cause as Python prints its traceback, one frame line per line', () => {
    const cause = {
      errorMessage: '',
      errorType: 'InvalidSTACRootTypeError',
      requestId: 'ef0b96d2-560b-44fc-9b67-b69f4800b735',
      stackTrace: [
        '  File "/var/task/task.py", line 102, in lambda_handler\n    validator.run(event[URL])\n',
        '  File "/var/task/utils.py", line 155, in run\n    raise InvalidSTACRootTypeError()\n',
      ],
    };
    const record = normalize({
      id: '5',
      type: 'LambdaFunctionFailed',
      details: { cause: JSON.stringify(cause), error: 'InvalidSTACRootTypeError' },
      previous_event_id: '4',
      event_timestamp: '1668385717164',
      execution_arn: arn,
    });
    expect(record.levelname).toBe('ERROR');
    expect(record.exc_info).toBe(
      'Traceback (most recent call last):\n' +
        '  File "/var/task/task.py", line 102, in lambda_handler\n    validator.run(event[URL])\n' +
        '  File "/var/task/utils.py", line 155, in run\n    raise InvalidSTACRootTypeError()\n' +
        'InvalidSTACRootTypeError',
    );
  });

  it('writes a Java task’s cause as printStackTrace does, each frame after `\\tat `', () => {
    const cause = {
      errorMessage: 'Input must be a JSON object',
      errorType: 'java.lang.IllegalArgumentException',
      stackTrace: ['example.Handler.handleRequest(Handler.java:28)', 'example.Handler.run(Handler.java:12)'],
    };
    const record = normalize({
      id: '7',
      type: 'TaskFailed',
      details: { cause: JSON.stringify(cause), error: 'java.lang.IllegalArgumentException' },
      previous_event_id: '6',
      event_timestamp: '1668385717164',
      execution_arn: arn,
    });
    expect(record.exc_info).toBe(
      'java.lang.IllegalArgumentException: Input must be a JSON object\n' +
        '\tat example.Handler.handleRequest(Handler.java:28)\n\tat example.Handler.run(Handler.java:12)',
    );
  });
});

describe('.NET runtime JSON records with an exception (lambdaJson.ts)', () => {
  it('gives an unhandled exception, written with an empty message, the exception’s headline as its message', () => {
    // LambdaBootstrap.WriteUnhandledExceptionToLog: FormattedWriteLine("Error", exception, null).
    const record = normalize({
      timestamp: '2024-03-05T10:00:00.123Z',
      level: 'Error',
      requestId: '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01',
      message: '',
      errorType: 'System.ApplicationException',
      errorMessage: 'This Will Fail',
      stackTrace: [
        'System.ApplicationException: This Will Fail',
        'at Function.FunctionHandler(String input, ILambdaContext context) in /src/Function.cs:line 20',
      ],
    });
    expect(record.levelname).toBe('ERROR');
    expect(record.message).toBe('System.ApplicationException: This Will Fail');
    expect(record.exc_info).toBe(
      'System.ApplicationException: This Will Fail\n   at Function.FunctionHandler(String input, ILambdaContext context) in /src/Function.cs:line 20',
    );
  });

  it('gives a trimmed inner exception back the indentation Exception.ToString() wrote', () => {
    // LogMessageFormatterTests.FormatJsonException: ApplicationException with an inner NullReferenceException.
    const record = normalize({
      timestamp: '2024-03-05T10:00:00.123Z',
      level: 'Warning',
      requestId: '1234',
      message: 'What does an error look like?',
      errorType: 'System.ApplicationException',
      errorMessage: 'This Will Fail',
      stackTrace: [
        'System.ApplicationException: This Will Fail',
        '---> System.NullReferenceException: You got a null',
        '--- End of inner exception stack trace ---',
        'at Tests.FormatJsonException() in /src/LogMessageFormatterTests.cs:line 530',
      ],
    });
    expect(record.exc_info).toBe(
      [
        'System.ApplicationException: This Will Fail',
        ' ---> System.NullReferenceException: You got a null',
        '   --- End of inner exception stack trace ---',
        '   at Tests.FormatJsonException() in /src/LogMessageFormatterTests.cs:line 530',
      ].join('\n'),
    );
  });
});

describe('winston format.logstash() (winston.ts)', () => {
  it('takes the level from @fields and the message from @message', () => {
    const record = normalize({ '@message': 'whatever', '@fields': { level: 'warn' } });
    expect(record.log_format).toBe('winston-logstash');
    expect(record.levelname).toBe('WARNING');
    expect(record.message).toBe('whatever');
    expect(record['@fields']).toEqual({ level: 'warn' });
  });

  it('moves the stack of format.errors({ stack: true }) to exc_info', () => {
    const stack = 'Error: boom\n    at Object.<anonymous> (/app/index.js:5:14)';
    const record = normalize({
      '@message': 'boom',
      '@timestamp': '2019-08-12T20:14:07.212Z',
      '@fields': { level: 'error', stack },
    });
    expect(record.levelname).toBe('ERROR');
    expect(record.exc_info).toBe(stack);
    expect(record['@fields']).toEqual({ level: 'error' });
  });
});
