import { PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { BILLING_UNIT_BYTES, MAX_BYTES_PER_BATCH, MAX_RECORDS_PER_BATCH } from '../src/batch/limits.js';
import { createFirehoseClient } from '../src/deliver/putRecordBatches.js';
import { startLocalFirehose, type LocalFirehose } from '../tools/local-firehose/startLocalFirehose.js';
import { FORCED_GC_NODE_FLAGS, runNode } from './childProcess.js';
import type { HandlerSpeedResult, MemoryResult, SoloResult } from './probe.js';
import { runPipeline } from './pipeline.js';

export const BENCH_STREAM = 'bench-stream';

/**
 * The heap flags Lambda's Node.js runtime starts `node` with at 128 MB: its bootstrap takes a
 * tenth of the function's memory for the young generation and the rest for the old one
 * (`new_space = MEMORY / 10`, `--max-semi-space-size=new_space / 2`,
 * `--max-old-space-size=MEMORY - new_space`, in MB). Without them V8 sizes its heap from this
 * machine's memory (16 MB semi-spaces here), which a 128 MB function never gets.
 */
export const LAMBDA_128_NODE_FLAGS = ['--max-semi-space-size=6', '--max-old-space-size=116'] as const;

/** What delivering one payload cost, one design. */
export interface DeliveryFigures {
  readonly records: number;
  readonly calls: number;
  /** Record data bytes the endpoint accepted (before the wire's base64). */
  readonly bytesSent: number;
  /** Firehose billing units: each record rounded up to 5 KB. */
  readonly billedUnits: number;
  /** Wall time of the delivery against the local endpoint, ms. */
  readonly wallMs: number;
  /** True when the figures were measured on a prefix of the records and scaled up. */
  readonly extrapolatedFrom?: number;
}

export interface DeliveryComparison {
  /** What the records themselves weigh and the fewest calls the quotas allow. */
  readonly optimum: { records: number; bytes: number; billedUnits: number; calls: number };
  /** The forwarder's handler (bundled), in a fresh process, against the local endpoint. */
  readonly forwarder: DeliveryFigures & { memory: MemoryResult; endpointCalls: number };
  /** The same, with the heap flags Lambda's Node.js runtime passes at 128 MB ({@link LAMBDA_128_NODE_FLAGS}). */
  readonly forwarderLambda128: MemoryResult;
  /** One PutRecordBatch call per record, sent one after the other (the naive design). */
  readonly naive: DeliveryFigures;
  /** The whole handler timed against the floor in one process, after a warm-up, Lambda's heap flags. */
  readonly handlerSpeed: HandlerSpeedResult & { readonly warmup: number; readonly runs: number };
  /**
   * The whole handler and the floor, each alone in fresh processes with Lambda's heap flags and no
   * GC forced (bench/probe.ts `handler-solo`, `solo floor`), taking turns over the rounds.
   */
  readonly handlerSolo: { readonly handler: SoloResult; readonly floor: SoloResult; readonly how: string };
}

function billed(bytes: number): number {
  return Math.ceil(bytes / BILLING_UNIT_BYTES);
}

/**
 * The naive design of the Python guide this project replaces: the log handler calls
 * PutRecordBatch once per log record, with that one record, and waits for the answer. Measured
 * on at most `sample` records (real calls to the local endpoint), scaled to the whole payload.
 */
async function naiveDelivery(
  endpoint: LocalFirehose,
  records: readonly Buffer[],
  sample: number,
): Promise<DeliveryFigures> {
  const client = createFirehoseClient({ endpoint: endpoint.url });
  endpoint.reset();
  const sent = records.slice(0, sample);
  const start = performance.now();
  for (const data of sent) {
    await client.send(
      new PutRecordBatchCommand({ DeliveryStreamName: BENCH_STREAM, Records: [{ Data: data }] }),
    );
  }
  const wallMs = performance.now() - start;
  client.destroy();
  const stats = endpoint.stats();
  const scale = records.length / Math.max(1, sent.length);
  let bytes = 0;
  let units = 0;
  for (const data of records) {
    bytes += data.length;
    units += billed(data.length);
  }
  if (stats.calls !== sent.length || stats.recordsAccepted !== sent.length) {
    throw new Error(
      `naive run: ${stats.calls} calls / ${stats.recordsAccepted} records for ${sent.length} sends`,
    );
  }
  return {
    records: records.length,
    calls: Math.round(stats.calls * scale),
    bytesSent: bytes,
    billedUnits: units,
    wallMs: wallMs * scale,
    ...(sent.length < records.length ? { extrapolatedFrom: sent.length } : {}),
  };
}

interface HandlerSummary {
  records: number;
  calls: number;
  bytesSent: number;
  billedUnits: number;
  delivered: number;
}

/**
 * Delivers `eventFile` with the bundled handler (fresh process, SDK pointed at a local endpoint
 * in this process) and with the naive design, and sets both beside the optimum.
 */
export async function measureDelivery(
  event: unknown,
  eventFile: string,
  handlerBundle: string,
  probeBundle: string,
  naiveSample: number,
  speedRuns: { warmup: number; runs: number } = { warmup: 2, runs: 9 },
): Promise<DeliveryComparison> {
  const { records } = runPipeline(event);
  const datas = records.map((record) => record.data);
  let bytes = 0;
  let units = 0;
  for (const data of datas) {
    bytes += data.length;
    units += billed(data.length);
  }
  const optimum = {
    records: datas.length,
    bytes,
    billedUnits: units,
    calls: Math.max(Math.ceil(datas.length / MAX_RECORDS_PER_BATCH), Math.ceil(bytes / MAX_BYTES_PER_BATCH)),
  };

  const endpoint = await startLocalFirehose({ streams: [BENCH_STREAM] });
  try {
    const memory = await runNode<MemoryResult>(
      ['--expose-gc', probeBundle, 'handler', eventFile, handlerBundle],
      {
        DELIVERY_STREAM_NAME: BENCH_STREAM,
        AWS_ENDPOINT_URL_FIREHOSE: endpoint.url,
      },
    );
    const stats = endpoint.stats();
    const summary = memory.summary as HandlerSummary;
    endpoint.reset();
    const forwarderLambda128 = await runNode<MemoryResult>(
      ['--expose-gc', ...LAMBDA_128_NODE_FLAGS, probeBundle, 'handler', eventFile, handlerBundle],
      {
        DELIVERY_STREAM_NAME: BENCH_STREAM,
        AWS_ENDPOINT_URL_FIREHOSE: endpoint.url,
      },
    );
    if (summary.delivered !== datas.length || stats.recordsAccepted !== datas.length) {
      throw new Error(
        `forwarder delivered ${summary.delivered}, endpoint accepted ${stats.recordsAccepted}, of ${datas.length} records`,
      );
    }
    const forwarder = {
      records: summary.records,
      calls: summary.calls,
      endpointCalls: stats.calls,
      bytesSent: stats.bytesAccepted,
      billedUnits: summary.billedUnits,
      wallMs: memory.durationMs,
      memory,
    };
    endpoint.reset();
    // A warm function: what each invocation of a busy subscription costs, beside the floor.
    const speed = await runNode<HandlerSpeedResult>(
      [
        ...FORCED_GC_NODE_FLAGS,
        ...LAMBDA_128_NODE_FLAGS,
        probeBundle,
        'handler-speed',
        eventFile,
        handlerBundle,
        String(speedRuns.warmup),
        String(speedRuns.runs),
      ],
      { DELIVERY_STREAM_NAME: BENCH_STREAM, AWS_ENDPOINT_URL_FIREHOSE: endpoint.url },
    );
    const accepted = endpoint.stats().recordsAccepted;
    if (accepted !== datas.length * (speedRuns.warmup + speedRuns.runs)) {
      throw new Error(`handler speed runs: endpoint accepted ${accepted} records`);
    }
    // Each alone, no forced GC: what a warm function pays, its own garbage included.
    const handlerSolo = { wallMs: [] as number[], cpuMs: [] as number[] };
    const floorSolo = { wallMs: [] as number[], cpuMs: [] as number[] };
    const rounds = speedRuns.runs >= 9 ? 3 : 1;
    const soloRuns = speedRuns.runs >= 9 ? 5 : 3;
    for (let round = 0; round < rounds; round++) {
      endpoint.reset();
      const alone = await runNode<SoloResult>(
        [
          ...LAMBDA_128_NODE_FLAGS,
          probeBundle,
          'handler-solo',
          eventFile,
          handlerBundle,
          String(speedRuns.warmup),
          String(soloRuns),
        ],
        { DELIVERY_STREAM_NAME: BENCH_STREAM, AWS_ENDPOINT_URL_FIREHOSE: endpoint.url },
      );
      const soloAccepted = endpoint.stats().recordsAccepted;
      if (soloAccepted !== datas.length * (speedRuns.warmup + soloRuns)) {
        throw new Error(`handler solo runs: endpoint accepted ${soloAccepted} records`);
      }
      handlerSolo.wallMs.push(...alone.wallMs);
      handlerSolo.cpuMs.push(...alone.cpuMs);
      const floor = await runNode<SoloResult>([
        ...LAMBDA_128_NODE_FLAGS,
        probeBundle,
        'solo',
        eventFile,
        'floor',
        '3',
        String(soloRuns + 2),
      ]);
      floorSolo.wallMs.push(...floor.wallMs);
      floorSolo.cpuMs.push(...floor.cpuMs);
    }
    const naive = await naiveDelivery(endpoint, datas, naiveSample);
    return {
      optimum,
      forwarder,
      forwarderLambda128,
      naive,
      handlerSpeed: { ...speed, ...speedRuns },
      handlerSolo: {
        handler: handlerSolo,
        floor: floorSolo,
        how: `${rounds} fresh processes each, taking turns: the handler ${soloRuns} invocations after ${speedRuns.warmup} warm-ups, the floor ${soloRuns + 2} runs after 3`,
      },
    };
  } finally {
    await endpoint.close();
  }
}
