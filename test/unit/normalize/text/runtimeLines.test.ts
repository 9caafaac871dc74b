import { describe, expect, it } from 'vitest';
import { normalizeEvent, type EventSource } from '../../../../src/normalize/normalizeEvent.js';
import { checkConservation } from '../../../helpers/conservation.js';

/**
 * The Lambda runtimes' own lines (Node.js, Python, Ruby, Rust) that the normalizer once got
 * wrong, one behaviour per test; each line is also in test/fixtures/corpus with its source.
 */
const source: EventSource = { logGroup: '/aws/lambda/fn', logStream: 's', owner: '1', defaultName: 'fn' };
const RID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';

function normalize(line: string) {
  return normalizeEvent({ id: '1', timestamp: 0, message: line }, source);
}

function missing(line: string): string[] {
  return checkConservation(line, JSON.stringify(normalize(line))).missing;
}

describe('Python exception groups (stacks.ts)', () => {
  const group = [
    '  + Exception Group Traceback (most recent call last):',
    '  |   File "/var/task/app.py", line 12, in handler',
    '  |     asyncio.run(main())',
    '  | ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)',
    '  +-+---------------- 1 ----------------',
    '    | Traceback (most recent call last):',
    '    |   File "/var/task/app.py", line 5, in fetch',
    '    |     raise ValueError("a")',
    '    | ValueError: a',
    '    +------------------------------------',
  ].join('\n');

  it('moves a logger.exception group traceback to exc_info, the message alone', () => {
    const record = normalize(`[ERROR]\t2023-11-01T10:47:57.081Z\t${RID}\tbatch failed\n${group}\n`);
    expect(record.message).toBe('batch failed');
    expect(record.exc_info).toBe(group);
    expect(record.levelname).toBe('ERROR');
  });

  it('takes the group’s own line for the message when nothing was logged before the traceback', () => {
    const record = normalize(`[ERROR]\t2023-11-01T10:47:57.081Z\t${RID}\t${group}\n`);
    expect(record.message).toBe('ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)');
    expect(record.exc_info).toBe(group);
  });
});

describe('Node.js process warnings (nodeRuntime.ts)', () => {
  it('reads `(node:8) [DEP0005] DeprecationWarning:` written through console.error as WARNING', () => {
    const line =
      '2021-10-02T06:45:15.917Z\tundefined\tERROR\t(node:8) [DEP0005] DeprecationWarning: Buffer() is deprecated.\n' +
      '(Use `node --trace-deprecation ...` to show where the warning was created)\n';
    const record = normalize(line);
    expect(record.levelname).toBe('WARNING');
    expect(record.message).toBe(
      '(node:8) [DEP0005] DeprecationWarning: Buffer() is deprecated.\n(Use `node --trace-deprecation ...` to show where the warning was created)',
    );
    expect(missing(line)).toEqual([]);
  });

  it('reads the AWS SDK v2 `(node:8) NOTE:` warning as WARNING', () => {
    const record = normalize(
      '2023-11-01T10:47:57.081Z\tundefined\tERROR\t(node:8) NOTE: The AWS SDK for JavaScript (v2) is in maintenance mode.\n',
    );
    expect(record.levelname).toBe('WARNING');
  });

  it('leaves other console.error lines that start with a parenthesis at ERROR', () => {
    expect(normalize(`2023-11-01T10:47:57.081Z\t${RID}\tERROR\t(retry 3) payment failed\n`).levelname).toBe(
      'ERROR',
    );
    expect(normalize(`2023-11-01T10:47:57.081Z\t${RID}\tERROR\t(node:8) crashed\n`).levelname).toBe('ERROR');
  });
});

describe('V8 syntax errors (stacks.ts)', () => {
  it('keeps the source excerpt above a SyntaxError with its stack, the error line as message', () => {
    const record = normalize(
      "2022-05-25T07:05:11.372Z\tundefined\tERROR\t/var/task/index.js:1\nimport http from 'http';\n^^^^^^\n" +
        'SyntaxError: Cannot use import statement outside a module\n    at Object.compileFunction (node:vm:352:18)\n',
    );
    expect(record.message).toBe('SyntaxError: Cannot use import statement outside a module');
    expect(record.exc_info).toBe(
      "/var/task/index.js:1\nimport http from 'http';\n^^^^^^\nSyntaxError: Cannot use import statement outside a module\n    at Object.compileFunction (node:vm:352:18)",
    );
  });
});

describe('Python levels without a standard name (pythonRuntime.ts)', () => {
  it('maps `[Level 5]` (logging.log(5, …)) by its number and keeps its spelling', () => {
    const line = `[Level 5]\t2023-11-01T10:47:57.081Z\t${RID}\tdeep trace\n`;
    const record = normalize(line);
    expect(record.levelname).toBe('DEBUG');
    expect(record.message).toBe('deep trace');
    expect(missing(line)).toEqual([]);
  });

  it('keeps a custom level name (logging.addLevelName) it cannot map, as INFO', () => {
    const line = `[AUDIT]\t2023-11-01T10:47:57.081Z\t${RID}\tuser 7 signed in\n`;
    const record = normalize(line);
    expect(record.levelname).toBe('INFO');
    expect(missing(line)).toEqual([]);
  });
});

describe('Ruby init errors (rubyRuntime.ts)', () => {
  it('keeps the handler named in `Init error when loading handler <handler>`', () => {
    const line =
      'Init error when loading handler lambda.handler\n{\n"errorMessage": "cannot load such file -- rack",\n' +
      '"errorType": "Init<LoadError>",\n"stackTrace": [\n"/var/task/lambda.rb:17:in `<top (required)>\'"\n]\n}\n';
    const record = normalize(line);
    expect(record.message).toBe('Init<LoadError>: cannot load such file -- rack');
    expect(record.levelname).toBe('ERROR');
    expect(missing(line)).toEqual([]);
  });
});

describe('Rust panics with a backtrace (runtimeCrash.ts)', () => {
  it('moves `stack backtrace:` and its frames to exc_info', () => {
    const backtrace =
      'stack backtrace:\n   0: rust_begin_unwind\n             at /rustc/90b35a6/library/std/src/panicking.rs:597:5\n' +
      '   1: bootstrap::main\nnote: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.';
    const record = normalize(`thread 'main' panicked at src/main.rs:20:9:\nboom\n${backtrace}\n`);
    expect(record.message).toBe("thread 'main' panicked at src/main.rs:20:9:\nboom");
    expect(record.exc_info).toBe(backtrace);
    expect(record.levelname).toBe('ERROR');
  });
});

describe('Node.js JSON log format rejections (lambdaJson.ts)', () => {
  it('gives an Unhandled Promise Rejection the rejected error’s own stack, as in the text format', () => {
    const message = {
      errorType: 'Runtime.UnhandledPromiseRejection',
      errorMessage: 'Error: boom',
      stackTrace: [
        'Runtime.UnhandledPromiseRejection: Error: boom',
        '    at process.<anonymous> (file:///var/runtime/index.mjs:1276:17)',
      ],
      reason: {
        errorType: 'Error',
        errorMessage: 'boom',
        stackTrace: ['Error: boom', '    at hello (file:///var/task/index.mjs:2:9)'],
      },
      promise: {},
    };
    const line = JSON.stringify({
      timestamp: '2023-11-01T10:47:57.081Z',
      level: 'ERROR',
      requestId: RID,
      message,
    });
    const record = normalize(line);
    expect(record.message).toBe('Runtime.UnhandledPromiseRejection: Error: boom');
    expect(record.exc_info).toBe('Error: boom\n    at hello (file:///var/task/index.mjs:2:9)');
    expect(missing(line)).toEqual([]);
  });
});

describe('PHP-FPM’s own log on Bref’s FPM runtimes (phpFpm.ts)', () => {
  it('reads the level FPM states after its time, and keeps the rest as the message', () => {
    const record = normalize(
      '[19-Jan-2019 20:52:38] WARNING: [pool default] child 14 said into stderr: "My log"\n',
    );
    expect(record.levelname).toBe('WARNING');
    expect(record.message).toBe('[pool default] child 14 said into stderr: "My log"');
    expect(record.log_format).toBe('php-fpm');
  });

  it('reads NOTICE as INFO and ALERT as CRITICAL', () => {
    expect(normalize('[13-Oct-2023 08:01:38] NOTICE: fpm is running, pid 11\n').levelname).toBe('INFO');
    expect(normalize('[13-Oct-2023 08:01:38] ALERT: oops, unknown child (12) exited\n').levelname).toBe(
      'CRITICAL',
    );
  });
});

describe('an error inside a logged object (stacks.ts)', () => {
  it('keeps the object whole as the message, only the error’s frames in exc_info', () => {
    const line =
      `2023-11-01T10:47:57.081Z\t${RID}\tERROR\t{\n  msg: 'retry failed',\n  err: Error: boom\n` +
      '      at handler (/var/task/index.js:3:9)\n      at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n}\n';
    const record = normalize(line);
    expect(record.message).toBe("{\n  msg: 'retry failed',\n  err: Error: boom\n}");
    expect(record.exc_info).toBe(
      'Error: boom\n      at handler (/var/task/index.js:3:9)\n      at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    );
    expect(missing(line)).toEqual([]);
  });

  it('leaves an object holding two errors split at the first, as before', () => {
    const record = normalize(
      `2023-11-01T10:47:57.081Z\t${RID}\tERROR\t{\n  a: Error: one\n      at f (/var/task/a.js:1:1),\n  b: Error: two\n      at g (/var/task/b.js:2:2)\n}\n`,
    );
    expect(record.message).toBe('{\n  a:');
  });
});

describe("Rust lambda_runtime's default subscriber in the JSON log format (rustTracingJson.ts)", () => {
  // `fmt().with_target(false).without_time().json()`: no `timestamp`, no `target`.
  const span = {
    requestId: RID,
    xrayTraceId: 'Root=1-673e57b6-4d3b2cce0232a5a97eb755eb;Parent=65fa8e08b986dec3;Sampled=0',
    name: 'Lambda runtime invoke',
  };
  const line = `${JSON.stringify({ level: 'WARN', fields: { message: 'stock low', sku: 'A-1' }, span, spans: [span] })}\n`;

  it('reads fields.message as the message, the level and the invocation span’s request id', () => {
    expect(normalize(line)).toMatchObject({
      log_format: 'rust-tracing-json',
      levelname: 'WARNING',
      message: 'stock low',
      name: 'fn',
      aws_request_id: RID,
      fields: { sku: 'A-1' },
    });
    expect(missing(line)).toEqual([]);
  });

  it('reads an event outside an invocation (no span) the same way', () => {
    const outside = '{"level":"DEBUG","fields":{"message":"resolving host","host":"s3.amazonaws.com"}}\n';
    expect(normalize(outside)).toMatchObject({ log_format: 'rust-tracing-json', message: 'resolving host' });
  });
});

describe('Lambda JSON records whose level is no level name (lambdaJson.ts)', () => {
  it('reads Python’s NOTSET (a level under 10, `_format_log_level` rounds it to 0) as DEBUG, the spelling kept', () => {
    const line = `{"timestamp": "2024-05-01T10:00:00Z", "level": "NOTSET", "message": "wire dump", "logger": "app.db", "requestId": "${RID}"}\n`;
    expect(normalize(line)).toMatchObject({
      log_format: 'lambda-json',
      levelname: 'DEBUG',
      message: 'wire dump',
      name: 'app.db',
      aws_request_id: RID,
      level: 'NOTSET',
    });
    expect(missing(line)).toEqual([]);
  });

  it('reads Java’s UNDEFINED (LambdaLogger.log(String) with no level) as a line with no level: INFO', () => {
    const line = `{"timestamp":"2024-05-01T10:00:00.123Z","message":"Received event","level":"UNDEFINED","AWSRequestId":"${RID}"}\n`;
    expect(normalize(line)).toMatchObject({
      log_format: 'lambda-json',
      levelname: 'INFO',
      message: 'Received event',
      aws_request_id: RID,
      level: 'UNDEFINED',
    });
    expect(missing(line)).toEqual([]);
  });
});

describe('Lambda JSON string messages that end in a line break (lambdaJson.ts)', () => {
  it('drops the trailing \\n of console.log(\'done\\n\') and LambdaLogger.log("x\\r\\n"), and nothing else', () => {
    const node = `{"timestamp":"2024-05-01T10:00:00.123Z","level":"INFO","requestId":"${RID}","message":"order 42 stored\\n"}`;
    expect(normalize(node)).toMatchObject({ message: 'order 42 stored', levelname: 'INFO' });
    const java = `{"timestamp":"2024-05-01T10:00:00.123Z","message":"Received event\\r\\n","level":"UNDEFINED","AWSRequestId":"${RID}"}`;
    expect(normalize(java).message).toBe('Received event');
    // A line break inside the message stays; only the ones it ends with go.
    const inner = `{"timestamp":"2024-05-01T10:00:00.123Z","level":"INFO","requestId":"${RID}","message":"a\\n b\\n"}`;
    expect(normalize(inner).message).toBe('a\n b');
    expect(missing(node)).toEqual([]);
    expect(missing(java)).toEqual([]);
  });
});

describe('the Java runtime’s error reports (javaRuntime.ts)', () => {
  it('reads an init error’s report (`Class not found: <class>: <type>` above the stack) as the runtime’s ERROR', () => {
    const line =
      'Class not found: com.example.Handler: java.lang.ClassNotFoundException\n' +
      'java.lang.ClassNotFoundException: com.example.Handler. Current classpath: file:/var/task/\n\n';
    expect(normalize(line)).toMatchObject({
      log_format: 'lambda-java',
      levelname: 'ERROR',
      message: 'Class not found: com.example.Handler: java.lang.ClassNotFoundException',
      exc_info: 'java.lang.ClassNotFoundException: com.example.Handler. Current classpath: file:/var/task/',
      error_type: 'java.lang.ClassNotFoundException',
    });
    expect(missing(line)).toEqual([]);
  });

  it('reads `Error loading class <class>: <message>: <type>` with its stack the same way', () => {
    const stack =
      'java.lang.NoClassDefFoundError: com/example/Dao\n' +
      '\tat java.base/java.lang.Class.forName0(Native Method)\n' +
      'Caused by: java.lang.ClassNotFoundException: com.example.Dao\n' +
      '\tat java.base/java.net.URLClassLoader.findClass(Unknown Source)\n' +
      '\t... 13 more';
    const line = `Error loading class com.example.Handler: com/example/Dao: java.lang.NoClassDefFoundError\n${stack}\n\n`;
    expect(normalize(line)).toMatchObject({
      log_format: 'lambda-java',
      levelname: 'ERROR',
      message: 'Error loading class com.example.Handler: com/example/Dao: java.lang.NoClassDefFoundError',
      exc_info: stack,
      error_type: 'java.lang.NoClassDefFoundError',
    });
  });

  it('reads the report of an exception with no message (its class name stands for it) as the runtime’s', () => {
    const line =
      'java.lang.NullPointerException: java.lang.NullPointerException\n' +
      'java.lang.NullPointerException\n\tat example.Handler.handleRequest(Handler.java:12)\n\n';
    expect(normalize(line)).toMatchObject({
      log_format: 'lambda-java',
      levelname: 'ERROR',
      message: 'java.lang.NullPointerException',
      exc_info: 'java.lang.NullPointerException\n\tat example.Handler.handleRequest(Handler.java:12)',
    });
  });
});

describe('Lambda’s platform.fault record (lambdaJson.ts)', () => {
  it('is an ERROR whose message is the fault’s text, its request id read from it', () => {
    const line =
      '{"time":"2020-08-20T12:31:32.123Z","type":"platform.fault","record":"RequestId: d783b35e-a91d-4251-af17-035953428a2c Process exited before completing request"}\n';
    expect(normalize(line)).toMatchObject({
      log_format: 'lambda-json-platform',
      levelname: 'ERROR',
      message: 'RequestId: d783b35e-a91d-4251-af17-035953428a2c Process exited before completing request',
      aws_request_id: 'd783b35e-a91d-4251-af17-035953428a2c',
      lambda: { type: 'platform.fault' },
    });
    expect(missing(line)).toEqual([]);
  });

  it('is an ERROR without a request id too', () => {
    const line =
      '{"time":"2021-10-20T08:13:03.278Z","type":"platform.fault","record":"Unknown application error occurred"}\n';
    expect(normalize(line)).toMatchObject({
      levelname: 'ERROR',
      message: 'Unknown application error occurred',
    });
  });
});

describe('aws-lambda-go’s own warnings (goRuntime.ts)', () => {
  it('reads the `WARNING! ` it writes through the log package as WARNING, the message whole', () => {
    const line =
      '2024/05/01 10:00:00 WARNING! Failed to register internal extension! SIGTERM events may not be enabled! err: connection refused\n';
    expect(normalize(line)).toMatchObject({
      log_format: 'go-log',
      levelname: 'WARNING',
      message:
        'WARNING! Failed to register internal extension! SIGTERM events may not be enabled! err: connection refused',
    });
  });
});

describe('a runtime exit with an empty request id (lambdaPlatform.ts)', () => {
  it('keeps the `RequestId:` label in the message when no id follows it', () => {
    const line = 'RequestId:  Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n';
    const record = normalize(line);
    expect(record).toMatchObject({
      log_format: 'lambda-platform',
      levelname: 'ERROR',
      message: 'RequestId:  Error: Runtime exited with error: signal: killed',
      exc_info: 'Error: Runtime exited with error: signal: killed\nRuntime.ExitError',
    });
    expect(record.aws_request_id).toBeUndefined();
    expect(missing(line)).toEqual([]);
  });
});

describe('a carriage return ending a Lambda JSON record’s message (lambdaJson.ts)', () => {
  it('drops the `\\r` the Python runtime ends its LAMBDA_WARNING with, as the text format does', () => {
    const line =
      '{"timestamp": "2024-05-01T10:00:00Z", "level": "WARNING", "message": "LAMBDA_WARNING: Unhandled exception. For more information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html\\r", "logger": "root", "requestId": ""}\n';
    expect(normalize(line)).toMatchObject({
      levelname: 'WARNING',
      message:
        'LAMBDA_WARNING: Unhandled exception. For more information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html',
    });
  });
});

describe('Rust `tracing` lines in colour (rustTracing.ts)', () => {
  it('reads a line tracing-subscriber’s `ansi` feature coloured as the same line uncoloured', () => {
    const line =
      '\u001b[2m2024-05-01T10:00:00.123456Z\u001b[0m \u001b[31mERROR\u001b[0m \u001b[2mmy_lambda\u001b[0m\u001b[2m:\u001b[0m payment failed\n';
    expect(normalize(line)).toMatchObject({
      log_format: 'rust-tracing',
      levelname: 'ERROR',
      name: 'my_lambda',
      message: 'payment failed',
    });
    expect(missing(line)).toEqual([]);
  });

  it('reads the lambda_runtime subscriber’s coloured line, its invocation span’s request id too', () => {
    const line = `\u001b[32m INFO\u001b[0m \u001b[1mLambda runtime invoke\u001b[0m\u001b[1m{\u001b[0mrequestId="${RID}"\u001b[1m}\u001b[0m\u001b[2m:\u001b[0m processing order\n`;
    expect(normalize(line)).toMatchObject({
      log_format: 'rust-tracing',
      levelname: 'INFO',
      message: 'processing order',
      aws_request_id: RID,
    });
  });
});

describe('the Java runtime’s handler faults with no exception (javaRuntime.ts)', () => {
  it.each([
    'No public method named handleRequest with appropriate method signature found on class com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler',
    "Invalid handler: `example.Handler:handleRequest'",
    'Class does not implement an appropriate handler interface: example.Handler',
    'Class example.Handler does not implement RequestHandler with concrete type parameters',
  ])('reads %j as the runtime’s ERROR, the line whole as the message', (text) => {
    expect(normalize(`${text}\n`)).toMatchObject({
      log_format: 'lambda-java',
      levelname: 'ERROR',
      message: text,
    });
  });

  it('leaves a println that starts the same way but says something else as plain text', () => {
    expect(normalize('No public method named in the docs, so we fall back\n')).toMatchObject({
      log_format: 'text',
      levelname: 'INFO',
    });
  });

  it('reads `Error loading method <m> on class <c>: <type>` above the stack as an init error report', () => {
    const line =
      'Error loading method handleRequest on class example.Handler: java.lang.NoClassDefFoundError\n' +
      'java.lang.NoClassDefFoundError: com/example/Dao\n\tat java.base/java.lang.Class.getDeclaredMethods0(Native Method)\n\n';
    expect(normalize(line)).toMatchObject({
      log_format: 'lambda-java',
      levelname: 'ERROR',
      message: 'Error loading method handleRequest on class example.Handler: java.lang.NoClassDefFoundError',
    });
  });
});

describe('Python’s warnings on stderr (pythonWarning.ts)', () => {
  it('reads `<file>.py:<line>: <Category>Warning: <message>` as WARNING, the line whole', () => {
    const line = '/var/task/app.py:12: UserWarning: pool size 0 is deprecated\n';
    expect(normalize(line)).toMatchObject({
      log_format: 'python-warning',
      levelname: 'WARNING',
      message: '/var/task/app.py:12: UserWarning: pool size 0 is deprecated',
    });
    expect(missing(line)).toEqual([]);
  });

  it('keeps the source line written with it in the message', () => {
    const line = '/var/task/app.py:12: FutureWarning: x is deprecated\n  warnings.warn("x is deprecated")\n';
    expect(normalize(line)).toMatchObject({
      levelname: 'WARNING',
      message: '/var/task/app.py:12: FutureWarning: x is deprecated\n  warnings.warn("x is deprecated")',
    });
  });

  it('leaves other lines that start with a path to the other formats', () => {
    expect(normalize('/var/task/app.py:12: not a warning\n')).toMatchObject({
      log_format: 'text',
      levelname: 'INFO',
    });
    expect(normalize('/tmp/cache: 12 files\n').log_format).toBe('text');
  });
});

describe('the JVM’s own warnings (javaRuntime.ts)', () => {
  it.each([
    'OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes because bootstrap classpath has been appended',
    'Java HotSpot(TM) 64-Bit Server VM warning: Options -Xverify:none and -noverify were deprecated in JDK 13 and will likely be removed in a future release.',
  ])('reads %j as WARNING, the line whole', (text) => {
    expect(normalize(`${text}\n`)).toMatchObject({
      log_format: 'lambda-java',
      levelname: 'WARNING',
      message: text,
    });
  });

  it('leaves a line that only mentions a VM warning as plain text', () => {
    expect(normalize('Our own VM warning: check the heap\n')).toMatchObject({
      log_format: 'text',
      levelname: 'INFO',
    });
  });
});

describe('Ruby’s warnings on stderr (rubyWarning.ts)', () => {
  it('reads `<file>.rb:<line>: warning: <message>` as WARNING, the line whole', () => {
    const text =
      '/var/runtime/gems/aws_lambda_ric-3.1.3/lib/aws_lambda_ric/lambda_log_formatter.rb:3: warning: logger was loaded from the standard library, but will no longer be part of the default gems starting from Ruby 3.5.0.';
    expect(normalize(`${text}\n`)).toMatchObject({
      log_format: 'ruby-warning',
      levelname: 'WARNING',
      message: text,
    });
    expect(missing(`${text}\n`)).toEqual([]);
  });

  it('leaves a path that is no warning as plain text', () => {
    expect(normalize('/var/task/app.rb:3: loaded\n')).toMatchObject({
      log_format: 'text',
      levelname: 'INFO',
    });
  });
});

describe('aws-lambda-go’s fatal lines (goRuntime.ts)', () => {
  it.each([
    'calling the handler function resulted in a panic, the process should exit',
    'unexpected error occurred when sending the function functionResponse to the API: failed to POST to http://127.0.0.1:9001/2018-06-01/runtime/invocation/8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01/response: got unexpected status code: 413',
    'expected AWS Lambda environment variables [AWS_LAMBDA_RUNTIME_API] are not defined',
  ])('reads the log.Fatalf line %j, after which the process exits, as ERROR', (text) => {
    expect(normalize(`2024/05/01 10:00:00 ${text}\n`)).toMatchObject({
      log_format: 'go-log',
      levelname: 'ERROR',
      message: text,
    });
  });
});

describe('the Go log prefix around a bracketed number (goRuntime.ts)', () => {
  it('keeps a `[pid] ` head in the message: a number is no level word', () => {
    const record = normalize(
      '2023/11/01 10:47:57 [23111] 19 Aug 16:21:44.795 # WARNING overcommit_memory is set to 0!\n',
    );
    expect(record).toMatchObject({ log_format: 'go-log', levelname: 'INFO' });
    expect(record.message).toContain('[23111]');
    expect(normalize('2023/11/01 10:47:57 [ERROR] boom\n')).toMatchObject({
      levelname: 'ERROR',
      message: 'boom',
    });
  });
});

describe('the Datadog extension’s own lines (lambdaExtension.ts)', () => {
  it('reads the current extension’s JSON line: its level, DD_EXTENSION as the name, the message alone', () => {
    const line = '{"status":"ERROR","message":"DD_EXTENSION | ERROR | Extension loop failed"}\n';
    expect(normalize(line)).toMatchObject({
      log_format: 'lambda-extension',
      levelname: 'ERROR',
      name: 'DD_EXTENSION',
      message: 'Extension loop failed',
      status: 'ERROR',
    });
    expect(missing(line)).toEqual([]);
  });

  it('reads the JSON line with `level` (the releases before `status`) the same way', () => {
    const line = '{"level":"DEBUG","message":"DD_EXTENSION | DEBUG | Starting extension"}\n';
    expect(normalize(line)).toMatchObject({
      log_format: 'lambda-extension',
      levelname: 'DEBUG',
      name: 'DD_EXTENSION',
      message: 'Starting extension',
    });
    expect(missing(line)).toEqual([]);
  });

  it('reads the text line with no date (the Rust extension before its JSON lines)', () => {
    const line = 'DD_EXTENSION | WARN | Failed to flush logs: timed out\n';
    expect(normalize(line)).toMatchObject({
      log_format: 'lambda-extension',
      levelname: 'WARNING',
      name: 'DD_EXTENSION',
      message: 'Failed to flush logs: timed out',
    });
    expect(missing(line)).toEqual([]);
  });

  it('leaves a JSON line whose message only mentions the extension to the other formats', () => {
    expect(normalize('{"level":"INFO","message":"DD_EXTENSION is slow"}\n').log_format).not.toBe(
      'lambda-extension',
    );
  });
});

describe('an extension’s level inside its bracketed name (lambdaExtension.ts)', () => {
  it('reads New Relic’s `[NR_EXT ERROR] …`: NR_EXT the name, ERROR the level', () => {
    const line =
      '[NR_EXT ERROR] Failed to send harvested telemetry for 1 invocations: context deadline exceeded\n';
    expect(normalize(line)).toMatchObject({
      log_format: 'lambda-extension',
      levelname: 'ERROR',
      name: 'NR_EXT',
      message: 'Failed to send harvested telemetry for 1 invocations: context deadline exceeded',
    });
    expect(missing(line)).toEqual([]);
  });

  it('keeps a name whose last word is no level whole', () => {
    expect(normalize('[Sample Telemetry Extension] Registered\n')).toMatchObject({
      name: 'Sample Telemetry Extension',
      levelname: 'INFO',
    });
  });
});

describe('Go running out of memory (goRuntime.ts)', () => {
  it('marks `fatal error: runtime: out of memory` with error_type OutOfMemory, as the other runtimes’ are', () => {
    const line =
      'fatal error: runtime: out of memory\n\nruntime stack:\nruntime.throw({0x5a1b2c?, 0x1?})\n\t/usr/local/go/src/runtime/panic.go:1047 +0x5d\n';
    expect(normalize(line)).toMatchObject({
      log_format: 'go-panic',
      levelname: 'ERROR',
      message: 'fatal error: runtime: out of memory',
      error_type: 'OutOfMemory',
    });
    expect(normalize('fatal error: runtime: out of memory\n')).toMatchObject({ error_type: 'OutOfMemory' });
  });
});
