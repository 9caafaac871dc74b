import { describe, expect, it } from 'vitest';
import { encodeRecord } from '../../../src/batch/encodeRecord.js';
import { normalizeEvent } from '../../../src/normalize/normalizeEvent.js';
import type { ForwarderRecord } from '../../../src/normalize/record.js';
import { checkConservation } from '../../helpers/conservation.js';
import { lambdaEventSource } from '../../helpers/eventSource.js';

/**
 * The token drops issue 10 lists, one test each (SPEC §3: every token of a line survives in
 * `message`, `exc_info` or a field). Expected records worked out by hand from the line.
 */

const source = lambdaEventSource('drops-fn');
const ID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';
const NODE = `2023-11-01T10:47:57.081Z\t${ID}\t`;

function normalize(line: string): ForwarderRecord {
  return normalizeEvent(
    { id: 'e1', timestamp: Date.UTC(2023, 10, 1, 10, 47, 57, 81), message: line },
    source,
  );
}

/** The record as it ships, parsed back: what a reader of the stream sees. */
function shipped(line: string): Record<string, unknown> {
  return JSON.parse(encodeRecord(normalize(line)).data.toString('utf8')) as Record<string, unknown>;
}

function missing(line: string): string[] {
  return checkConservation(line, encodeRecord(normalize(line)).data.toString('utf8')).missing;
}

describe('token drops fixed (issue 10)', () => {
  it('Rust tracing: the invocation span (xrayTraceId) and child spans with their fields are kept', () => {
    const line =
      `TRACE Lambda runtime invoke{requestId="${ID}" xrayTraceId="Root=1-6431b558-19be6d894b8d7b025bf628ee;Parent=4e1e7e0a53860a04;Sampled=0"}` +
      ':send_operation{operation="WriteGetObjectResponse" service="s3"}:dispatch: checkout dropped\n';
    expect(shipped(line)).toMatchObject({
      levelname: 'DEBUG',
      message: 'checkout dropped',
      aws_request_id: ID,
      spans:
        `Lambda runtime invoke{requestId="${ID}" xrayTraceId="Root=1-6431b558-19be6d894b8d7b025bf628ee;Parent=4e1e7e0a53860a04;Sampled=0"}` +
        ':send_operation{operation="WriteGetObjectResponse" service="s3"}:dispatch',
    });
  });

  it('Ruby Logger: the process id (#8) is kept as pid', () => {
    const record = shipped(`I, [2019-10-26T10:04:01.689856 #8]  INFO ${ID} -- : Processing event\n`);
    expect(record).toMatchObject({ message: 'Processing event', aws_request_id: ID, pid: 8 });
  });

  it('Python: a frameless init error keeps its "Traceback (most recent call last):" line', () => {
    const record = shipped(
      "[ERROR] Runtime.ImportModuleError: Unable to import module 'x': No module named 'y'\nTraceback (most recent call last):\n",
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: "Runtime.ImportModuleError: Unable to import module 'x': No module named 'y'",
      exc_info:
        "Traceback (most recent call last):\nRuntime.ImportModuleError: Unable to import module 'x': No module named 'y'",
    });
  });

  it('.NET ILogger: the event id [1001]: and the scopes X => are kept', () => {
    expect(shipped('[Critical] Orders.Function: [1001]: database unreachable\n')).toMatchObject({
      levelname: 'CRITICAL',
      name: 'Orders.Function',
      message: 'database unreachable',
      event_id: 1001,
    });
    expect(
      shipped('[Warning] RequestId:abc => Tenant:42 => Orders.Function: [12: Slow]: slow query\n'),
    ).toMatchObject({
      name: 'Orders.Function',
      message: 'slow query',
      scopes: ['RequestId:abc', 'Tenant:42'],
      event_id: '12: Slow',
    });
  });

  it("Node Unhandled Promise Rejection: the wrapper's own stack and promise stay beside the reason's", () => {
    const record = shipped(
      `${NODE}ERROR\tUnhandled Promise Rejection \t{"errorType":"Runtime.UnhandledPromiseRejection","errorMessage":"Error: HelloError",` +
        `"reason":{"errorType":"Error","errorMessage":"HelloError","stack":["Error: HelloError","    at hello (file:///var/task/index.mjs:2:9)"]},` +
        `"promise":{},"stack":["Runtime.UnhandledPromiseRejection: Error: HelloError","    at process.<anonymous> (file:///var/runtime/index.mjs:1276:17)"]}\n`,
    );
    expect(record).toMatchObject({
      message: 'Runtime.UnhandledPromiseRejection: Error: HelloError',
      exc_info: 'Error: HelloError\n    at hello (file:///var/task/index.mjs:2:9)',
      promise: {},
      stack: [
        'Runtime.UnhandledPromiseRejection: Error: HelloError',
        '    at process.<anonymous> (file:///var/runtime/index.mjs:1276:17)',
      ],
    });
  });

  it("Node Invoke Error: the error's own fields (code, $metadata) are kept", () => {
    const record = shipped(
      `${NODE}ERROR\tInvoke Error \t{"errorType":"AccessDeniedException","errorMessage":"denied","code":"AccessDeniedException",` +
        `"$metadata":{"httpStatusCode":400,"requestId":"r-1","attempts":1},"stack":["AccessDeniedException: denied","    at de (/var/task/index.js:1:2)"]}\n`,
    );
    expect(record).toMatchObject({
      message: 'AccessDeniedException: denied',
      exc_info: 'AccessDeniedException: denied\n    at de (/var/task/index.js:1:2)',
      code: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400, requestId: 'r-1', attempts: 1 },
    });
  });

  it("Go: the error payload's extra fields (extra, shouldExit) are kept as they came", () => {
    const record = shipped(
      '2023/11/01 10:47:57 {"errorMessage":"boom","errorType":"errorString","stackTrace":[],"extra":{"orderId":42},"shouldExit":false}\n',
    );
    expect(record).toMatchObject({ message: 'errorString: boom', extra: { orderId: 42 }, shouldExit: false });
  });

  it("Bref (PHP): the error's previous exceptions are kept", () => {
    const record = shipped(
      `${ID}\tInvoke Error\t{"errorType":"RuntimeException","errorMessage":"outer","stack":["#0 /var/task/index.php(5): f()","#1 {main}"],` +
        `"previous":[{"errorType":"LogicException","errorMessage":"inner","stack":["#0 {main}"]}]}\n`,
    );
    expect(record).toMatchObject({
      message: 'RuntimeException: outer',
      previous: [{ errorType: 'LogicException', errorMessage: 'inner', stack: ['#0 {main}'] }],
    });
  });

  it("Ruby runtime: the handler error's extra fields are kept", () => {
    const record = shipped(
      'Error raised from handler method\n{\n  "errorMessage": "boom",\n  "errorType": "Function<RuntimeError>",\n  "stackTrace": ["/var/task/f.rb:3:in `h\'"],\n  "code": "E42"\n}\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'Function<RuntimeError>: boom',
      code: 'E42',
    });
  });

  it('Java frames above a Python traceback stay in exc_info', () => {
    const line =
      'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n\tat com.example.Main.main(Main.java:9)\n' +
      'Traceback (most recent call last):\n  File "/var/task/app.py", line 3, in handler\nValueError: x\n';
    expect(shipped(line)).toMatchObject({
      message: 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space',
      exc_info:
        'java.lang.OutOfMemoryError: Java heap space\n\tat com.example.Main.main(Main.java:9)\n' +
        'Traceback (most recent call last):\n  File "/var/task/app.py", line 3, in handler\nValueError: x',
    });
  });

  it('Lambda JSON: a stackTrace without errorType becomes exc_info', () => {
    const record = shipped(
      '{"timestamp":"2023-11-01T10:47:57.081Z","level":"ERROR","message":"failed","stackTrace":["Error: x","    at f (/var/task/a.js:1:2)"]}\n',
    );
    expect(record).toMatchObject({ message: 'failed', exc_info: 'Error: x\n    at f (/var/task/a.js:1:2)' });
  });

  it("Lambda JSON: console.error('Failed', err, ctx) keeps ctx, printed after the stack", () => {
    const record = shipped(
      `{"timestamp":"2023-11-01T10:47:57.120Z","level":"ERROR","requestId":"${ID}",` +
        `"message":"Failed Error: card declined\\n    at charge (/var/task/index.js:5:9) { orderId: 42 }",` +
        `"errorType":"Error","errorMessage":"card declined","stackTrace":["Error: card declined","    at charge (/var/task/index.js:5:9)"]}\n`,
    );
    expect(record).toMatchObject({
      message: 'Failed { orderId: 42 }',
      exc_info: 'Error: card declined\n    at charge (/var/task/index.js:5:9)',
    });
  });

  it('Lambda JSON: AWSRequestId is kept when requestId is the request id', () => {
    const record = shipped(
      `{"timestamp":"2023-11-01T10:47:57.081Z","level":"INFO","message":"hi","requestId":"${ID}","AWSRequestId":"other-id"}\n`,
    );
    expect(record).toMatchObject({ aws_request_id: ID, AWSRequestId: 'other-id' });
  });

  it('logfmt: a repeated key keeps every value, in order', () => {
    expect(shipped('level=info msg="tagged" tag=a tag=b tag=c\n')).toMatchObject({
      message: 'tagged',
      tag: ['a', 'b', 'c'],
    });
  });

  it('a __proto__ key is kept as a field, not taken as the prototype', () => {
    const record = shipped('{"message":"hi","__proto__":{"polluted":true}}\n');
    expect(Object.keys(record)).toContain('__proto__');
    expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toEqual({ polluted: true });
  });

  it('a number JSON cannot hold (1e400) is kept as its literal, not null', () => {
    expect(shipped('{"message":"big","ratio":1e400,"small":-1E+999,"ok":1.5}\n')).toMatchObject({
      ratio: '1e400',
      small: '-1E+999',
      ok: 1.5,
    });
  });

  it('Node Invoke Error pretty-printed over many lines: the stack is exc_info, the message its headline', () => {
    // https://github.com/alexcasalboni/aws-lambda-power-tuning/issues/261
    const line =
      `2024-10-03T15:20:17.838Z\te6ffdb72-1be8-4e9d-90f4-b66850933570\tERROR\tInvoke Error \t\n{\n    "errorType": "Error",\n` +
      `    "errorMessage": "Unrecognized JSON log",\n    "stack": [\n        "Error: Unrecognized JSON log",\n` +
      `        "    at module.exports.extractDurationFromJSON (/var/task/utils.js:673:11)"\n    ]\n}\n`;
    expect(shipped(line)).toMatchObject({
      levelname: 'ERROR',
      message: 'Error: Unrecognized JSON log',
      exc_info:
        'Error: Unrecognized JSON log\n    at module.exports.extractDurationFromJSON (/var/task/utils.js:673:11)',
      aws_request_id: 'e6ffdb72-1be8-4e9d-90f4-b66850933570',
    });
  });

  it("a runtime prefix's request id is kept beside a different one the body carries", () => {
    const record = shipped(
      `${NODE}INFO\t{"level":30,"time":1700000000000,"pid":1,"msg":"hi","requestId":"inner-id"}\n`,
    );
    expect(record).toMatchObject({ message: 'hi', aws_request_id: 'inner-id', runtime_request_id: ID });
  });

  it("bunyan: an empty msg replaced by the error's message stays a field", () => {
    const record = shipped(
      '{"name":"app","hostname":"h","pid":1,"level":50,"err":{"message":"boom","name":"Error","stack":"Error: boom\\n    at f (a.js:1:1)"},"msg":"","time":"2023-01-01T00:00:00.000Z","v":0}\n',
    );
    expect(record).toMatchObject({ message: 'boom', msg: '' });
  });

  it("log4j's own diagnostics are named log4j; SLF4J's relative time is kept", () => {
    expect(shipped('log4j:WARN No appenders could be found for logger (a.B).\n')).toMatchObject({
      name: 'log4j',
      levelname: 'WARNING',
    });
    expect(shipped('176 [main] INFO examples.Sort - Populating an array\n')).toMatchObject({
      name: 'examples.Sort',
      relative_ms: 176,
      thread: 'main',
    });
  });

  it('python-json-logger: a null exc_info is kept under original_fields', () => {
    const record = shipped(
      '{"asctime":"2023-11-01 10:47:57,081","name":"root","levelname":"DEBUG","message":"m","exc_info":null}\n',
    );
    expect(record.exc_info).toBeUndefined();
    expect(record.original_fields).toEqual({ exc_info: null });
  });

  it('every line above passes the conservation checker', () => {
    for (const line of [
      `I, [2019-10-26T10:04:01.689856 #8]  INFO ${ID} -- : Processing event\n`,
      '[Critical] Orders.Function: [1001]: database unreachable\n',
      'level=info msg="tagged" tag=a tag=b tag=c\n',
      '{"message":"big","ratio":1e400}\n',
      '{"message":"hi","__proto__":{"polluted":true}}\n',
    ])
      expect(missing(line), line).toEqual([]);
  });
});
