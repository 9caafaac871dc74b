/**
 * The fault table (issue 9): the real handler, a 5,000-event payload (10 PutRecordBatch calls of
 * 500 records), the local Firehose in each fault mode, a 60 s invocation (the function's
 * timeout). Per mode: events delivered (distinct), duplicates (records accepted more than once),
 * the outcome, wall time. `npx tsx bench/faultTable.ts` (about two minutes: fail-all uses the
 * whole invocation, by design).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSubscriptionEvent } from '../tools/subscription-event/encodeSubscriptionEvent.js';
import type { Faults } from '../tools/local-firehose/faults.js';
import { startLocalFirehose } from '../tools/local-firehose/startLocalFirehose.js';
import { runNode } from './childProcess.js';

const STREAM = 'logging-test';
const EVENTS = 5_000;
const DEADLINE_MS = 60_000;
const REQUEST_ID = '3c1e5f2a-9b7d-4c6e-8a1f-2d3b4c5d6e7f';

interface Mode {
  readonly name: string;
  readonly faults?: Faults;
  readonly env?: Record<string, string>;
}

const MODES: readonly Mode[] = [
  { name: 'none' },
  {
    name: '30% of records fail (per-record ServiceUnavailableException)',
    faults: { failRate: 0.3, seed: 11 },
  },
  { name: 'every record of the first 20 calls fails', faults: { failAllFirst: 20 } },
  { name: 'throttled, HTTP 400, first 6 calls', faults: { throttleFirst: 6, throttleStatus: 400 } },
  { name: 'throttled, HTTP 503, first 6 calls', faults: { throttleFirst: 6, throttleStatus: 503 } },
  { name: '500 InternalFailure, first 5 calls', faults: { serverErrorFirst: 5, serverErrorStatus: 500 } },
  { name: '502, first 5 calls', faults: { serverErrorFirst: 5, serverErrorStatus: 502 } },
  { name: 'dropped connections, first 7 calls', faults: { dropFirst: 7 } },
  { name: 'malformed 200 (records stored), first 3 calls', faults: { malformedFirst: 3 } },
  { name: '413 from the endpoint, first call', faults: { httpStatusFirst: 1, httpStatus: 413 } },
  { name: 'unknown stream', env: { DELIVERY_STREAM_NAME: 'no-such-stream' } },
  {
    name: 'no credentials',
    env: {
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      AWS_CONFIG_FILE: '/nonexistent/config',
    },
  },
  { name: 'fail-all (every record, every call)', faults: { failAll: true } },
];

const dir = mkdtempSync(join(tmpdir(), 'fault-table-'));
const eventFile = join(dir, 'event.json');
const start = Date.UTC(2026, 10, 23, 2, 0, 0);
writeFileSync(
  eventFile,
  JSON.stringify(
    encodeSubscriptionEvent({
      logGroup: '/aws/lambda/checkout',
      logStream: '2026/11/23/[$LATEST]5d4c3b2a19f8e7d6c5b4a39281706f5e',
      events: Array.from({ length: EVENTS }, (_, i) => ({
        timestamp: start + i,
        message: `${new Date(start + i).toISOString()}\t${REQUEST_ID}\tINFO\torder ${i} paid`,
      })),
    }),
  ),
);

async function main(): Promise<void> {
  const firehose = await startLocalFirehose({ streams: [STREAM] });
  const runner = join(__dirname, 'faultRun.ts');
  const rows: string[] = [
    '| mode | delivered | duplicates | outcome | time |',
    '| --- | --- | --- | --- | --- |',
  ];
  try {
    for (const mode of MODES) {
      firehose.setFaults(mode.faults ?? {});
      firehose.reset();
      const result = await runNode<{ ok: boolean; error?: string; ms: number; leftMs: number }>(
        ['--import', 'tsx', runner, eventFile, String(DEADLINE_MS)],
        {
          AWS_ENDPOINT_URL_FIREHOSE: firehose.url,
          DELIVERY_STREAM_NAME: STREAM,
          POWERTOOLS_METRICS_DISABLED: 'true',
          NODE_NO_WARNINGS: '1',
          ...mode.env,
        },
      );
      const ids = firehose
        .records(STREAM)
        .map((r) => (JSON.parse(r.data.toString('utf8')) as { cloudwatch: { id: string } }).cloudwatch.id);
      const distinct = new Set(ids).size;
      const outcome = result.ok
        ? 'ok'
        : `fails: ${(result.error ?? '').replace(/\|/g, '\\|').slice(0, 240)} (${(result.leftMs / 1000).toFixed(1)} s left)`;
      rows.push(
        `| ${mode.name} | ${distinct} / ${EVENTS} | ${ids.length - distinct} | ${outcome} | ${(result.ms / 1000).toFixed(1)} s |`,
      );
      console.error(rows.at(-1));
    }
  } finally {
    await firehose.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(rows.join('\n'));
}

void main();
