import { describe, expect, it } from 'vitest';
import { encodeRecord } from '../../../src/batch/encodeRecord.js';
import { MAX_BYTES_PER_RECORD } from '../../../src/batch/limits.js';
import type { DataMessage, MalformedLogEvent } from '../../../src/decode/subscriptionPayload.js';
import { normalizePayload } from '../../../src/normalize/normalizePayload.js';
import type { ForwarderRecord } from '../../../src/normalize/record.js';
import { checkConservation } from '../../helpers/conservation.js';
import { JAVA_SPLIT_STACK, PYTHON_SPLIT_STACK } from '../../helpers/splitStacks.js';

const BASE = Date.UTC(2023, 10, 1, 10, 47, 57, 81);

function payload(lines: readonly string[]): DataMessage {
  return {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: '/ecs/orders',
    logStream: 'orders/app/0123456789abcdef',
    subscriptionFilters: ['cwl-forwarder'],
    logEvents: lines.map((message, i) => ({ id: `id-${i}`, timestamp: BASE + i, message })),
  };
}

describe('rejoin (REJOIN_MULTILINE)', () => {
  it('is off by default: one record per event, as SPEC §2 says', () => {
    const records = normalizePayload(payload(JAVA_SPLIT_STACK));
    expect(records).toHaveLength(JAVA_SPLIT_STACK.length);
    expect(records[1]?.message).toBe('\tat com.example.orders.OrderService.reserve(OrderService.java:57)');
  });

  it('folds Java frames, Caused by and "... N more" into the exception line before them', () => {
    const records = normalizePayload(payload(JAVA_SPLIT_STACK), { rejoinMultiline: true });
    expect(records).toHaveLength(2);
    expect(records[0]?.message).toBe('java.lang.IllegalStateException: stock is negative');
    expect(records[0]?.levelname).toBe('ERROR');
    expect(records[0]?.exc_info).toBe(JAVA_SPLIT_STACK.slice(0, 5).join('\n'));
    expect(records[1]?.message).toBe('next request');
    expect(records[1]?.levelname).toBe('INFO');
  });

  it('keeps the ids of the folded events under cloudwatch.folded_ids', () => {
    const records = normalizePayload(payload(JAVA_SPLIT_STACK), { rejoinMultiline: true });
    expect(records[0]?.cloudwatch).toMatchObject({
      id: 'id-0',
      folded_ids: ['id-1', 'id-2', 'id-3', 'id-4'],
    });
    expect(records[1]?.cloudwatch).toEqual({
      logGroup: '/ecs/orders',
      logStream: 'orders/app/0123456789abcdef',
      owner: '123456789012',
      id: 'id-5',
    });
  });

  it('folds a Python traceback, through its closing exception line, into the logged message', () => {
    const records = normalizePayload(payload(PYTHON_SPLIT_STACK), { rejoinMultiline: true });
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      name: 'orders',
      levelname: 'ERROR',
      message: 'could not charge card',
      exc_info: PYTHON_SPLIT_STACK.slice(1, 5).join('\n'),
    });
    expect(records[1]).toMatchObject({ levelname: 'INFO', message: 'retrying' });
  });

  it('folds Node.js "    at" frames after a runtime line into its stack', () => {
    const lines = [
      '2023-11-01T10:47:57.081Z\t8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01\tERROR\tError: boom',
      '    at handler (/var/task/index.js:3:9)',
      '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
    ];
    const [record, ...rest] = normalizePayload(payload(lines), { rejoinMultiline: true });
    expect(rest).toHaveLength(0);
    expect(record?.exc_info).toBe(['Error: boom', lines[1], lines[2]].join('\n'));
    expect(record?.aws_request_id).toBe('8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01');
  });

  it('folds a Go panic and its goroutine dump', () => {
    const lines = [
      'panic: boom',
      '',
      'goroutine 1 [running]:',
      'main.main()',
      '\t/src/main.go:9 +0x2c',
      'START RequestId: x',
    ];
    const records = normalizePayload(payload(lines), { rejoinMultiline: true });
    expect(records).toHaveLength(2);
    expect(records[0]?.exc_info).toBe(
      'panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/main.go:9 +0x2c',
    );
    expect(records[0]?.levelname).toBe('ERROR');
    expect(records[1]?.message).toBe('START RequestId: x');
  });

  it("folds a logger's throwable, header line included, into the logger's ERROR line", () => {
    const lines = [
      '2023-11-01 10:47:57,081 [main] ERROR com.example.orders.OrderService - Order 42 failed',
      ...JAVA_SPLIT_STACK,
    ];
    const records = normalizePayload(payload(lines), { rejoinMultiline: true });
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      name: 'com.example.orders.OrderService',
      levelname: 'ERROR',
      message: 'Order 42 failed',
      exc_info: JAVA_SPLIT_STACK.slice(0, 5).join('\n'),
    });
  });

  it('does not take an exception-looking line into an INFO line before it', () => {
    const lines = [
      'START RequestId: 8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01 Version: $LATEST',
      ...JAVA_SPLIT_STACK,
    ];
    const records = normalizePayload(payload(lines), { rejoinMultiline: true });
    expect(records).toHaveLength(3);
    expect(records[1]?.message).toBe('java.lang.IllegalStateException: stock is negative');
  });

  it('gives an uncaught traceback printed line by line a record of its own, named by its last line', () => {
    const lines = [
      'Starting worker',
      'Traceback (most recent call last):',
      '  File "/app/worker.py", line 9, in <module>',
      '    main()',
      "KeyError: 'QUEUE_URL'",
    ];
    const records = normalizePayload(payload(lines), { rejoinMultiline: true });
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ message: 'Starting worker', levelname: 'INFO' });
    expect(records[0]?.exc_info).toBeUndefined();
    expect(records[1]).toMatchObject({
      message: "KeyError: 'QUEUE_URL'",
      levelname: 'ERROR',
      exc_info: lines.slice(1).join('\n'),
    });
  });

  it('keeps a chained Python exception in one stack', () => {
    const lines = [
      '2023-11-01 10:47:57,081 orders ERROR lookup failed',
      'Traceback (most recent call last):',
      '  File "/app/orders.py", line 5, in find',
      "KeyError: 'A-1'",
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "/app/orders.py", line 7, in find',
      'LookupError: no order A-1',
      '2023-11-01 10:47:57,090 orders INFO next',
    ];
    const records = normalizePayload(payload(lines), { rejoinMultiline: true });
    expect(records).toHaveLength(2);
    expect(records[0]?.exc_info).toBe(lines.slice(1, 10).join('\n'));
    expect(records[1]?.message).toBe('next');
  });

  it('never folds the first event of a payload or a line that is not a continuation', () => {
    const lines = ['\tat orphan.Frame(Frame.java:1)', 'plain', 'also plain'];
    const records = normalizePayload(payload(lines), { rejoinMultiline: true });
    expect(records.map((r) => r.message)).toEqual(lines);
  });
});

/** `{"a":` × depth, `1`, `}` × depth: JSON that parses but nests past what JSON.stringify survives. */
function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('rejoin and the depth guard (issue 9 item 1)', () => {
  it('forwards a line of deeply nested JSON as text, as with rejoin off, and its neighbours as usual', () => {
    const deep = deepJson(10_000);
    const lines = ['before', deep, 'after'];
    const off = normalizePayload(payload(lines));
    const on = normalizePayload(payload(lines), { rejoinMultiline: true });
    expect(on.map((r) => [r.message, r.log_format])).toEqual([
      ['before', 'text'],
      [deep, 'text'],
      ['after', 'text'],
    ]);
    expect(on).toEqual(off);
    for (const record of on) expect(() => encodeRecord(record)).not.toThrow();
  });
});

/** A Go `fatal error:` head line and `frames` frame events, one line each (GOTRACEBACK=all). */
function goroutineDump(frames: number): string[] {
  const lines = ['fatal error: all goroutines are asleep - deadlock!', '', 'goroutine 1 [chan receive]:'];
  for (let i = 0; lines.length < frames + 1; i++) {
    lines.push(`main.worker${i}(0xc000${String(i).padStart(6, '0')}, 0x${(i * 7).toString(16)})`);
    lines.push(`\t/src/app/workers/pool_${i}.go:${100 + (i % 900)} +0x${(i * 13).toString(16)}`);
  }
  return lines.slice(0, frames + 1);
}

function textOf(record: ForwarderRecord): string {
  return `${record.message}\n${record.exc_info ?? ''}`;
}

describe('rejoin of a group over the record limit (issue 9 item 6, SPEC §4)', () => {
  const lines = goroutineDump(30_000);
  const events = payload(lines).logEvents;
  const records = normalizePayload(payload(lines), { rejoinMultiline: true });

  it('splits it into several records, each within the per-record limit and none cut', () => {
    expect(records.length).toBeGreaterThan(1);
    for (const record of records) {
      const encoded = encodeRecord(record);
      expect(encoded.truncated).toBe(false);
      expect(encoded.data.length).toBeLessThanOrEqual(MAX_BYTES_PER_RECORD);
    }
  });

  it('names in each record exactly the events whose text it holds, each event in one record', () => {
    const owner = new Map<string, number>();
    records.forEach((record, r) => {
      for (const id of [record.cloudwatch.id, ...(record.cloudwatch.folded_ids ?? [])]) {
        expect(owner.has(id), id).toBe(false);
        owner.set(id, r);
      }
    });
    expect([...owner.keys()].sort()).toEqual(events.map((e) => e.id).sort());
    // Every frame line is unique: it is in the record that claims its event, and in no other.
    const holders = new Map<string, Set<number>>();
    records.forEach((record, r) => {
      for (const line of textOf(record).split('\n')) {
        const set = holders.get(line) ?? new Set<number>();
        set.add(r);
        holders.set(line, set);
      }
    });
    events.forEach((event, i) => {
      const line = lines[i] ?? '';
      if (line === '' || i === 0) return;
      expect([...(holders.get(line) ?? [])], line).toEqual([owner.get(event.id ?? '')]);
    });
  });

  it('keeps the head line first and marks every part with its place', () => {
    expect(records[0]?.message).toBe('fatal error: all goroutines are asleep - deadlock!');
    expect(records[0]?.levelname).toBe('ERROR');
    records.forEach((record, i) => {
      expect(record.rejoin_part).toEqual({ head_id: 'id-0', index: i + 1, count: records.length });
      expect(record.levelname).toBe('ERROR');
    });
    const rejoined = records.map((record) => record.exc_info ?? '').join('\n');
    expect(rejoined).toBe(lines.join('\n'));
  });

  it('leaves a group under the limit as one record, unmarked', () => {
    const small = normalizePayload(payload(goroutineDump(200)), { rejoinMultiline: true });
    expect(small).toHaveLength(1);
    expect(small[0]?.rejoin_part).toBeUndefined();
    expect(small[0]?.cloudwatch.folded_ids).toHaveLength(200);
  });
});

describe('rejoin of Python’s stack_info block printed line by line', () => {
  // CPython Lib/logging/__init__.py: Logger.findCaller's `Stack (most recent call last):` and
  // traceback.print_stack's frames, which Formatter.format appends after the message (and after
  // the exc_info traceback).
  const STACK = [
    'Stack (most recent call last):',
    '  File "/app/worker.py", line 31, in run',
    '    self.retry(job)',
    '  File "/app/worker.py", line 22, in retry',
    '    log.info("retrying charge", stack_info=True)',
  ];

  it('folds the block into the line it was logged with, whose level stays', () => {
    const lines = ['2023-11-01 10:47:57,081 billing INFO retrying charge', ...STACK, 'charge sent'];
    const records = normalizePayload(payload(lines), { rejoinMultiline: true });
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      levelname: 'INFO',
      message: 'retrying charge',
      exc_info: STACK.join('\n'),
    });
    expect(records[1]).toMatchObject({ message: 'charge sent' });
  });

  it('keeps a plain text line with the block INFO', () => {
    const records = normalizePayload(payload(['retrying charge', ...STACK]), { rejoinMultiline: true });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      levelname: 'INFO',
      message: 'retrying charge',
      exc_info: STACK.join('\n'),
    });
  });

  it('folds the block after a traceback, in the order Python writes them', () => {
    const lines = [...PYTHON_SPLIT_STACK.slice(0, 5), ...STACK, PYTHON_SPLIT_STACK[5] ?? ''];
    const records = normalizePayload(payload(lines), { rejoinMultiline: true });
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      levelname: 'ERROR',
      message: 'could not charge card',
      exc_info: [...PYTHON_SPLIT_STACK.slice(1, 5), ...STACK].join('\n'),
    });
  });
});

// pino's transport with pino-pretty writes each record as a block to stdout; Lambda (and the
// awslogs driver) cut it at each newline, one event per line (pinojs/pino-pretty lib/pretty.js).
const PINO_PRETTY = [
  '[10:47:57.081] ERROR (orders/8): charge failed',
  '    err: {',
  '      "type": "Error",',
  '      "message": "card declined",',
  '      "stack":',
  '          Error: card declined',
  '              at charge (/var/task/index.js:12:11)',
  '              at processTicksAndRejections (node:internal/process/task_queues:95:5)',
  '      "code": "E_CARD"',
  '    }',
  '    orderId: 42',
  '[10:47:57.090] INFO (orders/8): retrying',
];

describe('rejoin of pino-pretty blocks', () => {
  it("folds the indented lines under a pino-pretty head and reads the block as pino-pretty's format does", () => {
    const records = normalizePayload(payload(PINO_PRETTY), { rejoinMultiline: true });
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      levelname: 'ERROR',
      name: 'orders',
      message: 'charge failed',
      exc_info:
        'Error: card declined\n    at charge (/var/task/index.js:12:11)\n' +
        '    at processTicksAndRejections (node:internal/process/task_queues:95:5)',
      orderId: 42,
      err: { type: 'Error', message: 'card declined', code: 'E_CARD' },
      log_format: 'pino-pretty',
    });
    expect(records[0]?.cloudwatch.folded_ids).toEqual(PINO_PRETTY.slice(1, -1).map((_, i) => `id-${i + 1}`));
    expect(records[1]).toMatchObject({ levelname: 'INFO', message: 'retrying' });
  });

  it('gives the same record as the block arriving in one event', () => {
    const block = PINO_PRETTY.slice(0, -1);
    const [split] = normalizePayload(payload(block), { rejoinMultiline: true });
    const [whole] = normalizePayload(payload([block.join('\n')]));
    const { cloudwatch: _splitSource, ...splitRecord } = split as ForwarderRecord;
    const { cloudwatch: _wholeSource, ...wholeRecord } = whole as ForwarderRecord;
    expect(splitRecord).toEqual(wholeRecord);
  });

  it('does not fold an unindented line, nor indented lines after a line of another format', () => {
    const lines = ['[10:47:57.081] INFO (orders/8): done', 'plain line', '    indented'];
    const records = normalizePayload(payload(lines), { rejoinMultiline: true });
    expect(records.map((record) => record.message)).toEqual(['done', 'plain line', '    indented']);
  });
});

/**
 * RDS for PostgreSQL writes a report's DETAIL, HINT, QUERY, CONTEXT, LOCATION and STATEMENT each on
 * a line of its own after the report's line, each with its own `log_line_prefix` (postgres/postgres
 * src/backend/utils/error/elog.c `send_message_to_server_log`; RDS's `%t:%r:%u@%d:[%p]:`), and
 * CloudWatch Logs gets one event a line.
 */
describe('rejoin of a PostgreSQL report’s DETAIL, HINT, … lines (rds-postgresql)', () => {
  const prefix = (pid: number) => `2019-03-10 03:54:59 UTC:10.0.0.123(52834):postgres@tstdb:[${pid}]:`;
  const REPORT = [
    `${prefix(20175)}ERROR:  duplicate key value violates unique constraint "orders_pkey"`,
    `${prefix(20175)}DETAIL:  Key (id)=(42) already exists.`,
    `${prefix(20175)}CONTEXT:  SQL function "add_order" statement 1`,
    `${prefix(20175)}STATEMENT:  SELECT add_order(42);`,
    `${prefix(20175)}LOG:  duration: 0.120 ms  statement: COMMIT`,
  ];
  const rdsPayload = (lines: readonly (string | MalformedLogEvent)[]): DataMessage => ({
    ...payload([]),
    logGroup: '/aws/rds/instance/orders-db/postgresql',
    logStream: 'orders-db.0',
    logEvents: lines.map((line, i) =>
      typeof line === 'string' ? { id: `id-${i}`, timestamp: BASE + i, message: `${line}\n` } : line,
    ),
  });

  it('folds them into the report’s record, each under its label’s field, the message and level its own', () => {
    const records = normalizePayload(rdsPayload(REPORT), { rejoinMultiline: true });
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      log_format: 'rds-postgresql',
      levelname: 'ERROR',
      name: 'orders-db',
      message: 'duplicate key value violates unique constraint "orders_pkey"',
      pid: 20175,
      user: 'postgres',
      database: 'tstdb',
      detail: 'Key (id)=(42) already exists.',
      context: 'SQL function "add_order" statement 1',
      statement: 'SELECT add_order(42);',
    });
    expect(records[0]).not.toHaveProperty('exc_info');
    expect(records[0]?.cloudwatch).toMatchObject({ id: 'id-0', folded_ids: ['id-1', 'id-2', 'id-3'] });
    expect(records[1]).toMatchObject({ levelname: 'INFO', severity: 'LOG', duration_ms: 0.12 });
  });

  it('keeps every token of the folded lines (the label word is the field’s key)', () => {
    const [record] = normalizePayload(rdsPayload(REPORT), { rejoinMultiline: true });
    const json = encodeRecord(record as ForwarderRecord).data.toString('utf8');
    const labels = ['DETAIL', 'CONTEXT', 'STATEMENT'];
    REPORT.slice(1, 4).forEach((line, i) => {
      expect(checkConservation(line, json).missing).toEqual([labels[i]]);
      expect(json).toContain(`"${(labels[i] ?? '').toLowerCase()}":`);
    });
    expect(checkConservation(REPORT[0] ?? '', json).missing).toEqual([]);
  });

  it('folds HINT, QUERY and LOCATION after FATAL, WARNING and LOG reports, and with a custom prefix’s %p', () => {
    const lines = [
      `${prefix(440)}FATAL:  password authentication failed for user "postgres"`,
      `${prefix(440)}DETAIL:  Password does not match for user "postgres".`,
      `${prefix(7)}WARNING:  there is no transaction in progress`,
      `${prefix(7)}LOCATION:  EndTransactionBlock, xact.c:3969`,
      `${prefix(8)}ERROR:  column "x" does not exist at character 8`,
      `${prefix(8)}QUERY:  SELECT x FROM t`,
      `${prefix(8)}HINT:  Perhaps you meant to reference the column "t.y".`,
      '2018-01-29 22:27:21 UTC [15707-73] LOG:  checkpoints are occurring too frequently (29 seconds apart)',
      '2018-01-29 22:27:21 UTC [15707-74] HINT:  Consider increasing the configuration parameter "max_wal_size".',
    ];
    const records = normalizePayload(rdsPayload(lines), { rejoinMultiline: true });
    expect(records.map((r) => [r.levelname, r.cloudwatch.folded_ids])).toEqual([
      ['CRITICAL', ['id-1']],
      ['WARNING', ['id-3']],
      ['ERROR', ['id-5', 'id-6']],
      ['INFO', ['id-8']],
    ]);
    expect(records[0]).toMatchObject({ detail: 'Password does not match for user "postgres".' });
    expect(records[1]).toMatchObject({ location: 'EndTransactionBlock, xact.c:3969' });
    expect(records[2]).toMatchObject({
      query: 'SELECT x FROM t',
      hint: 'Perhaps you meant to reference the column "t.y".',
    });
    expect(records[3]).toMatchObject({
      pid: 15707,
      hint: 'Consider increasing the configuration parameter "max_wal_size".',
    });
  });

  it('folds only consecutive lines of the same process: another pid’s, or one after a line between, stays a record', () => {
    const lines = [
      `${prefix(1)}ERROR:  canceling statement due to statement timeout`,
      `${prefix(2)}STATEMENT:  SELECT pg_sleep(60);`,
      `${prefix(1)}LOG:  connection received: host=10.0.0.123 port=52834`,
      `${prefix(1)}STATEMENT:  SELECT pg_sleep(60);`,
    ];
    const records = normalizePayload(rdsPayload(lines), { rejoinMultiline: true });
    expect(records.map((r) => [r.message, r.severity, r.cloudwatch.folded_ids])).toEqual([
      ['canceling statement due to statement timeout', undefined, undefined],
      ['SELECT pg_sleep(60);', 'STATEMENT', undefined],
      ['connection received: host=10.0.0.123 port=52834', 'LOG', ['id-3']],
    ]);
  });

  it('leaves a DETAIL with no report before it in the payload, and a prefix without %p, as records of their own', () => {
    const lines = [
      `${prefix(3)}DETAIL:  Key (id)=(42) already exists.`,
      `${prefix(3)}STATEMENT:  SELECT add_order(42);`,
      '2024-01-01 00:00:00 UTC LOG:  checkpoint starting: time',
      '2024-01-01 00:00:00 UTC HINT:  Consider increasing the configuration parameter "max_wal_size".',
    ];
    const records = normalizePayload(rdsPayload(lines), { rejoinMultiline: true });
    expect(records.map((r) => [r.levelname, r.severity, r.cloudwatch.folded_ids])).toEqual([
      ['INFO', 'DETAIL', undefined],
      ['INFO', 'STATEMENT', undefined],
      ['INFO', 'LOG', undefined],
      ['INFO', 'HINT', undefined],
    ]);
  });

  it('is off by default: each line its own record, the label kept as `severity`, INFO', () => {
    const records = normalizePayload(rdsPayload(REPORT));
    expect(records).toHaveLength(REPORT.length);
    expect(records.slice(1, 4).map((r) => [r.levelname, r.severity, r.message])).toEqual([
      ['INFO', 'DETAIL', 'Key (id)=(42) already exists.'],
      ['INFO', 'CONTEXT', 'SQL function "add_order" statement 1'],
      ['INFO', 'STATEMENT', 'SELECT add_order(42);'],
    ]);
  });

  it('never drops or holds back an odd line after a report: nested JSON, a malformed entry, a frame', () => {
    const deep = deepJson(10_000);
    const malformed: MalformedLogEvent = {
      index: 2,
      reason: 'message is not a string',
      raw: '{"id":"id-2","timestamp":1,"message":7}',
      id: 'id-2',
      timestamp: BASE + 2,
    };
    const lines = [
      REPORT[0] ?? '',
      deep,
      malformed,
      REPORT[0] ?? '',
      '\tat com.example.Frame(Frame.java:1)',
      REPORT[3] ?? '',
    ];
    const records = normalizePayload(rdsPayload(lines), { rejoinMultiline: true });
    expect(records.map((r) => r.cloudwatch.id)).toEqual(['id-0', 'id-1', 'id-2', 'id-3', 'id-4', 'id-5']);
    expect(records.map((r) => r.log_format)).toEqual([
      'rds-postgresql',
      'text',
      'malformed-event',
      'rds-postgresql',
      'text',
      'rds-postgresql',
    ]);
    expect(records[1]?.message).toBe(deep);
    for (const record of records) {
      expect(record.cloudwatch.folded_ids).toBeUndefined();
      expect(() => encodeRecord(record)).not.toThrow();
    }
  });
});
