import { describe, expect, it } from 'vitest';
import type { DataMessage } from '../../../../src/decode/subscriptionPayload.js';
import { normalizeEvent, type EventSource } from '../../../../src/normalize/normalizeEvent.js';
import { normalizePayload } from '../../../../src/normalize/normalizePayload.js';

/**
 * Adversarial 1 MB lines, each built to make a careless scanner backtrack or rescan: repeated
 * prefixes of every text format. A quadratic parser takes hours on these; a linear one well
 * under a second. No timing is asserted: vitest's timeout is the judge.
 */
const MB = 1024 * 1024;

function fill(unit: string, prefix = ''): string {
  return prefix + unit.repeat(Math.ceil((MB - prefix.length) / unit.length));
}

const ISO = '2023-11-01T10:47:57.081Z';
const ID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';

const ADVERSARIAL: readonly (readonly [string, string])[] = [
  ['tabs', fill('\t')],
  ['open brackets', fill('[')],
  ['open braces', fill('{')],
  ['spaces', fill(' ')],
  ['Java frames', fill('\tat ')],
  ['Java frames on lines', fill('\n\tat a.B.c(B.java:1)')],
  ['Node frames on lines', fill('\n    at f (x.js:1:2)', 'Error: boom')],
  ['tracebacks', fill('Traceback (most recent call last):\n')],
  ['traceback markers without newlines', fill('Traceback (most recent call last):')],
  ['digits and dashes', fill('2020-01-01 ')],
  ['ISO times', fill(`${ISO} `)],
  ['ISO then tabs', fill('\t', `${ISO}\t`)],
  ['Node prefix then tabs', fill('\t', `${ISO}\t${ID}\tINFO\t`)],
  ['Node prefix then error words', fill('Error:', `${ISO}\t${ID}\tERROR\t`)],
  ['error words', fill('Error: ')],
  ['exception words without colon', fill('xException ')],
  ['colons', fill(':')],
  ['dotted identifiers', fill('a.')],
  ['Python prefix then tabs', fill('\t', `[INFO]\t${ISO}\t`)],
  [
    'Python uncaught with NBSP frames',
    fill('\r\u00a0\u00a0File "x.py", line 1', '[ERROR] E: x\rTraceback (most recent call last):'),
  ],
  ['brackets and spaces', fill('[A] ')],
  ['Ruby logger prefix', fill(' ', 'I, [2023-11-01T10:47:57.081234 #8]  INFO -- ')],
  ['log4j prefix then spaces', fill(' ', '2023-11-01 10:47:57,081 [main] ERROR ')],
  ['log4j dashes', fill(' - ', '2023-11-01 10:47:57 ')],
  ['Python logging colons', fill(':', 'INFO:')],
  ['pipes', fill(' | ', '2023-11-01 10:47:57 UTC')],
  ['REPORT parts', fill('\tDuration: 1 ms', `REPORT RequestId: ${ID}`)],
  ['EXTENSION parts', fill('\tName: x', 'EXTENSION')],
  ['timed out', fill(' ', 'Task timed out after ')],
  ['RequestId errors', fill('Error: ', `RequestId: ${ID} `)],
  ['Go log prefix', fill('main.go:1: ', '2023/11/01 10:47:57 ')],
  ['Go panic lines', fill('\n\t/src/main.go:9 +0x2c', 'panic: boom')],
  ['.NET console', fill('[', 'info: ')],
  ['.NET frames', fill('\n   at N.C.M() in /f.cs:line 4', 'fail: A[0]\n      System.Exception: x')],
  [
    'Ruby backtrace',
    fill("\n/var/task/f.rb:3:in `h'", 'E, [2023-11-01T10:47:57.081234 #8] ERROR -- : x (E)'),
  ],
  ['logfmt pairs', fill('a=b ', 'level=info ')],
  ['logfmt unterminated quote with escapes', fill('\\"', 'level=info msg="')],
  ['logfmt equals signs', fill('=', 'a')],
  ['Spring Boot brackets', fill('[', '2023-11-01 10:47:57.081  INFO 1 --- ')],
  ['Spring Boot colons', fill(' : ', '2023-11-01 10:47:57.081  INFO 1 --- [main] ')],
  ['uvicorn prefix', fill(' ', 'INFO:')],
  ['ILogger scopes', fill(' => ', '[Error] ')],
  ['ILogger event ids', fill('[1]:', '[Information] A: ')],
  ['NLog exception words', fill('a.bException|', '2023-11-01 10:47:57.0811|ERROR|A.B|')],
  ['NLog exception runs', fill('.Exception', '2023-11-01 10:47:57.0811 ERROR A.B ')],
  ['env_logger heads', fill('[2023-11-01T10:47:57Z INFO  a ')],
  ['env_logger 0.4 module paths', fill('a::', 'INFO:')],
  ['hclog colons before pairs', fill(': a=b c', `${ISO} [INFO]  n: m`)],
  ['hclog open slices', fill(': a=[', `${ISO} [INFO]  n: m`)],
  ['hclog open quotes', fill(': a="\\"', `${ISO} [INFO]  n: m`)],
  ['hclog multi-line values', fill('\n  | x', `${ISO} [INFO]  n: m: a=b\n  k=`)],
  ['hclog locations', fill('a', `${ISO} [ERROR] `)],
  ['Next.js dashes', fill('- ', '- wait ')],
  ['pretty_env_logger padding', fill(' ', ' INFO  my_app')],
  ['ANSI escapes', fill('\u001b[1;2;3')],
  ['unicode', fill('完了✅\u00a0')],
  ['API Gateway request id characters', fill('a', '(')],
  ['API Gateway execution prefixes', fill(`(${ID}) `)],
  ['access log, unterminated request', fill(' ', '10.0.0.1 - - [01/Nov/2023:10:47:57 +0000] "')],
  ['access log quotes', fill(' "', '10.0.0.1 - - [01/Nov/2023:10:47:57 +0000] "GET / HTTP/1.1" 200 1')],
  ['access log heads', fill('10.0.0.1 - - [')],
  ['RDS PostgreSQL parentheses', fill('(', '2023-11-01 10:47:57 UTC:')],
  ['RDS PostgreSQL separators', fill('):@:[', '2023-11-01 10:47:57 UTC:10.0.0.1(5432):')],
  ['MySQL brackets', fill('[', '2023-11-01T10:47:57.081234Z 0 ')],
  ['VPC flow log fields', fill(' 2', '2 123456789010 eni-1 ')],
  ['VPC flow log custom fields', fill(' -', '3 vpc-1 ')],
  ['java.util.logging date lines', fill('\n', 'Nov 01, 2023 10:47:57 AM a.B c')],
  ['java.util.logging level lines', fill(' ', 'Nov 01, 2023 10:47:57 AM a.B c\nINFO')],
  ['MySQL general log thread columns', fill(' ', '2023-11-01T10:47:57.081234Z\t   12 ')],
  ['MySQL general log tabs', fill('\t', '\t\t')],
  ['gunicorn brackets', fill('] [', '[2023-11-01 10:47:57 +0000] [')],
  ['uvicorn access separators', fill(' - "', 'INFO:     ')],
  ['nginx error ids', fill('#', '2023/11/01 10:47:57 [error] ')],
  ['Tomcat threads', fill('] ', '01-Nov-2023 10:47:57.081 SEVERE [')],
  ['Elixir metadata', fill('a=b ', '10:47:57.081 ')],
  ['Elixir error reports', fill('\n** (', '10:47:57.081 [error] x')],
  ['Spark log4j loggers', fill('a', '23/11/01 10:47:57 INFO ')],
  [
    'Glue tracebacks on the first line',
    fill('Traceback (most recent call last):', '23/11/01 10:47:57 ERROR P: x'),
  ],
  [
    'Spring Boot exception lines',
    fill('\nx.YException: z', '2023-11-01 10:47:57.081  WARN 1 --- [main] a.B : m'),
  ],
];

const source: EventSource = {
  logGroup: '/aws/lambda/fixture-fn',
  logStream: 's',
  owner: '123456789012',
  defaultName: 'fixture-fn',
};

describe('text normalization of hostile 1 MB lines', () => {
  it.each(ADVERSARIAL)('normalizes %s in linear time', (_label, line) => {
    const record = normalizeEvent({ id: 'id', timestamp: 0, message: line }, source);
    expect(typeof record.message).toBe('string');
    expect(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL']).toContain(record.levelname);
  });

  it('rejoins a payload of many continuation events in linear time', () => {
    const lines = [
      'java.lang.IllegalStateException: x',
      ...Array.from({ length: 20_000 }, () => '\tat a.B.c(B.java:1)'),
    ];
    const payload: DataMessage = {
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: '/ecs/orders',
      logStream: 's',
      subscriptionFilters: [],
      logEvents: lines.map((message, i) => ({ id: `id-${i}`, timestamp: i, message })),
    };
    const records = normalizePayload(payload, { rejoinMultiline: true });
    expect(records).toHaveLength(1);
    expect(records[0]?.exc_info?.split('\n')).toHaveLength(lines.length);
  });
});
