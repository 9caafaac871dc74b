/**
 * The Kinesis input at its largest: one batch whose event JSON fills the 6 MB a synchronous
 * invocation accepts (the event source mapping invokes the function synchronously), each record
 * one gzipped subscription payload as CloudWatch Logs writes it. Measures the bundled handler in
 * a fresh process per memory setting, with the heap flags Lambda's Node.js runtime passes at that
 * setting: time, peak RSS, PutRecordBatch calls against the optimum and against one set of calls
 * per payload (what invoking the function once per payload costs).
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { MAX_BYTES_PER_BATCH, MAX_RECORDS_PER_BATCH } from '../src/batch/limits.js';
import { kinesisRecord } from '../tools/subscription-event/encodeKinesisEvent.js';
import { subscriptionPayload } from '../tools/subscription-event/encodeSubscriptionEvent.js';
import { startLocalFirehose } from '../tools/local-firehose/startLocalFirehose.js';
import { runNode } from './childProcess.js';
import { LOG_GROUP, takeEvents } from './generatePayload.js';
import { Dice, seededRandom } from './logLines.js';
import { BENCH_STREAM } from './measureDelivery.js';
import { runPipeline } from './pipeline.js';
import type { MemoryResult } from './probe.js';
import { int, mib, MiB } from './stats.js';

/**
 * Largest request payload of a synchronous invocation: 6 MB ("6 MB each for request and
 * response", https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), taken as
 * 6 MiB, the larger reading, as the subscription bench takes 1 MB as 1 MiB.
 */
export const MAX_SYNC_EVENT_BYTES = 6 * MiB;

/** The function's default timeout, seconds (serverless.yml `params.default.timeout`). */
export const DEFAULT_TIMEOUT_S = 60;

/** Memory settings measured, MB. */
export const KINESIS_MEMORY_SETTINGS = [128, 256, 512, 1024] as const;

/**
 * The `node` heap flags of Lambda's Node.js runtime at `memoryMb`: a tenth for the young
 * generation (half of it per semi-space), the rest for the old one (see LAMBDA_128_NODE_FLAGS).
 */
export function lambdaHeapFlags(memoryMb: number): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  return [`--max-semi-space-size=${Math.floor(newSpace / 2)}`, `--max-old-space-size=${memoryMb - newSpace}`];
}

/**
 * Lambda gives a function CPU in proportion to its memory, one full vCPU at 1,769 MB
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html); the handler is
 * single-threaded, so more than one vCPU does not make it faster.
 */
export const MEMORY_MB_PER_VCPU = 1769;

/** The duration a CPU-bound invocation of `cpuMs` CPU time has at `memoryMb` (network waits left out). */
export function lambdaDurationMs(cpuMs: number, memoryMb: number): number {
  return cpuMs * Math.max(1, MEMORY_MB_PER_VCPU / memoryMb);
}

/** What Lambda bills for that duration: GB-seconds (memory in GB × seconds). */
export function gbSeconds(cpuMs: number, memoryMb: number): number {
  return (memoryMb / 1024) * (lambdaDurationMs(cpuMs, memoryMb) / 1000);
}

export interface KinesisBatchInput {
  readonly event: { Records: unknown[] };
  readonly eventBytes: number;
  readonly records: number;
  readonly logEvents: number;
  readonly gzipBytes: number;
  readonly jsonBytes: number;
}

/**
 * A batch of Kinesis records from the seeded log stream, each a payload of 50-400 events of one
 * log stream (CloudWatch Logs' own batching varies with traffic), until the next record would
 * take the event JSON past `maxEventBytes`.
 */
export function generateKinesisBatch(seed: number, maxEventBytes = MAX_SYNC_EVENT_BYTES): KinesisBatchInput {
  const dice = new Dice(seededRandom(seed + 1));
  const events = takeEvents(seed, 200_000);
  const records: unknown[] = [];
  let eventBytes = Buffer.byteLength('{"Records":[]}');
  let used = 0;
  let gzipBytes = 0;
  let jsonBytes = 0;
  let logEvents = 0;
  for (;;) {
    const count = dice.int(50, 400);
    if (used + count > events.length) break;
    const json = JSON.stringify(
      subscriptionPayload({
        logGroup: LOG_GROUP,
        logStream: `2026/11/23/[$LATEST]${String(records.length).padStart(32, '0')}`,
        subscriptionFilters: ['cwl-forwarder'],
        events: events.slice(used, used + count),
      }),
    );
    const data = gzipSync(json);
    const record = kinesisRecord(data, records.length);
    const bytes = Buffer.byteLength(JSON.stringify(record)) + (records.length > 0 ? 1 : 0);
    if (eventBytes + bytes > maxEventBytes) break;
    records.push(record);
    eventBytes += bytes;
    used += count;
    logEvents += count;
    gzipBytes += data.length;
    jsonBytes += Buffer.byteLength(json);
  }
  return {
    event: { Records: records },
    eventBytes,
    records: records.length,
    logEvents,
    gzipBytes,
    jsonBytes,
  };
}

export interface KinesisMemoryRow {
  readonly memoryMb: number;
  readonly flags: readonly string[];
  /** `undefined` when the process ran out of memory. */
  readonly result?: MemoryResult;
  readonly error?: string;
}

export interface KinesisBatchBench {
  readonly input: Omit<KinesisBatchInput, 'event'>;
  readonly firehoseRecords: number;
  readonly firehoseBytes: number;
  /** Fewest calls the quotas allow for all records of the batch. */
  readonly optimumCalls: number;
  /** Calls when each payload's records are sent on their own (one invocation per payload). */
  readonly perPayloadCalls: number;
  /** Calls the local endpoint received from the handler (first memory setting that fitted). */
  readonly forwarderCalls: number;
  readonly rows: readonly KinesisMemoryRow[];
}

interface Summary {
  batchItemFailures?: unknown[];
}

/** Generates the batch, writes it to `file`, and runs the handler bundle on it at each memory setting. */
export async function measureKinesisBatch(
  seed: number,
  file: string,
  handlerBundle: string,
  probeBundle: string,
): Promise<KinesisBatchBench> {
  const { event, ...input } = generateKinesisBatch(seed);
  writeFileSync(file, JSON.stringify(event));
  let firehoseRecords = 0;
  let firehoseBytes = 0;
  let perPayloadCalls = 0;
  for (const record of event.Records as { kinesis: { data: string } }[]) {
    const out = runPipeline({ awslogs: { data: record.kinesis.data } });
    firehoseRecords += out.records.length;
    for (const r of out.records) firehoseBytes += r.data.length;
    perPayloadCalls += out.batches.length;
  }
  const optimumCalls = Math.max(
    Math.ceil(firehoseRecords / MAX_RECORDS_PER_BATCH),
    Math.ceil(firehoseBytes / MAX_BYTES_PER_BATCH),
  );
  const endpoint = await startLocalFirehose({ streams: [BENCH_STREAM] });
  const rows: KinesisMemoryRow[] = [];
  let forwarderCalls = 0;
  try {
    for (const memoryMb of KINESIS_MEMORY_SETTINGS) {
      const flags = lambdaHeapFlags(memoryMb);
      endpoint.reset();
      try {
        const result = await runNode<MemoryResult>(
          ['--expose-gc', ...flags, probeBundle, 'handler', file, handlerBundle],
          {
            DELIVERY_STREAM_NAME: BENCH_STREAM,
            AWS_ENDPOINT_URL_FIREHOSE: endpoint.url,
            POWERTOOLS_METRICS_DISABLED: 'true',
          },
        );
        const failures = (result.summary as Summary).batchItemFailures ?? [];
        const stats = endpoint.stats();
        if (failures.length > 0 || stats.recordsAccepted !== firehoseRecords) {
          throw new Error(
            `${failures.length} batch item failures, ${stats.recordsAccepted} of ${firehoseRecords} records accepted`,
          );
        }
        if (forwarderCalls === 0) forwarderCalls = stats.calls;
        rows.push({ memoryMb, flags, result });
      } catch (error) {
        rows.push({
          memoryMb,
          flags,
          error: error instanceof Error ? error.message.split('\n').slice(-3).join(' ') : String(error),
        });
      }
    }
  } finally {
    await endpoint.close();
  }
  return { input, firehoseRecords, firehoseBytes, optimumCalls, perPayloadCalls, forwarderCalls, rows };
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The report section (Markdown lines). */
export function kinesisReport(bench: KinesisBatchBench): string[] {
  const { input } = bench;
  const fits = bench.rows.filter(
    (row) => row.result !== undefined && row.result.peakRss <= row.memoryMb * MiB,
  );
  // The smallest setting that holds the batch and also finishes it in half the function's default
  // timeout (serverless.yml `timeout`, 60 s), leaving room for network waits and retries.
  const pick = fits.find(
    (row) =>
      row.result?.cpuMs !== undefined &&
      lambdaDurationMs(row.result.cpuMs, row.memoryMb) <= (DEFAULT_TIMEOUT_S * 1000) / 2,
  )?.memoryMb;
  return [
    '### Kinesis input: one full batch (6 MB synchronous invocation payload)',
    table(
      ['Kinesis records', 'log events', 'event JSON', 'gzip data', 'decompressed JSON', 'Firehose records'],
      [
        [
          int(input.records),
          int(input.logEvents),
          `${int(input.eventBytes)} B`,
          `${int(input.gzipBytes)} B`,
          mib(input.jsonBytes),
          int(bench.firehoseRecords),
        ],
      ],
    ),
    '',
    table(
      ['design', 'PutRecordBatch calls'],
      [
        ['optimum (max ⌈records/500⌉, ⌈bytes/4 MiB⌉)', int(bench.optimumCalls)],
        [
          'this forwarder (all payloads of the batch packed together)',
          `${int(bench.forwarderCalls)} (= optimum: ${bench.forwarderCalls === bench.optimumCalls ? 'met' : '**MISSED**'})`,
        ],
        ['one set of calls per payload (one invocation per payload)', int(bench.perPayloadCalls)],
      ],
    ),
    '',
    table(
      [
        'memory setting',
        "Lambda's heap flags",
        'handler wall time here',
        'handler CPU time',
        'Lambda duration, estimated',
        'GB-seconds billed, estimated',
        'peak RSS',
        'fits',
      ],
      bench.rows.map((row) => [
        `${row.memoryMb} MB`,
        `\`${row.flags.join(' ')}\``,
        row.result === undefined ? '—' : `${row.result.durationMs.toFixed(0)} ms`,
        row.result?.cpuMs === undefined ? '—' : `${row.result.cpuMs.toFixed(0)} ms`,
        row.result?.cpuMs === undefined ? '—' : `${int(lambdaDurationMs(row.result.cpuMs, row.memoryMb))} ms`,
        row.result?.cpuMs === undefined ? '—' : gbSeconds(row.result.cpuMs, row.memoryMb).toFixed(2),
        row.result === undefined ? `failed: ${row.error ?? ''}` : mib(row.result.peakRss),
        row.result !== undefined && row.result.peakRss <= row.memoryMb * MiB ? 'yes' : '**no**',
      ]),
    ),
    '',
    pick === undefined
      ? 'No measured memory setting held a full batch within half the default timeout: lower kinesisBatchSize.'
      : `Smallest measured setting that holds a full batch and finishes it within half the default ${DEFAULT_TIMEOUT_S} s ` +
        `timeout: ${pick} MB (\`--param="memorySize=${pick}"\` with \`input: kinesis\`). ` +
        'The estimated duration is the CPU time stretched by the share of a vCPU that setting gets, network waits left out; ' +
        'GB-seconds are that duration times the memory, what Lambda bills (the same below one vCPU, 1,769 MB).',
    '',
  ];
}
