import { describe, expect, it } from 'vitest';
import { normalizeEvent, type EventSource } from '../../../../src/normalize/normalizeEvent.js';
import { checkConservation } from '../../../helpers/conservation.js';

/**
 * Stacks that the Lambda runtimes' text lines carry beside an error's own (Python's `stack_info`,
 * Node's `cause`), and the message the runtimes end with a line break; one behaviour per test,
 * each line also in test/fixtures/corpus with its source.
 */
const source: EventSource = { logGroup: '/aws/lambda/fn', logStream: 's', owner: '1', defaultName: 'fn' };
const RID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';

function normalize(line: string) {
  return normalizeEvent({ id: '1', timestamp: 0, message: line }, source);
}

function missing(line: string): string[] {
  return checkConservation(line, JSON.stringify(normalize(line))).missing;
}

describe('Python’s stack_info block (stacks.ts)', () => {
  // CPython Lib/logging/__init__.py: `Logger.findCaller` writes the head and `print_stack`'s
  // frames; `Formatter.format` appends them after the message and after the exc_info traceback.
  const stack = [
    'Stack (most recent call last):',
    '  File "/var/task/app.py", line 14, in lambda_handler',
    '    charge(order)',
    '  File "/var/task/app.py", line 8, in charge',
    '    logger.info("charging %s", order_id, stack_info=True)',
  ].join('\n');
  const traceback = [
    'Traceback (most recent call last):',
    '  File "/var/task/app.py", line 6, in charge',
    '    amount = int(order["amount"])',
    "ValueError: invalid literal for int() with base 10: 'x'",
  ].join('\n');

  it('moves the block of a Python runtime line to exc_info, the message alone and the level the line’s', () => {
    const line = `[INFO]\t2023-11-01T10:47:57.081Z\t${RID}\tcharging 42\n${stack}`;
    const record = normalize(line);
    expect(record).toMatchObject({ message: 'charging 42', exc_info: stack, levelname: 'INFO' });
    expect(missing(line)).toEqual([]);
  });

  it('keeps the traceback of exc_info=True first and the stack after it, as Python writes them', () => {
    const line = `[ERROR]\t2023-11-01T10:47:57.081Z\t${RID}\tcharge failed\n${traceback}\n${stack}`;
    const record = normalize(line);
    expect(record).toMatchObject({
      message: 'charge failed',
      exc_info: `${traceback}\n${stack}`,
      levelname: 'ERROR',
    });
  });

  it('takes the exception’s line for the message of a traceback logged with no message of its own', () => {
    const line = `[ERROR]\t2023-11-01T10:47:57.081Z\t${RID}\t${traceback}\n${stack}`;
    expect(normalize(line)).toMatchObject({
      message: "ValueError: invalid literal for int() with base 10: 'x'",
      exc_info: `${traceback}\n${stack}`,
    });
  });

  it('reads the block in `%(asctime)s %(name)s %(levelname)s %(message)s` text the same way', () => {
    const line = `2023-11-01 10:47:57,081 billing WARNING retrying charge\n${stack}\n`;
    expect(normalize(line)).toMatchObject({
      log_format: 'python-logging',
      name: 'billing',
      levelname: 'WARNING',
      message: 'retrying charge',
      exc_info: stack,
    });
    expect(missing(line)).toEqual([]);
  });

  it('leaves a plain text line with the block alone INFO: a stack is no error', () => {
    const line = `charging 42\n${stack}\n`;
    expect(normalize(line)).toMatchObject({ levelname: 'INFO', message: 'charging 42', exc_info: stack });
  });
});

describe('Python’s `NoneType: None` (stacks.ts)', () => {
  // CPython Lib/logging/__init__.py `Formatter.formatException`: with no exception being handled,
  // `sys.exc_info()` is `(None, None, None)` and traceback prints `NoneType: None`.
  it('moves the line of logger.exception outside an except block to exc_info, as python-json-logger does', () => {
    const line = `[ERROR]\t2023-11-01T10:47:57.081Z\t${RID}\tCould not find order 42\nNoneType: None\n`;
    expect(normalize(line)).toMatchObject({
      levelname: 'ERROR',
      message: 'Could not find order 42',
      exc_info: 'NoneType: None',
    });
    expect(missing(line)).toEqual([]);
  });

  it('gives the Lambda JSON record the same message and exc_info as the text line', () => {
    const text = normalize(
      `[ERROR]\t2023-11-01T10:47:57.081Z\t${RID}\tCould not find order 42\nNoneType: None\n`,
    );
    const json = normalize(
      JSON.stringify({
        timestamp: '2023-11-01T10:47:57Z',
        level: 'ERROR',
        message: 'Could not find order 42',
        logger: 'root',
        stackTrace: [],
        errorType: 'NoneType',
        errorMessage: 'None',
        requestId: RID,
        location: '/var/task/app.py:handler:5',
      }),
    );
    expect({ message: json.message, exc_info: json.exc_info }).toEqual({
      message: text.message,
      exc_info: text.exc_info,
    });
  });

  it('keeps a level-less line with it INFO: no exception was raised', () => {
    expect(normalize('Refund skipped\nNoneType: None')).toMatchObject({
      levelname: 'INFO',
      message: 'Refund skipped',
      exc_info: 'NoneType: None',
    });
  });

  it('leaves `NoneType: None` that is the whole message, or not its last line, in the message', () => {
    expect(normalize('NoneType: None')).toMatchObject({ message: 'NoneType: None' });
    expect(normalize('got NoneType: None\nfrom lookup').exc_info).toBeUndefined();
  });
});

describe('the Node.js runtime’s error payload with a cause (lambdaErrorPayload.ts)', () => {
  // aws-lambda-nodejs-runtime-interface-client src/Errors.js `toFormatted`: the replacer writes a
  // nested Error as `{errorType, errorMessage, …enumerable keys, stack: [lines]}`.
  const inner = "TypeError: Cannot read properties of undefined (reading 'id')";
  const cause = {
    errorType: 'TypeError',
    errorMessage: "Cannot read properties of undefined (reading 'id')",
    code: 'E_ORDER',
    stack: [inner, '    at charge (/var/task/index.js:5:20)'],
  };
  const outer = ['Error: charge failed', '    at Runtime.handler (/var/task/index.js:12:11)'];
  const chained = [...outer, `  [cause]: ${inner}`, '      at charge (/var/task/index.js:5:20)'].join('\n');

  it('joins an Invoke Error’s cause stack to exc_info as Node prints it, its other keys kept', () => {
    const payload = { errorType: 'Error', errorMessage: 'charge failed', cause, stack: outer };
    const line = `2023-11-01T10:47:57.081Z\t${RID}\tERROR\tInvoke Error \t${JSON.stringify(payload)}\n`;
    const record = normalize(line);
    expect(record).toMatchObject({ levelname: 'ERROR', message: 'Error: charge failed', exc_info: chained });
    expect(record.cause).toEqual({
      errorType: 'TypeError',
      errorMessage: "Cannot read properties of undefined (reading 'id')",
      code: 'E_ORDER',
    });
    expect(missing(line)).toEqual([]);
  });

  it('indents each cause of a chain two more', () => {
    const root = {
      errorType: 'Error',
      errorMessage: 'ECONNRESET',
      stack: ['Error: ECONNRESET', '    at TLSSocket.x (node:_tls_wrap:1:1)'],
    };
    const payload = {
      errorType: 'Error',
      errorMessage: 'charge failed',
      cause: { ...cause, cause: root },
      stack: outer,
    };
    const line = `2023-11-01T10:47:57.081Z\t${RID}\tERROR\tInvoke Error \t${JSON.stringify(payload)}\n`;
    expect(normalize(line).exc_info).toBe(
      `${chained}\n    [cause]: Error: ECONNRESET\n        at TLSSocket.x (node:_tls_wrap:1:1)`,
    );
    expect(missing(line)).toEqual([]);
  });

  it('joins the cause of a rejected error to the rejection’s exc_info, the reason kept whole', () => {
    const reason = { errorType: 'Error', errorMessage: 'charge failed', cause, stack: outer };
    const payload = {
      errorType: 'Runtime.UnhandledPromiseRejection',
      errorMessage: 'Error: charge failed',
      reason,
      promise: {},
      stack: [
        'Runtime.UnhandledPromiseRejection: Error: charge failed',
        '    at process.<anonymous> (file:///var/runtime/index.mjs:1276:17)',
      ],
    };
    const line = `2023-11-01T10:47:57.081Z\tundefined\tERROR\tUnhandled Promise Rejection \t${JSON.stringify(payload)}\n`;
    const record = normalize(line);
    expect(record.exc_info).toBe(chained);
    expect(record.reason).toEqual(reason);
    expect(missing(line)).toEqual([]);
  });

  it('leaves a cause that is no error (no stack) as it came', () => {
    const payload = {
      errorType: 'Error',
      errorMessage: 'charge failed',
      cause: { orderId: 42 },
      stack: outer,
    };
    const line = `2023-11-01T10:47:57.081Z\t${RID}\tERROR\tInvoke Error \t${JSON.stringify(payload)}\n`;
    const record = normalize(line);
    expect(record.exc_info).toBe(outer.join('\n'));
    expect(record.cause).toEqual({ orderId: 42 });
  });
});

describe('the Java runtime’s report of an exception whose message ends in a line break (javaRuntime.ts)', () => {
  // aws-lambda-java-libs UserFault.reportableError: `${msg}: ${type}\n${trace}\n`, msg
  // `getLocalizedMessage()` as thrown: `new RuntimeException("woops\n")`.
  const frame = '\tat example.Handler.handleRequest(Handler.java:12)';

  it('reads the report as the runtime’s, the message without the line break', () => {
    const line = `woops\n: java.lang.RuntimeException\njava.lang.RuntimeException: woops\n\n${frame}\n\n`;
    expect(normalize(line)).toMatchObject({
      log_format: 'lambda-java',
      levelname: 'ERROR',
      message: 'java.lang.RuntimeException: woops',
      exc_info: `java.lang.RuntimeException: woops\n\n${frame}`,
      error_type: 'java.lang.RuntimeException',
    });
    expect(missing(line)).toEqual([]);
  });

  it('drops a trailing `\\r\\n` the same way, and reads a report with no frames', () => {
    const line = 'woops\r\n: java.lang.RuntimeException\njava.lang.RuntimeException: woops\r\n\n\n';
    expect(normalize(line)).toMatchObject({
      log_format: 'lambda-java',
      levelname: 'ERROR',
      message: 'java.lang.RuntimeException: woops',
      exc_info: 'java.lang.RuntimeException: woops',
    });
    expect(missing(line)).toEqual([]);
  });

  it('keeps an init error’s headline, without the line break its message ended in', () => {
    const line =
      'Error loading class example.Handler: bad config\n: java.lang.ExceptionInInitializerError\n' +
      'java.lang.ExceptionInInitializerError: bad config\n\n\tat java.base/java.lang.Class.forName0(Native Method)\n\n';
    expect(normalize(line)).toMatchObject({
      log_format: 'lambda-java',
      message: 'Error loading class example.Handler: bad config: java.lang.ExceptionInInitializerError',
      exc_info:
        'java.lang.ExceptionInInitializerError: bad config\n\n\tat java.base/java.lang.Class.forName0(Native Method)',
    });
    expect(missing(line)).toEqual([]);
  });

  it('reads a message of several lines the same way', () => {
    const line =
      'two\nlines: java.lang.IllegalStateException\njava.lang.IllegalStateException: two\nlines\n' +
      `${frame}\n\n`;
    expect(normalize(line)).toMatchObject({
      log_format: 'lambda-java',
      message: 'java.lang.IllegalStateException: two\nlines',
      exc_info: `java.lang.IllegalStateException: two\nlines\n${frame}`,
    });
  });
});
