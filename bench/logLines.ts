/**
 * Realistic log lines, one generator per format the normalizer knows, written the way the
 * runtime or library writes them (same sources as `src/normalize/formats/*`):
 * - Node.js runtime text: aws-lambda-nodejs-runtime-interface-client src/LogPatch.js, src/Errors.js
 * - Python runtime text: aws-lambda-python-runtime-interface-client awslambdaric/bootstrap.py
 * - python-json-logger: `json.dumps` default separators (`", "`, `": "`)
 * - pino: pino's NDJSON (`level` number, `time` epoch ms, `pid`, `hostname`, `msg`)
 * - Powertools for AWS Lambda (Python) Logger: its default keys
 * - Lambda JSON log format (application and platform records), Lambda text platform lines
 *   (START/END/REPORT): https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
 * Content is random but seeded, so two runs with the same seed produce the same bytes.
 */

// The local Firehose's seeded generator (mulberry32): the same seed gives the same payload.
export { seededRandom } from '../tools/local-firehose/seededRandom.js';

export class Dice {
  constructor(private readonly random: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += HEX[Math.floor(this.random() * 16)] ?? '0';
    return out;
  }

  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-a${this.hex(3)}-${this.hex(12)}`;
  }

  words(min: number, max: number): string {
    const n = this.int(min, max);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.pick(WORDS));
    return out.join(' ');
  }
}

const HEX = '0123456789abcdef';

const WORDS = [
  'processing',
  'order',
  'customer',
  'payment',
  'request',
  'received',
  'completed',
  'invoice',
  'retrying',
  'cache',
  'miss',
  'hit',
  'user',
  'session',
  'token',
  'refreshed',
  'queue',
  'message',
  'batch',
  'item',
  'items',
  'saved',
  'loaded',
  'from',
  'to',
  'for',
  'with',
  'table',
  'dynamodb',
  's3',
  'bucket',
  'object',
  'upload',
  'download',
  'validation',
  'failed',
  'succeeded',
  'event',
  'handler',
  'started',
  'finished',
  'timeout',
  'connection',
  'pool',
  'acquired',
  'released',
  'shipment',
  'warehouse',
  'inventory',
  'reserved',
  'price',
  'updated',
  'webhook',
  'delivered',
];

const LOGGERS = ['root', 'app', 'app.orders', 'app.payments', 'botocore.credentials', 'urllib3'];
const SERVICES = ['payment', 'orders', 'inventory', 'notifications'];
const LEVELS = ['INFO', 'INFO', 'INFO', 'INFO', 'DEBUG', 'WARNING', 'ERROR'] as const;
const PINO_LEVELS = [30, 30, 30, 30, 20, 40, 50] as const;

/** What one invocation's lines share. */
export interface Invocation {
  readonly requestId: string;
  /** Epoch ms of the current line; advanced by the generator. */
  time: number;
  readonly dice: Dice;
  readonly functionName: string;
  /** X-Ray trace id of the invocation (Powertools logs it on every line). */
  readonly traceId: string;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function pythonAsctime(ms: number): string {
  return `${iso(ms).slice(0, 19)}+0000`;
}

function nodeStack(dice: Dice, message: string): string {
  const frames = dice.int(3, 9);
  const lines = [`Error: ${message}`];
  for (let i = 0; i < frames; i++) {
    lines.push(
      `    at ${dice.pick(['handler', 'processRecord', 'Runtime.handleOnceNonStreaming', 'async Promise.all'])} (/var/task/${dice.pick(['index', 'orders', 'lib/db'])}.js:${dice.int(1, 400)}:${dice.int(1, 80)})`,
    );
  }
  return lines.join('\n');
}

function pythonTraceback(dice: Dice): { text: string; last: string } {
  const frames = dice.int(2, 6);
  const lines = ['Traceback (most recent call last):'];
  for (let i = 0; i < frames; i++) {
    lines.push(
      `  File "/var/task/${dice.pick(['app', 'orders', 'db'])}.py", line ${dice.int(1, 400)}, in ${dice.pick(['lambda_handler', 'process', 'save_item', 'load'])}`,
    );
    lines.push(
      `    ${dice.pick(['result = table.put_item(Item=item)', 'value = payload["key"]', 'return int(x)'])}`,
    );
  }
  const last = dice.pick([
    `KeyError: '${dice.pick(WORDS)}'`,
    `ValueError: invalid literal for int() with base 10: '${dice.hex(4)}'`,
  ]);
  lines.push(last);
  return { text: lines.join('\n'), last };
}

/** One application log line of a given format. */
export type LineFormat = (inv: Invocation) => string;

/** Node.js runtime text lines, with the occasional `console.error(err)` stack and `Invoke Error`. */
const nodeRuntimeText: LineFormat = (inv) => {
  const { dice } = inv;
  const level = dice.pick(['INFO', 'INFO', 'INFO', 'WARN', 'ERROR', 'DEBUG']);
  const prefix = `${iso(inv.time)}\t${inv.requestId}\t`;
  if (level === 'ERROR' && dice.chance(0.5)) {
    if (dice.chance(0.5)) return `${prefix}ERROR\t${nodeStack(dice, dice.words(2, 6))}\n`;
    const stack = nodeStack(dice, dice.words(2, 6)).split('\n');
    const body = JSON.stringify({ errorType: 'Error', errorMessage: dice.words(2, 6), stack });
    return `${prefix}ERROR\tInvoke Error \t${body}\n`;
  }
  return `${prefix}${level}\t${dice.words(3, 14)} id=${dice.hex(8)} n=${dice.int(0, 99999)}\n`;
};

/** Python runtime text lines (`logging` through the runtime's handler), tracebacks included. */
const pythonRuntimeText: LineFormat = (inv) => {
  const { dice } = inv;
  const level = dice.pick(LEVELS);
  const prefix = `[${level}]\t${iso(inv.time)}\t${inv.requestId}\t`;
  if (level === 'ERROR' && dice.chance(0.5)) {
    const tb = pythonTraceback(dice);
    return `${prefix}${dice.words(2, 6)}\n${tb.text}\n`;
  }
  return `${prefix}${dice.words(3, 14)} key=${dice.hex(12)}\n`;
};

/** `json.dumps(value)` with Python's default separators `", "` and `": "`. */
function pythonDumps(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonDumps).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const parts = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${pythonDumps(item)}`);
    return `{${parts.join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** python-json-logger records, as `json.dumps` writes them (`", "` and `": "` separators). */
const pythonJsonLogger: LineFormat = (inv) => {
  const { dice } = inv;
  const level = dice.pick(LEVELS);
  const record: Record<string, unknown> = {
    asctime: pythonAsctime(inv.time),
    name: dice.pick(LOGGERS),
    levelname: level,
    message: dice.words(3, 14),
  };
  if (level === 'ERROR' && dice.chance(0.5)) record.exc_info = pythonTraceback(dice).text;
  if (dice.chance(0.5)) record.order_id = dice.int(1, 1_000_000);
  if (dice.chance(0.3)) record.customer = { id: dice.hex(10), tier: dice.pick(['gold', 'silver']) };
  return `${pythonDumps(record)}\n`;
};

/** pino's default NDJSON. */
const pino: LineFormat = (inv) => {
  const { dice } = inv;
  const level = dice.pick(PINO_LEVELS);
  const record: Record<string, unknown> = {
    level,
    time: inv.time,
    pid: 8,
    hostname: '169.254.40.221',
    reqId: inv.requestId,
    msg: dice.words(3, 12),
  };
  if (level === 50 && dice.chance(0.6)) {
    const message = dice.words(2, 6);
    record.err = { type: 'Error', message, stack: nodeStack(dice, message) };
  }
  if (dice.chance(0.4)) record.durationMs = dice.int(1, 3000);
  return `${JSON.stringify(record)}\n`;
};

/** Powertools for AWS Lambda (Python) Logger's default keys. */
const powertools: LineFormat = (inv) => {
  const { dice } = inv;
  const level = dice.pick(LEVELS);
  const record: Record<string, unknown> = {
    level,
    location: `${dice.pick(['lambda_handler', 'process', 'save'])}:${dice.int(1, 300)}`,
    message: dice.words(3, 12),
    timestamp: `${iso(inv.time).slice(0, 10)} ${iso(inv.time).slice(11, 23).replace('.', ',')}+0000`,
    service: dice.pick(SERVICES),
    cold_start: false,
    function_name: inv.functionName,
    function_memory_size: '256',
    function_arn: `arn:aws:lambda:us-east-1:123456789012:function:${inv.functionName}`,
    function_request_id: inv.requestId,
    xray_trace_id: inv.traceId,
  };
  if (level === 'ERROR' && dice.chance(0.5)) {
    const tb = pythonTraceback(dice);
    record.exception = tb.text;
    record.exception_name = tb.last.slice(0, tb.last.indexOf(':'));
  }
  return `${JSON.stringify(record)}\n`;
};

/** Lambda's JSON log format, application records. */
const lambdaJson: LineFormat = (inv) => {
  const { dice } = inv;
  const level = dice.pick(['INFO', 'INFO', 'INFO', 'WARN', 'ERROR', 'DEBUG']);
  const record: Record<string, unknown> = {
    timestamp: iso(inv.time),
    level,
    requestId: inv.requestId,
    message: dice.words(3, 14),
  };
  if (level === 'ERROR' && dice.chance(0.5)) {
    const message = dice.words(2, 6);
    record.errorType = 'Error';
    record.errorMessage = message;
    record.stackTrace = nodeStack(dice, message).split('\n');
  }
  return `${JSON.stringify(record)}\n`;
};

/** The application formats, each a function's logger; a payload mixes them. */
export const APPLICATION_FORMATS: readonly { readonly name: string; readonly line: LineFormat }[] = [
  { name: 'lambda-nodejs text', line: nodeRuntimeText },
  { name: 'lambda-python text', line: pythonRuntimeText },
  { name: 'python-json-logger', line: pythonJsonLogger },
  { name: 'pino', line: pino },
  { name: 'powertools', line: powertools },
  { name: 'lambda JSON', line: lambdaJson },
];

/** Lambda's platform lines around one invocation, in the text or the JSON log format. */
export function platformLines(
  inv: Invocation,
  json: boolean,
  durationMs: number,
): { start: string; end: string[] } {
  const { dice } = inv;
  const billed = Math.ceil(durationMs);
  const used = dice.int(60, 120);
  if (!json) {
    return {
      start: `START RequestId: ${inv.requestId} Version: $LATEST\n`,
      end: [
        `END RequestId: ${inv.requestId}\n`,
        `REPORT RequestId: ${inv.requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: 256 MB\tMax Memory Used: ${used} MB\t\n`,
      ],
    };
  }
  const time = iso(inv.time);
  return {
    start: `${JSON.stringify({ time, type: 'platform.start', record: { requestId: inv.requestId, version: '$LATEST' } })}\n`,
    end: [
      `${JSON.stringify({
        time,
        type: 'platform.report',
        record: {
          requestId: inv.requestId,
          metrics: { durationMs, billedDurationMs: billed, memorySizeMB: 256, maxMemoryUsedMB: used },
          status: 'success',
        },
      })}\n`,
    ],
  };
}
