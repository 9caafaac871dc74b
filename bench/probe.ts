/**
 * The measuring child process. `run.ts` bundles this file with esbuild (as serverless-esbuild
 * bundles the handler) and starts it fresh for each measurement, so one measurement's garbage,
 * JIT state and heap growth never pollute the next. Prints one JSON line on stdout.
 *
 *   node probe.cjs speed   <event.json> <warmup> <runs>
 *   node probe.cjs pipeline <event.json> <runs>           (pipeline only: for --cpu-prof)
 *   node probe.cjs memory  <event.json> pipeline|floor
 *   node probe.cjs handler <event.json> <handler bundle>   (env points the SDK at the local endpoint)
 *   node probe.cjs handler-speed <event.json> <handler bundle> <warmup> <runs>   (the same, timed against the floor)
 *   node probe.cjs controls <event.json> <runs> <variant> (CPU times of one controls variant)
 *   node probe.cjs solo <event.json> <contender> <warmup> <runs>   (one contender alone, no forced GC)
 *   node probe.cjs handler-solo <event.json> <handler bundle> <warmup> <runs>   (the handler alone, no forced GC)
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { CONTROL_VARIANTS, controlVariantTimes } from './billedUnits.js';
import { firehoseProcessor } from './peerFirehoseProcessor.js';
import { logsToElasticsearch } from './peerLogsToElasticsearch.js';
import {
  eventMessages,
  normalizedRecords,
  runHandlerNativeFloor,
  runNativeFloor,
  runFloor,
  runOutputFloor,
  runPipeline,
  runShapeFloor,
  timePipelineStages,
  type StageTimes,
} from './pipeline.js';

export interface SpeedResult {
  readonly events: number;
  readonly pipelineMs: readonly number[];
  readonly floorMs: readonly number[];
  /** The floor plus one `JSON.stringify` per (already normalized) record. */
  readonly outputFloorMs: readonly number[];
  /** The native work this contract needs (see `runNativeFloor`), pipeline and whole handler. */
  readonly nativeFloorMs: readonly number[];
  readonly handlerNativeFloorMs: readonly number[];
  /** The record shape with nothing parsed (see `runShapeFloor`), in the interleaved rounds. */
  readonly shapeFloorMs: readonly number[];
  /** Per-step times of separate runs (same count). */
  readonly stages: readonly StageTimes[];
  /** The peers (see {@link PEERS}), timed in the same interleaved rounds as floor and pipeline. */
  readonly peersMs: Readonly<Record<string, readonly number[]>>;
  /** Process CPU time (user + system, all threads) of the same runs: steadier on a busy machine. */
  readonly cpuMs: Readonly<Record<string, readonly number[]>>;
}

/** What a user would run instead of this forwarder, each from `awslogs.data` to its output bytes. */
export const PEERS = {
  'AWS LogsToElasticsearch blueprint transform': logsToElasticsearch,
  'Firehose CloudWatch Logs processor blueprint': firehoseProcessor,
} as const;
export type PeerName = keyof typeof PEERS;
const PEER_NAMES = Object.keys(PEERS) as PeerName[];

/** Wall and CPU milliseconds of one call. */
function timed(run: () => unknown): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

export interface MemoryResult {
  /** RSS after loading the code and reading the event, before any work (bytes). */
  readonly baselineRss: number;
  /** Peak RSS of the process's whole life (bytes), as Lambda's "Max Memory Used" counts it. */
  readonly peakRss: number;
  /** Largest `heapUsed` seen at a stage boundary (bytes). */
  readonly peakHeapUsed: number;
  /** Largest `external` (Buffers: gzip output, encoded records) seen at a stage boundary (bytes). */
  readonly peakExternal: number;
  /** For `handler`: what the handler returned. */
  readonly summary?: unknown;
  /** For `handler`: CPU time (user + system) of the invocation, ms; steadier than wall time on a busy machine. */
  readonly cpuMs?: number;
  readonly durationMs: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function readEvent(file: string): { event: unknown; data: string } {
  const event = JSON.parse(readFileSync(file, 'utf8')) as { awslogs: { data: string } };
  return { event, data: event.awslogs.data };
}

type Contender = 'floor' | 'pipeline' | 'shape' | PeerName;

function speed(file: string, warmup: number, runs: number): SpeedResult {
  const { event, data } = readEvent(file);
  const events = runPipeline(event).events;
  const contenders: [Contender, () => unknown][] = [
    ['floor', () => runFloor(data)],
    ['pipeline', () => runPipeline(event)],
    ['shape', () => runShapeFloor(data)],
    ...PEER_NAMES.map((name): [Contender, () => unknown] => [name, () => PEERS[name](data)]),
  ];
  for (let i = 0; i < warmup; i++) for (const [, run] of contenders) run();
  const wall = Object.fromEntries(contenders.map(([name]) => [name, [] as number[]]));
  const cpu = Object.fromEntries(contenders.map(([name]) => [name, [] as number[]]));
  // Interleaved, so a slow phase of the machine hits every contender alike.
  for (let i = 0; i < runs; i++) {
    for (const [name, run] of contenders) {
      gc?.();
      const t = timed(run);
      wall[name]?.push(t.wall);
      cpu[name]?.push(t.cpu);
    }
  }
  const stages: StageTimes[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.();
    stages.push(timePipelineStages(event));
  }
  // Last: the normalized records it keeps alive would make every other run's GC dearer.
  const outputFloorMs: number[] = [];
  const records = normalizedRecords(event);
  runOutputFloor(data, records);
  for (let i = 0; i < runs; i++) {
    gc?.();
    const start = performance.now();
    runOutputFloor(data, records);
    outputFloorMs.push(performance.now() - start);
  }
  const messages = eventMessages(event);
  const nativeFloorMs: number[] = [];
  const handlerNativeFloorMs: number[] = [];
  runHandlerNativeFloor(data, messages, records);
  for (let i = 0; i < runs; i++) {
    gc?.();
    nativeFloorMs.push(timed(() => runNativeFloor(data, messages, records)).wall);
    gc?.();
    handlerNativeFloorMs.push(timed(() => runHandlerNativeFloor(data, messages, records)).wall);
  }
  const of = (from: Record<string, number[]>, name: Contender): number[] => from[name] ?? [];
  return {
    events,
    pipelineMs: of(wall, 'pipeline'),
    floorMs: of(wall, 'floor'),
    outputFloorMs,
    nativeFloorMs,
    handlerNativeFloorMs,
    shapeFloorMs: of(wall, 'shape'),
    stages,
    peersMs: Object.fromEntries(PEER_NAMES.map((name) => [name, of(wall, name)])),
    cpuMs: Object.fromEntries(contenders.map(([name]) => [name, of(cpu, name)])),
  };
}

/** Wall and CPU times of one contender's runs, for {@link solo}. */
export interface SoloResult {
  readonly wallMs: readonly number[];
  readonly cpuMs: readonly number[];
}

/**
 * One contender alone in this process, after `warmup` runs, with no collection forced between
 * runs: each run pays for the garbage of the one before it, as a warm Lambda invocation pays for
 * the previous one's, and nothing else shares the heap. (The interleaved rounds of {@link speed}
 * force a full GC before every run, which freed the pipeline's hidden classes and threw away its
 * optimized code every round until they ran with `FORCED_GC_NODE_FLAGS`; see bench/README.md.)
 */
function solo(file: string, contender: string, warmup: number, runs: number): SoloResult {
  const { event, data } = readEvent(file);
  const contenders: Record<string, () => unknown> = {
    floor: () => runFloor(data),
    pipeline: () => runPipeline(event),
    shape: () => runShapeFloor(data),
    ...Object.fromEntries(PEER_NAMES.map((name) => [name, () => PEERS[name](data)])),
  };
  const run = contenders[contender];
  if (run === undefined) throw new TypeError(`unknown contender ${JSON.stringify(contender)}`);
  for (let i = 0; i < warmup; i++) run();
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = timed(run);
    wallMs.push(t.wall);
    cpuMs.push(t.cpu);
  }
  return { wallMs, cpuMs };
}

function memorySampler() {
  let peakHeapUsed = 0;
  let peakExternal = 0;
  return {
    sample(): void {
      const usage = process.memoryUsage();
      peakHeapUsed = Math.max(peakHeapUsed, usage.heapUsed);
      peakExternal = Math.max(peakExternal, usage.external);
    },
    peaks: () => ({ peakHeapUsed, peakExternal }),
  };
}

/**
 * This process's peak resident set, bytes. On Linux, `VmHWM` of /proc/self/status: the peak of
 * this program's own memory since `exec`. Not `process.resourceUsage().maxRSS`, which Linux
 * carries over from before `exec`, when the child was still a fork of the bench's process: after
 * the stress payload that parent holds ~260 MiB, and every child then reported at least that
 * (a full `npm run bench` gave 261.8 MiB for all three Kinesis memory settings, where the child's
 * own peak is 196–240 MiB). Elsewhere, `maxRSS`.
 */
function peakRss(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1] !== undefined) return Number(match[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

function memory(file: string, what: string): MemoryResult {
  const { event, data } = readEvent(file);
  gc?.();
  const baselineRss = process.memoryUsage().rss;
  const sampler = memorySampler();
  sampler.sample();
  const start = performance.now();
  if (what === 'floor') {
    runFloor(data);
    sampler.sample();
  } else {
    const out = runPipeline(event);
    sampler.sample();
    if (out.batches.length === 0 && out.events > 0) throw new Error('pipeline produced no batches');
  }
  const durationMs = performance.now() - start;
  return { baselineRss, peakRss: peakRss(), ...sampler.peaks(), durationMs };
}

async function handler(file: string, bundle: string): Promise<MemoryResult> {
  // Loaded here, after the environment is set: the handler reads its configuration at import.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a built bundle chosen at run time
  const module = require(bundle) as {
    handler: (event: unknown, context: { getRemainingTimeInMillis: () => number }) => Promise<unknown>;
  };
  // Any event the handler takes (a subscription event, a Kinesis batch), as Lambda passes it.
  const event: unknown = JSON.parse(readFileSync(file, 'utf8'));
  gc?.();
  const baselineRss = process.memoryUsage().rss;
  const sampler = memorySampler();
  // process.memoryUsage() reads /proc: sampled sparingly so the probe does not slow the handler.
  const timer = setInterval(() => {
    sampler.sample();
  }, 50);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const deadline = Date.now() + 60_000;
  const realLog = console.log;
  console.log = () => undefined; // the handler's one summary line; the parent gets the summary
  let summary: unknown;
  try {
    summary = await module.handler(event, { getRemainingTimeInMillis: () => deadline - Date.now() });
  } finally {
    console.log = realLog;
    clearInterval(timer);
  }
  const durationMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  sampler.sample();
  return {
    baselineRss,
    peakRss: peakRss(),
    ...sampler.peaks(),
    durationMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    summary,
  };
}

/** The floor and the whole bundled handler (delivery included), interleaved, in one process. */
export interface HandlerSpeedResult {
  readonly floorMs: readonly number[];
  readonly handlerMs: readonly number[];
  /** CPU time (user + system, every thread of the process) of each timed run, floor and handler. */
  readonly floorCpuMs: readonly number[];
  readonly handlerCpuMs: readonly number[];
}

/** Process CPU time so far (user + system, all threads), ms. */
function cpuNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function handlerSpeed(
  file: string,
  bundle: string,
  warmup: number,
  runs: number,
): Promise<HandlerSpeedResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a built bundle chosen at run time
  const module = require(bundle) as {
    handler: (event: unknown, context: { getRemainingTimeInMillis: () => number }) => Promise<unknown>;
  };
  const { event, data } = readEvent(file);
  const context = { getRemainingTimeInMillis: () => 60_000 };
  const realLog = console.log;
  console.log = () => undefined; // the handler's summary line per invocation
  const floorMs: number[] = [];
  const handlerMs: number[] = [];
  const floorCpuMs: number[] = [];
  const handlerCpuMs: number[] = [];
  try {
    for (let i = 0; i < warmup; i++) {
      runFloor(data);
      await module.handler(event, context);
    }
    for (let i = 0; i < runs; i++) {
      gc?.();
      let cpu = cpuNow();
      let start = performance.now();
      runFloor(data);
      floorMs.push(performance.now() - start);
      floorCpuMs.push(cpuNow() - cpu);
      gc?.();
      cpu = cpuNow();
      start = performance.now();
      await module.handler(event, context);
      handlerMs.push(performance.now() - start);
      // The handler's own work: the local Firehose runs in the parent process, so its time (and
      // the waits for its answers) is in the wall time only.
      handlerCpuMs.push(cpuNow() - cpu);
    }
  } finally {
    console.log = realLog;
  }
  return { floorMs, handlerMs, floorCpuMs, handlerCpuMs };
}

/**
 * The whole bundled handler alone in this process, after `warmup` invocations, with no GC forced
 * between invocations (as a warm Lambda runs them); see {@link solo} for why.
 */
async function handlerSolo(file: string, bundle: string, warmup: number, runs: number): Promise<SoloResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a built bundle chosen at run time
  const module = require(bundle) as {
    handler: (event: unknown, context: { getRemainingTimeInMillis: () => number }) => Promise<unknown>;
  };
  const { event } = readEvent(file);
  const context = { getRemainingTimeInMillis: () => 60_000 };
  const realLog = console.log;
  console.log = () => undefined; // the handler's summary line per invocation
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  try {
    for (let i = 0; i < warmup; i++) await module.handler(event, context);
    for (let i = 0; i < runs; i++) {
      const cpu = cpuNow();
      const start = performance.now();
      await module.handler(event, context);
      wallMs.push(performance.now() - start);
      cpuMs.push(cpuNow() - cpu);
    }
  } finally {
    console.log = realLog;
  }
  return { wallMs, cpuMs };
}

async function main(argv: readonly string[]): Promise<unknown> {
  const [mode, file, a, b, c] = argv;
  if (file === undefined) throw new TypeError('usage: probe <speed|memory|handler> <event.json> …');
  if (mode === 'speed') return speed(file, Number(a ?? 3), Number(b ?? 9));
  if (mode === 'pipeline') {
    const { event } = readEvent(file);
    let events = 0;
    for (let i = 0; i < Number(a ?? 5); i++) events += runPipeline(event).events;
    return { events };
  }
  if (mode === 'memory') return memory(file, a ?? 'pipeline');
  if (mode === 'solo' && a !== undefined) return solo(file, a, Number(b ?? 3), Number(c ?? 7));
  if (mode === 'controls') {
    const variant = CONTROL_VARIANTS.find((name) => name === b);
    if (variant === undefined) throw new TypeError(`unknown controls variant ${JSON.stringify(b)}`);
    return controlVariantTimes(readEvent(file).event, variant, Number(a ?? 5));
  }
  if (mode === 'handler' && a !== undefined) return handler(file, a);
  if (mode === 'handler-solo' && a !== undefined) return handlerSolo(file, a, Number(b ?? 2), Number(c ?? 7));
  if (mode === 'handler-speed' && a !== undefined)
    return handlerSpeed(file, a, Number(b ?? 2), Number(c ?? 9));
  throw new TypeError(`unknown probe mode ${JSON.stringify(mode)}`);
}

main(process.argv.slice(2)).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
