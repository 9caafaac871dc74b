import { describe, expect, it } from 'vitest';
import { normalizeEvent, type EventSource } from '../../../../src/normalize/normalizeEvent.js';

/**
 * Text lines of the real-world corpus (test/fixtures/corpus) that the normalizer once got
 * wrong, pinned one behaviour per test.
 */
const source: EventSource = { logGroup: '/aws/lambda/fn', logStream: 's', owner: '1', defaultName: 'fn' };
const RID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';

function normalize(line: string) {
  return normalizeEvent({ id: '1', timestamp: 0, message: line }, source);
}

describe('stack splitting (stacks.ts)', () => {
  it('opens a .NET stack at the outer exception, not at its ` ---> ` inner exception', () => {
    const record = normalize(
      `2023-11-01T10:47:57.081Z\t${RID}\tfail\tSystem.AggregateException: One or more errors occurred. (boom)\n` +
        ' ---> System.Exception: boom\n   at Function.Inner() in /src/Function.cs:line 40\n' +
        '   --- End of inner exception stack trace ---\n   at Function.Handler() in /src/Function.cs:line 22\n',
    );
    expect(record.levelname).toBe('ERROR');
    expect(record.message).toBe('System.AggregateException: One or more errors occurred. (boom)');
    expect(record.exc_info).toBe(
      'System.AggregateException: One or more errors occurred. (boom)\n ---> System.Exception: boom\n' +
        '   at Function.Inner() in /src/Function.cs:line 40\n   --- End of inner exception stack trace ---\n' +
        '   at Function.Handler() in /src/Function.cs:line 22',
    );
  });

  it('keeps the text before a Java throwable as the message when a `Caused by:` follows it', () => {
    const record = normalize(
      '10:47:57.081 [main] ERROR com.example.App - Failed to start\njava.lang.IllegalStateException: boom\n' +
        '\tat com.example.App.run(App.java:10)\nCaused by: java.io.IOException: reset\n\tat x.Net.call(Net.java:5)\n',
    );
    expect(record.message).toBe('Failed to start');
    expect(record.exc_info?.startsWith('java.lang.IllegalStateException: boom\n')).toBe(true);
  });
});

describe('runtime crash lines (runtimeCrash.ts)', () => {
  it('keeps the JVM’s whole `Exception in thread "main" X: msg` headline as the message', () => {
    const record = normalize(
      'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n' +
        '\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)\n',
    );
    expect(record.levelname).toBe('ERROR');
    expect(record.message).toBe('Exception in thread "main" java.lang.OutOfMemoryError: Java heap space');
    expect(record.exc_info).toBe(
      'java.lang.OutOfMemoryError: Java heap space\n\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)',
    );
  });
});

describe('Node.js runtime error lines (lambdaErrorPayload.ts)', () => {
  it('gives an Unhandled Promise Rejection the rejected error’s own stack, without the wrapper’s headline', () => {
    const payload = {
      errorType: 'Runtime.UnhandledPromiseRejection',
      errorMessage: 'Error: HelloError',
      reason: {
        errorType: 'Error',
        errorMessage: 'HelloError',
        stack: ['Error: HelloError', '    at hello (file:///var/task/index.mjs:2:9)'],
      },
      promise: {},
      stack: [
        'Runtime.UnhandledPromiseRejection: Error: HelloError',
        '    at process.<anonymous> (x.mjs:1:1)',
      ],
    };
    const record = normalize(
      `2026-01-29T17:14:37.197Z\t${RID}\tERROR\tUnhandled Promise Rejection \t${JSON.stringify(payload)}\n`,
    );
    expect(record.message).toBe('Runtime.UnhandledPromiseRejection: Error: HelloError');
    expect(record.exc_info).toBe('Error: HelloError\n    at hello (file:///var/task/index.mjs:2:9)');
    expect(record.aws_request_id).toBe(RID);
  });
});

describe('a bracketed level at the head of a plain line (bracketLevel.ts)', () => {
  it.each([
    ['[WARNING] disk almost full', 'WARNING', 'disk almost full'],
    ['[CRITICAL] cannot reach the database', 'CRITICAL', 'cannot reach the database'],
    ['[error] bad payload', 'ERROR', 'bad payload'],
  ])('reads %j as its level and the rest as the message', (line, levelname, message) => {
    const record = normalize(`${line}\n`);
    expect(record.levelname).toBe(levelname);
    expect(record.message).toBe(message);
  });

  it('lets the bracketed level of a console.log body win over the console method', () => {
    const record = normalize(`2023-11-01T10:47:57.081Z\t${RID}\tINFO\t[ERROR] order 42 rejected\n`);
    expect(record.levelname).toBe('ERROR');
    expect(record.message).toBe('order 42 rejected');
    expect(record.aws_request_id).toBe(RID);
  });

  it('leaves other bracketed words and the runtimes’ own bracket lines alone', () => {
    expect(normalize('[http] GET /health\n').message).toBe('[http] GET /health');
    expect(normalize('[1] first item\n').levelname).toBe('INFO');
    expect(normalize('[WARN] Retrying\n').log_format).toBe('lambda-java');
  });
});

describe('Log4j 2 text (log4j2Text.ts)', () => {
  it('reads the manual’s `%d %p %c{1.} [%t] %m%n`: level, logger, thread, message', () => {
    const record = normalize(
      '2023-11-01 10:47:57,081 WARN c.e.o.OrderService [pool-1-thread-3] Stock low for SKU-7\n',
    );
    expect(record.log_format).toBe('log4j2');
    expect(record.levelname).toBe('WARNING');
    expect(record.name).toBe('c.e.o.OrderService');
    expect(record.message).toBe('Stock low for SKU-7');
    expect(record.thread).toBe('pool-1-thread-3');
  });

  it('reads a `<%-36X{AWSRequestId}>` padded with blanks outside an invocation as no request id', () => {
    const record = normalize(
      `2021-07-13 22:40:37,512 <${' '.repeat(36)}> [main] INFO  com.example.Handler:25 - Starting\n`,
    );
    expect(record.log_format).toBe('log4j2');
    expect(record.aws_request_id).toBeUndefined();
    expect(record.message).toBe('Starting');
  });

  it('leaves Python’s `%(asctime)s %(levelname)s %(message)s` lines to Python logging', () => {
    const record = normalize('2023-11-01 10:47:57,081 INFO Started the worker\n');
    expect(record.log_format).toBe('python-logging');
    expect(record.message).toBe('Started the worker');
  });
});

describe('winston text (winstonText.ts)', () => {
  it.each([
    ['info: Hello distributed log files!', 'INFO', 'Hello distributed log files!'],
    ['error: Something went wrong', 'ERROR', 'Something went wrong'],
    ['warn:    Disk space low', 'WARNING', 'Disk space low'],
    ['\u001b[31merror\u001b[39m: payment failed', 'ERROR', 'payment failed'],
  ])('reads %j (format.simple / cli / colorize)', (line, levelname, message) => {
    const record = normalize(`${line}\n`);
    expect(record.log_format).toBe('winston-text');
    expect(record.levelname).toBe(levelname);
    expect(record.message).toBe(message);
  });

  it('takes no `Error: msg` headline or other `word: text` line for a winston level', () => {
    expect(normalize('Error: boom\n').log_format).toBe('text');
    expect(normalize('errors: 3 found\n').levelname).toBe('INFO');
    expect(normalize('debugging: on\n').message).toBe('debugging: on');
  });
});

describe('Rust on a custom runtime (rustTracing.ts, runtimeCrash.ts)', () => {
  const span = `Lambda runtime invoke{requestId="${RID}" xrayTraceId="Root=1-6431b558-19be6d894b8d7b025bf628ee"}`;

  it.each([
    [` INFO ${span}: Payload {"a":1}.`, 'INFO', 'Payload {"a":1}.'],
    [
      `ERROR ${span}: user handler panicked error=Any { .. }`,
      'ERROR',
      'user handler panicked error=Any { .. }',
    ],
    [` WARN ${span}: retrying attempt=2`, 'WARNING', 'retrying attempt=2'],
    [
      `TRACE ${span}:send_operation{operation="Put" service="s3"}:dispatch: checkout dropped`,
      'DEBUG',
      'checkout dropped',
    ],
  ])(
    'reads the level, the request id of the invocation span and the message of %j',
    (line, levelname, message) => {
      const record = normalize(`${line}\n`);
      expect(record.log_format).toBe('rust-tracing');
      expect(record.levelname).toBe(levelname);
      expect(record.message).toBe(message);
      expect(record.aws_request_id).toBe(RID);
    },
  );

  it('reads a line outside the invocation span by its level alone', () => {
    const record = normalize('DEBUG resolving host="s3.amazonaws.com"\n');
    expect(record.levelname).toBe('DEBUG');
    expect(record.message).toBe('resolving host="s3.amazonaws.com"');
    expect(record.aws_request_id).toBeUndefined();
  });

  it('takes a Rust panic for a crash: ERROR', () => {
    const record = normalize(
      "thread 'main' panicked at src/main.rs:74:6:\ncalled `Option::unwrap()` on a `None` value\n",
    );
    expect(record.levelname).toBe('ERROR');
    expect(record.message).toBe(
      "thread 'main' panicked at src/main.rs:74:6:\ncalled `Option::unwrap()` on a `None` value",
    );
  });
});

describe('python2.7 / python3.6 uncaught errors (stacks.ts)', () => {
  it("gives `KeyError: 'key1'` as the message of `'key1': KeyError` above its traceback", () => {
    const record = normalize(
      "'key1': KeyError\nTraceback (most recent call last):\n  File \"/var/task/f.py\", line 5, in h\n    e['key1']\nKeyError: 'key1'\n",
    );
    expect(record.levelname).toBe('ERROR');
    expect(record.message).toBe("KeyError: 'key1'");
    expect(record.exc_info).toBe(
      "Traceback (most recent call last):\n  File \"/var/task/f.py\", line 5, in h\n    e['key1']\nKeyError: 'key1'",
    );
  });

  it('keeps a logger’s own message above a traceback', () => {
    const record = normalize(
      'Failed: KeyError\nTraceback (most recent call last):\n  File "f.py", line 1, in h\nKeyError: \'x\'\n',
    );
    expect(record.message).toBe('Failed: KeyError');
  });
});

describe('.NET runtime lines (dotnetRuntime.ts)', () => {
  const json =
    '{\n    "level": "Error",\n    "service": "orders",\n    "cold_start": false,\n    "message": "charge failed"\n}';

  it.each([
    ['a line break', '\n'],
    ['a tab', '\t'],
  ])('reads the level column ended by %s before a pretty-printed JSON message', (_label, separator) => {
    const record = normalize(`2025-02-24T13:36:06.483Z\t${RID}\tinfo${separator}${json}\n`);
    // Powertools for .NET's own record (its level spelling): powertoolsDotnet.ts.
    expect(record.log_format).toBe('lambda-dotnet/powertools-dotnet');
    expect(record.levelname).toBe('ERROR');
    expect(record.name).toBe('orders');
    expect(record.message).toBe('charge failed');
    expect(record.aws_request_id).toBe(RID);
  });
});

describe('Log4j’s own diagnostics (log4j2Text.ts)', () => {
  it('reads log4j 1.x `log4j:WARN msg` as a WARNING', () => {
    const record = normalize('log4j:WARN Please initialize the log4j system properly.\n');
    expect(record.levelname).toBe('WARNING');
    expect(record.message).toBe('Please initialize the log4j system properly.');
  });

  it('reads Log4j 2 `ERROR StatusLogger msg` as an ERROR of the StatusLogger', () => {
    const record = normalize('ERROR StatusLogger No Log4j 2 configuration file found.\n');
    expect(record.log_format).toBe('log4j2');
    expect(record.levelname).toBe('ERROR');
    expect(record.name).toBe('StatusLogger');
    expect(record.message).toBe('No Log4j 2 configuration file found.');
  });
});

describe('Logback’s own status lines (log4j2Text.ts)', () => {
  it('reads `HH:mm:ss,SSS |-WARN in <origin> - msg` as a WARNING of its origin', () => {
    const record = normalize(
      '22:40:36,281 |-WARN in ch.qos.logback.classic.LoggerContext[default] - Resource [logback.xml] occurs multiple times on the classpath.\n',
    );
    expect(record.log_format).toBe('log4j2');
    expect(record.levelname).toBe('WARNING');
    expect(record.name).toBe('ch.qos.logback.classic.LoggerContext[default]');
    expect(record.message).toBe('Resource [logback.xml] occurs multiple times on the classpath.');
  });

  it('splits the throwable an ERROR status prints after its message', () => {
    const record = normalize(
      '10:47:57,081 |-ERROR in ch.qos.logback.core.rolling.RollingFileAppender[FILE] - openFile(logs/app.log,true) call failed. java.io.FileNotFoundException: logs/app.log (Permission denied)\n' +
        '\tat java.io.FileNotFoundException: logs/app.log (Permission denied)\n' +
        '\tat \tat java.base/java.io.FileOutputStream.open0(Native Method)\n',
    );
    expect(record.levelname).toBe('ERROR');
    expect(record.message).toBe('openFile(logs/app.log,true) call failed.');
    expect(
      record.exc_info?.startsWith('java.io.FileNotFoundException: logs/app.log (Permission denied)\n'),
    ).toBe(true);
  });
});

describe('PHP on the Bref custom runtime (brefRuntime.ts)', () => {
  it('reads `<request id>\\tInvoke Error\\t{json}` as the ERROR it is, PHP’s trace as exc_info', () => {
    const error = {
      errorType: 'RuntimeException',
      errorMessage: 'boom',
      stack: ['#0 /var/task/index.php(5): f()', '#1 {main}'],
    };
    const record = normalize(`${RID}\tInvoke Error\t${JSON.stringify(error)}\n`);
    expect(record.log_format).toBe('lambda-php');
    expect(record.levelname).toBe('ERROR');
    expect(record.message).toBe('RuntimeException: boom');
    expect(record.exc_info).toBe('RuntimeException: boom\n#0 /var/task/index.php(5): f()\n#1 {main}');
    expect(record.aws_request_id).toBe(RID);
  });
});

describe('SLF4J SimpleLogger (log4j2Text.ts)', () => {
  it.each([
    ['176 [main] INFO examples.Sort - Populating an array', 'INFO', 'examples.Sort', 'Populating an array'],
    ['[main] WARN com.example.Handler - Retrying', 'WARNING', 'com.example.Handler', 'Retrying'],
  ])('reads %j: level, category, message', (line, levelname, name, message) => {
    const record = normalize(`${line}\n`);
    expect(record.levelname).toBe(levelname);
    expect(record.name).toBe(name);
    expect(record.message).toBe(message);
  });
});

describe('Python logging text (pythonLoggingText.ts)', () => {
  it('reads `%(asctime)s %(name)s %(levelname)s %(message)s` with a datefmt of its own', () => {
    const record = normalize('2020-05-11T12:44:44+0000 app ERROR payment failed\n');
    expect(record.levelname).toBe('ERROR');
    expect(record.name).toBe('app');
    expect(record.message).toBe('payment failed');
  });

  it('drops the padding of `%(levelname)-8s` from the message', () => {
    expect(normalize('2023-11-01 10:47:57,081 app INFO     started\n').message).toBe('started');
  });

  it('leaves an ISO time followed by a level to the other formats', () => {
    expect(normalize('2020-05-11T12:44:44Z ERROR boom\n').log_format).not.toBe('python-logging');
  });
});

describe('Go slog’s default handler through the log package (goRuntime.ts)', () => {
  it('reads the level slog writes after the log package’s date', () => {
    const record = normalize('2023/10/12 18:52:59 ERROR failed to charge err="card declined" order=42\n');
    expect(record.levelname).toBe('ERROR');
    expect(record.message).toBe('failed to charge err="card declined" order=42');
  });

  it('maps a level with an offset by its number and keeps its spelling', () => {
    const record = normalize('2023/10/12 18:52:59 WARN+4 disk nearly full\n');
    expect(record.levelname).toBe('ERROR');
    expect(record.message).toBe('disk nearly full');
    expect(record.level).toBe('WARN+4');
  });

  it('leaves a log.Println line that merely starts with a capitalised word as it is', () => {
    const record = normalize('2023/10/12 18:52:59 INFORMATION received\n');
    expect(record.levelname).toBe('INFO');
    expect(record.message).toBe('INFORMATION received');
  });
});

describe('Serilog console output, default template (serilogText.ts)', () => {
  it('reads `[HH:mm:ss LVL] message`: the u3 level, the message without its head', () => {
    const record = normalize('[12:50:51 WRN] Disk quota at 91%\n');
    expect(record.levelname).toBe('WARNING');
    expect(record.message).toBe('Disk quota at 91%');
    expect(normalize('[12:50:51 FTL] Host terminated unexpectedly\n').levelname).toBe('CRITICAL');
    expect(normalize('[12:50:51 DBG] Polling\n').levelname).toBe('DEBUG');
    expect(normalize('[12:50:51 VRB] Entering\n').levelname).toBe('DEBUG');
  });

  it('moves the exception on the lines after the message to exc_info', () => {
    const record = normalize(
      '[12:50:51 ERR] Something failed\nSystem.DivideByZeroException: Attempted to divide by zero.\n' +
        '   at Program.Main(String[] args) in /src/Program.cs:line 12\n',
    );
    expect(record.levelname).toBe('ERROR');
    expect(record.message).toBe('Something failed');
    expect(record.exc_info).toBe(
      'System.DivideByZeroException: Attempted to divide by zero.\n   at Program.Main(String[] args) in /src/Program.cs:line 12',
    );
  });

  it('leaves other bracketed heads alone', () => {
    expect(normalize('[12:50:51 ABC] not a level\n').message).toBe('[12:50:51 ABC] not a level');
    expect(normalize('[12:50:51] INF text\n').levelname).toBe('INFO');
  });
});

describe('Spring Boot with colour (springBoot.ts)', () => {
  it('reads a coloured console line as the plain one: level, logger, thread, message', () => {
    const record = normalize(
      '\u001b[2m2021-05-08 16:21:44.320\u001b[0;39m \u001b[33m WARN\u001b[0;39m \u001b[35m13992\u001b[0;39m ' +
        '\u001b[2m---\u001b[0;39m \u001b[2m[           main]\u001b[0;39m \u001b[36mi.s.b.Ch01BasicSurityApplication        \u001b[0;39m ' +
        '\u001b[2m:\u001b[0;39m Starting Ch01BasicSurityApplication\n',
    );
    expect(record.log_format).toBe('spring-boot');
    expect(record.levelname).toBe('WARNING');
    expect(record.name).toBe('i.s.b.Ch01BasicSurityApplication');
    expect(record.message).toBe('Starting Ch01BasicSurityApplication');
    expect(record.thread).toBe('main');
    expect(record.pid).toBe(13992);
  });
});
