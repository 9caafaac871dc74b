/**
 * `npm run bench`: speed against the floor, memory, PutRecordBatch calls/bytes/billing against
 * the optimum and the naive design, cold start. Prints a Markdown table and writes it, with the
 * raw figures, to bench/results/. See bench/README.md for the method.
 *
 *   npm run bench -- [--seed 42] [--quick] [--no-profile]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { CONTROL_VARIANTS, measureControls, type ControlVariant } from './billedUnits.js';
import { buildBundles } from './buildBundles.js';
import { FORCED_GC_NODE_FLAGS, OFFLINE_AWS_ENV, runNode } from './childProcess.js';
import {
  generateMaxPayload,
  generateStressPayload,
  MAX_ASYNC_EVENT_BYTES,
  type GeneratedPayload,
} from './generatePayload.js';
import { kinesisReport, measureKinesisBatch } from './kinesisBatch.js';
import { measureColdStart } from './measureColdStart.js';
import { LAMBDA_128_NODE_FLAGS, measureDelivery, type DeliveryComparison } from './measureDelivery.js';
import type { StageTimes } from './pipeline.js';
import type { MemoryResult, PeerName, SoloResult, SpeedResult } from './probe.js';
import { profilePipeline } from './profilePipeline.js';
import { int, kib, median, mib, MiB } from './stats.js';

/** Targets (issue 14), printed beside the figures. */
const TARGETS = {
  /** Pipeline time / floor time, max payload. */
  pipelineOverFloor: 4.5,
  /** The pipeline's speed / the LogsToElasticsearch transform's, at least. */
  overLogsToElasticsearch: 1.5,
  /** Whole warm handler (bundle, SDK, delivery to the local Firehose) / floor. */
  handlerOverFloor: 5,
  /** Peak RSS of the whole handler with Lambda's 128 MB heap flags. */
  lambda128PeakRssBytes: 110 * MiB,
  lambdaMemoryBytes: 128 * MiB,
  importMs: 50,
} as const;

/**
 * Prices used for the cost lines (us-east-1 list prices when this was written; check
 * https://aws.amazon.com/firehose/pricing/ and https://aws.amazon.com/lambda/pricing/).
 */
const PRICES = {
  /** Firehose Direct PUT ingestion, first 500 TB/month, per GB of 5 KB-rounded records. */
  firehosePerGB: 0.029,
  /** Lambda arm64 duration, per GB-second (serverless.yml: arm64). */
  lambdaPerGBs: 0.0000133334,
  /** Memory of the function in serverless.yml, GB. */
  lambdaMemoryGB: 0.25,
} as const;

/**
 * Per-stream request quota of a Firehose stream with Direct PUT, PutRecord and PutRecordBatch
 * together ("By default, each Firehose stream can take in up to 2,000 transactions per second";
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecord.html).
 */
const FIREHOSE_REQUESTS_PER_SECOND = 2_000;

interface Options {
  seed: number;
  quick: boolean;
  profile: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { seed: 42, quick: false, profile: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--no-profile') options.profile = false;
    else if (arg === '--seed') {
      options.seed = Number(argv[++i]);
      if (!Number.isInteger(options.seed)) throw new TypeError('--seed: expected a whole number');
    } else
      throw new TypeError(
        `unknown option ${String(arg)}; usage: npm run bench -- [--seed N] [--quick] [--no-profile]`,
      );
  }
  return options;
}

const mark = (ok: boolean): string => (ok ? 'met' : '**MISSED**');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function usd(amount: number): string {
  return `$${amount < 0.01 ? amount.toPrecision(2) : amount.toFixed(4)}`;
}

/**
 * The max payload through this pipeline, the peers a user would pick instead, and the whole
 * handler, each beside the floor measured in the same process, in the same interleaved rounds.
 */
function peersTable(
  result: SpeedResult,
  handler: DeliveryComparison['handlerSpeed'],
  runs: number,
): string[] {
  const floor = median(result.floorMs);
  const floorCpu = median(result.cpuMs.floor ?? []);
  const pipeline = median(result.pipelineMs);
  const esName: PeerName = 'AWS LogsToElasticsearch blueprint transform';
  const es = median(result.peersMs[esName] ?? []);
  const row = (what: string, ms: number, cpu: number | undefined, target: string): string[] => [
    what,
    `${ms.toFixed(1)} ms`,
    int((result.events / ms) * 1000),
    (ms / floor).toFixed(2),
    cpu === undefined ? '—' : (cpu / floorCpu).toFixed(2),
    (pipeline / ms).toFixed(2),
    target,
  ];
  const ratio = pipeline / floor;
  const handlerRatio = median(handler.handlerMs) / median(handler.floorMs);
  const rows = [
    row('floor (base64, gunzip, JSON.parse)', floor, floorCpu, ''),
    row(
      'this pipeline (decode, normalize, encode, batch)',
      pipeline,
      median(result.cpuMs.pipeline ?? []),
      `≤ ${TARGETS.pipelineOverFloor}× floor: ${mark(ratio <= TARGETS.pipelineOverFloor)}; ≥ ${TARGETS.overLogsToElasticsearch}× LogsToElasticsearch speed: ${mark(es / pipeline >= TARGETS.overLogsToElasticsearch)} (${(es / pipeline).toFixed(2)}×)`,
    ),
    row(
      'native work of this contract (floor, JSON.parse of JSON lines, JSON.stringify in groups of 128 + UTF-8 of the records)',
      median(result.nativeFloorMs),
      undefined,
      '(lower bound of any implementation)',
    ),
    row(
      "… plus base64 of the records' bytes and SHA-256 of the bodies (SigV4)",
      median(result.handlerNativeFloorMs),
      undefined,
      '(lower bound of the whole handler)',
    ),
    row(
      'record shape, nothing parsed (floor, then per event the core and provenance fields, message as it came, through the same grouped encoder)',
      median(result.shapeFloorMs),
      median(result.cpuMs.shape ?? []),
      '(lower bound of any implementation that builds the records in JavaScript)',
    ),
    ...Object.entries(result.peersMs).map(([name, ms]) =>
      row(name, median(ms), median(result.cpuMs[name] ?? []), '(peer)'),
    ),
    [
      "whole handler, warm (bundle, SDK, delivery to the local Firehose; Lambda's 128 MB heap flags)",
      `${median(handler.handlerMs).toFixed(1)} ms`,
      int((result.events / median(handler.handlerMs)) * 1000),
      handlerRatio.toFixed(2),
      handler.handlerCpuMs.length === 0
        ? '—'
        : (median(handler.handlerCpuMs) / median(handler.floorCpuMs)).toFixed(2),
      (pipeline / median(handler.handlerMs)).toFixed(2),
      `≤ ${TARGETS.handlerOverFloor}× floor: ${mark(handlerRatio <= TARGETS.handlerOverFloor)} (floor ${median(handler.floorMs).toFixed(1)} ms in its process, median of ${handler.runs})`,
    ],
  ];
  return [
    '### Speed beside the peers (max payload, one process, interleaved)',
    table(
      ['what', 'median', 'events/s', '× floor', '× floor, CPU time', 'speed vs this pipeline', 'target'],
      rows,
    ),
    '',
    `Medians of ${runs} interleaved rounds (a GC before each run). The peers are rewritten from their documented behaviour (bench/peerLogsToElasticsearch.ts, bench/peerFirehoseProcessor.ts) and do all their work on the same payload, from \`awslogs.data\` to the bytes they would send, with no signing and no network. CPU time counts every thread of the process and holds better than wall time when the machine is shared. The handler row comes from its own process (its floor measured there); its CPU column counts that process alone, the local Firehose (in the bench process) and the waits for its answers are in the wall time only.`,
    '',
  ];
}

/** The contenders of the solo runs (bench/probe.ts `solo`), as the probe names them. */
const SOLO_CONTENDERS = [
  'floor',
  'pipeline',
  'shape',
  'AWS LogsToElasticsearch blueprint transform',
  'Firehose CloudWatch Logs processor blueprint',
] as const;
type SoloContender = (typeof SOLO_CONTENDERS)[number];

/** The same contenders, each alone in fresh processes with no forced GC (see `solo` in probe.ts). */
function soloTable(
  events: number,
  solo: ReadonlyMap<SoloContender, SoloResult>,
  how: string,
  handler: DeliveryComparison['handlerSolo'],
): string[] {
  const wall = (name: SoloContender) => median(solo.get(name)?.wallMs ?? [0]);
  const cpu = (name: SoloContender) => median(solo.get(name)?.cpuMs ?? [0]);
  const floor = wall('floor');
  const pipeline = wall('pipeline');
  const es = wall('AWS LogsToElasticsearch blueprint transform');
  const labels: Record<SoloContender, string> = {
    floor: 'floor (base64, gunzip, JSON.parse)',
    pipeline: 'this pipeline (decode, normalize, encode, batch)',
    shape: 'record shape, nothing parsed',
    'AWS LogsToElasticsearch blueprint transform': 'AWS LogsToElasticsearch blueprint transform',
    'Firehose CloudWatch Logs processor blueprint': 'Firehose CloudWatch Logs processor blueprint',
  };
  const rows = SOLO_CONTENDERS.map((name) => [
    labels[name],
    `${wall(name).toFixed(1)} ms`,
    int((events / wall(name)) * 1000),
    (wall(name) / floor).toFixed(2),
    (cpu(name) / cpu('floor')).toFixed(2),
    (pipeline / wall(name)).toFixed(2),
    name === 'pipeline'
      ? `≤ ${TARGETS.pipelineOverFloor}× floor: ${mark(pipeline / floor <= TARGETS.pipelineOverFloor)}; ≥ ${TARGETS.overLogsToElasticsearch}× LogsToElasticsearch speed: ${mark(es / pipeline >= TARGETS.overLogsToElasticsearch)} (${(es / pipeline).toFixed(2)}×)`
      : name.startsWith('AWS') || name.startsWith('Firehose')
        ? '(peer)'
        : '',
  ]);
  const handlerMs = median(handler.handler.wallMs);
  const handlerFloor = median(handler.floor.wallMs);
  rows.push([
    "whole handler, warm (bundle, SDK, delivery to the local Firehose; Lambda's 128 MB heap flags)",
    `${handlerMs.toFixed(1)} ms`,
    int((events / handlerMs) * 1000),
    (handlerMs / handlerFloor).toFixed(2),
    (median(handler.handler.cpuMs) / median(handler.floor.cpuMs)).toFixed(2),
    (pipeline / handlerMs).toFixed(2),
    `≤ ${TARGETS.handlerOverFloor}× floor: ${mark(handlerMs / handlerFloor <= TARGETS.handlerOverFloor)} (the floor alone with the same flags: ${handlerFloor.toFixed(1)} ms; ${handler.how})`,
  ]);
  return [
    '### Speed, each alone (max payload, a fresh process per contender, no forced GC)',
    table(
      ['what', 'median', 'events/s', '× floor', '× floor, CPU time', 'speed vs this pipeline', 'target'],
      rows,
    ),
    '',
    `${how}. Each run pays for the garbage of the run before it, as a warm Lambda invocation pays for the previous one's; no other contender shares the heap. The table above forces a full GC before every run, which made this pipeline's runs ~30 % slower than here and the peers' hardly at all (bench/README.md).`,
    '',
  ];
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  // Dummy credentials, fixed region, no metadata service: only the loopback endpoint is contacted.
  Object.assign(process.env, OFFLINE_AWS_ENV);
  const root = resolve(__dirname, '..');
  const results = join(root, 'bench', 'results');
  mkdirSync(results, { recursive: true });
  const log = (text: string) => process.stderr.write(`bench: ${text}\n`);
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;

  log('building bundles (esbuild, as serverless-esbuild does)…');
  const bundles = await buildBundles(root, join(results, 'build'));

  log(`generating payloads (seed ${options.seed})…`);
  const max = generateMaxPayload(options.seed);
  const payloads: GeneratedPayload[] = [max.payload];
  if (!options.quick) payloads.push(generateStressPayload(options.seed, max.events.length));
  const files = payloads.map((payload, i) => {
    const file = join(results, `payload-${i === 0 ? 'max' : 'stress'}.json`);
    writeFileSync(file, JSON.stringify(payload.event));
    return file;
  });
  const maxFile = files[0] ?? '';

  const speed: { payload: GeneratedPayload; result: SpeedResult; warmup: number; runs: number }[] = [];
  for (const [i, payload] of payloads.entries()) {
    const warmup = i === 0 ? 3 : 1;
    const runs = i === 0 ? (options.quick ? 5 : 11) : 3;
    log(`speed: ${payload.name}, ${warmup} warm-up + ${runs} runs in a fresh process…`);
    const result = await runNode<SpeedResult>([
      ...FORCED_GC_NODE_FLAGS,
      bundles.probe,
      'speed',
      files[i] ?? '',
      String(warmup),
      String(runs),
    ]);
    speed.push({ payload, result, warmup, runs });
  }

  // The max payload's contenders again, each alone: fresh processes taking turns over the rounds.
  const soloRounds = options.quick ? 1 : 3;
  const soloRuns = options.quick ? 5 : 7;
  log(`speed: each contender alone, ${soloRounds} rounds of fresh processes (no forced GC)…`);
  const solo = new Map<SoloContender, { wallMs: number[]; cpuMs: number[] }>(
    SOLO_CONTENDERS.map((name) => [name, { wallMs: [], cpuMs: [] }]),
  );
  for (let round = 0; round < soloRounds; round++) {
    for (const name of SOLO_CONTENDERS) {
      const result = await runNode<SoloResult>([bundles.probe, 'solo', maxFile, name, '3', String(soloRuns)]);
      solo.get(name)?.wallMs.push(...result.wallMs);
      solo.get(name)?.cpuMs.push(...result.cpuMs);
    }
  }

  const memory: { payload: GeneratedPayload; what: string; result: MemoryResult }[] = [];
  for (const [i, payload] of payloads.entries()) {
    for (const what of ['floor', 'pipeline']) {
      log(`memory: ${payload.name}, ${what}, fresh process…`);
      const result = await runNode<MemoryResult>([
        '--expose-gc',
        bundles.probe,
        'memory',
        files[i] ?? '',
        what,
      ]);
      memory.push({ payload, what, result });
    }
  }

  log('delivery: handler bundle → local Firehose, then the naive one-call-per-record design…');
  const naiveSample = options.quick ? 1_000 : 5_000;
  const delivery = await measureDelivery(
    max.payload.event,
    maxFile,
    bundles.handlerSdkBundled,
    bundles.probe,
    naiveSample,
    options.quick ? { warmup: 1, runs: 3 } : { warmup: 2, runs: 9 },
  );

  log('kinesis: a full 6 MB batch through the handler bundle, at each memory setting…');
  const kinesis = await measureKinesisBatch(
    options.seed,
    join(results, 'kinesis-batch.json'),
    bundles.handlerSdkBundled,
    bundles.probe,
  );

  log('cold start: fresh `node -e require(bundle)` runs…');
  const cold = await measureColdStart(
    {
      'AWS SDK bundled (as deployed: ES module builds, minified)': bundles.handlerSdkBundled,
      'AWS SDK external (runtime-provided)': bundles.handlerSdkExternal,
      "AWS SDK bundled, esbuild's defaults (CommonJS builds, not minified)": bundles.handlerSdkBundledDefault,
    },
    options.quick ? 5 : 9,
  );

  log('controls: billed units of the typical mix, pipeline time with the controls off and on…');
  // A fresh process per variant (one configuration, as a Lambda function runs), the variants
  // taking turns over the rounds so that the machine's noise falls on each alike.
  const controlRounds = options.quick ? 2 : 3;
  const controlRunsPerProcess = options.quick ? 3 : 5;
  const controlSamples = new Map<ControlVariant, number[]>(CONTROL_VARIANTS.map((name) => [name, []]));
  for (let round = 0; round < controlRounds; round++) {
    for (const variant of CONTROL_VARIANTS) {
      const times = await runNode<number[]>([
        bundles.probe,
        'controls',
        maxFile,
        String(controlRunsPerProcess),
        variant,
      ]);
      controlSamples.get(variant)?.push(...times);
    }
  }
  const controls = measureControls(
    options.seed,
    Object.fromEntries([...controlSamples].map(([name, times]) => [name, median(times)])),
    `medians of ${controlRounds * controlRunsPerProcess} runs: ${controlRounds} fresh processes per variant, taking turns, ${controlRunsPerProcess} runs each after a warm-up, no GC forced`,
  );

  let hotSpots: { where: string; selfPercent: number }[] = [];
  if (options.profile) {
    log('profile: node --cpu-prof on the pipeline (max payload)…');
    hotSpots = (await profilePipeline(bundles.probe, maxFile, join(results, 'profile'), 12)).hotSpots;
  }

  // ---- Report ----
  const out: string[] = [];
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const reproduceArgs = [
    ...(options.seed === 42 ? [] : ['--seed', String(options.seed)]),
    ...(options.quick ? ['--quick'] : []),
    ...(options.profile ? [] : ['--no-profile']),
  ];
  out.push(
    `## Benchmark — seed ${options.seed}, Node ${process.version}, ${cpu} × ${cpus().length}, load average ${loadAtStart.toFixed(1)} at start`,
  );
  out.push('');
  out.push(
    `Reproduce: \`npm ci && npm run bench${reproduceArgs.length > 0 ? ` -- ${reproduceArgs.join(' ')}` : ''}\``,
  );
  out.push('');
  out.push('### Payloads');
  out.push(
    table(
      ['payload', 'log events', 'event JSON', 'gzip data', 'decompressed JSON'],
      payloads.map((p) => [
        p.name,
        int(p.logEvents),
        `${int(p.eventBytes)} B`,
        `${int(p.gzipBytes)} B`,
        mib(p.jsonBytes),
      ]),
    ),
  );
  out.push('');
  out.push(
    `Max = the most events whose whole \`{"awslogs":{"data":…}}\` event fits ${int(MAX_ASYNC_EVENT_BYTES)} B, Lambda's asynchronous-invocation payload limit (1 MB). Stress = 10× its events (beyond what Lambda accepts; shows how the pipeline scales).`,
  );
  out.push('');

  out.push('### Speed: decode + normalize + batch vs. the floor (base64 + gunzip + JSON.parse)');
  const speedRows = speed.map(({ payload, result, warmup, runs }, i) => {
    const p = median(result.pipelineMs);
    const f = median(result.floorMs);
    const ratio = p / f;
    return [
      payload.name,
      `${p.toFixed(1)} ms`,
      int((result.events / p) * 1000),
      `${f.toFixed(1)} ms`,
      int((result.events / f) * 1000),
      ratio.toFixed(2),
      i === 0
        ? `≤ ${TARGETS.pipelineOverFloor.toFixed(1)}: ${mark(ratio <= TARGETS.pipelineOverFloor)}`
        : '(info)',
      `${median(result.outputFloorMs).toFixed(1)} ms (${(p / median(result.outputFloorMs)).toFixed(2)})`,
      `median of ${runs}, ${warmup} warm-up`,
    ];
  });
  out.push(
    table(
      [
        'payload',
        'pipeline',
        'events/s',
        'floor',
        'floor events/s',
        'pipeline / floor',
        'target',
        'floor + JSON.stringify of the records (pipeline / it)',
        'runs',
      ],
      speedRows,
    ),
  );
  out.push('');

  const maxSpeed = speed[0];
  if (maxSpeed !== undefined) {
    out.push(...peersTable(maxSpeed.result, delivery.handlerSpeed, maxSpeed.runs));
    out.push(
      ...soloTable(
        maxSpeed.result.events,
        solo,
        `Medians of ${soloRounds * soloRuns} runs: ${soloRounds} fresh processes per contender, taking turns, ${soloRuns} runs each after 3 warm-ups`,
        delivery.handlerSolo,
      ),
    );
  }

  out.push('Where the pipeline time goes (median per step, separate runs):');
  out.push('');
  out.push(
    table(
      [
        'payload',
        'decode (base64, gunzip, JSON.parse, shape)',
        'normalize',
        'encode (JSON.stringify, Buffer)',
        'pack',
        'floor',
      ],
      speed.map(({ payload, result }) => {
        const step = (key: keyof StageTimes) => `${median(result.stages.map((s) => s[key])).toFixed(1)} ms`;
        return [
          payload.name,
          step('decode'),
          step('normalize'),
          step('encode'),
          step('pack'),
          `${median(result.floorMs).toFixed(1)} ms`,
        ];
      }),
    ),
  );
  out.push('');

  out.push('### Memory (a fresh process per row)');
  const f = delivery.forwarder.memory;
  const memRows = memory.map(({ payload, what, result }) => [
    payload.name,
    what === 'floor' ? 'floor only' : 'pipeline (no delivery)',
    mib(result.peakRss),
    mib(result.baselineRss),
    mib(result.peakHeapUsed),
    mib(result.peakExternal),
    '(info)',
  ]);
  memRows.push([
    payloads[0]?.name ?? '',
    'whole handler (bundle, SDK, delivery)',
    mib(f.peakRss),
    mib(f.baselineRss),
    mib(f.peakHeapUsed),
    mib(f.peakExternal),
    `fits 128 MB Lambda: ${mark(f.peakRss <= TARGETS.lambdaMemoryBytes)}`,
  ]);
  const l = delivery.forwarderLambda128;
  memRows.push([
    payloads[0]?.name ?? '',
    `whole handler, with Lambda's heap flags at 128 MB (\`${LAMBDA_128_NODE_FLAGS.join(' ')}\`)`,
    mib(l.peakRss),
    mib(l.baselineRss),
    mib(l.peakHeapUsed),
    mib(l.peakExternal),
    `≤ ${mib(TARGETS.lambda128PeakRssBytes)}: ${mark(l.peakRss <= TARGETS.lambda128PeakRssBytes)}`,
  ]);
  out.push(
    table(
      ['payload', 'what', 'peak RSS', 'RSS before work', 'peak heap used', 'peak external', 'target'],
      memRows,
    ),
  );
  out.push('');

  out.push(`### Delivery of the max payload to the local Firehose (\`tools/local-firehose\`)`);
  const { optimum, forwarder, naive } = delivery;
  const pipelineMs = median(speed[0]?.result.pipelineMs ?? [0]);
  const naiveLambdaMs = pipelineMs + naive.wallMs;
  const firehoseCost = (units: number) => ((units * 5 * 1024) / 1e9) * PRICES.firehosePerGB;
  const lambdaCost = (ms: number) => (ms / 1000) * PRICES.lambdaMemoryGB * PRICES.lambdaPerGBs;
  out.push(
    table(
      [
        'design',
        'PutRecordBatch calls',
        'bytes sent',
        'billed 5 KB units',
        'invocation time (local)',
        'Firehose cost',
        'Lambda cost',
        'target',
      ],
      [
        [
          'optimum',
          `${int(optimum.calls)} (max ⌈${int(optimum.records)}/500⌉, ⌈bytes/4 MiB⌉)`,
          `${int(optimum.bytes)} (records' bytes)`,
          int(optimum.billedUnits),
          '—',
          usd(firehoseCost(optimum.billedUnits)),
          '—',
          '',
        ],
        [
          'this forwarder',
          int(forwarder.endpointCalls),
          int(forwarder.bytesSent),
          int(forwarder.billedUnits),
          `${forwarder.wallMs.toFixed(0)} ms`,
          usd(firehoseCost(forwarder.billedUnits)),
          usd(lambdaCost(forwarder.wallMs)),
          `calls = optimum: ${mark(forwarder.endpointCalls === optimum.calls)}; bytes = records: ${mark(forwarder.bytesSent === optimum.bytes)}`,
        ],
        [
          'naive: one call per record',
          int(naive.calls),
          int(naive.bytesSent),
          int(naive.billedUnits),
          `${naive.wallMs.toFixed(0)} ms${naive.extrapolatedFrom === undefined ? '' : ` (scaled from ${int(naive.extrapolatedFrom)} calls)`}`,
          usd(firehoseCost(naive.billedUnits)),
          usd(lambdaCost(naiveLambdaMs)),
          '(info)',
        ],
      ],
    ),
  );
  out.push('');
  out.push(
    `Firehose bills each record rounded up to 5 KB, per record, not per call, so batching does not change the Firehose bill (${int(forwarder.billedUnits)} vs ${int(naive.billedUnits)} units). ` +
      `What batching changes: ${int(naive.calls)} calls instead of ${int(forwarder.endpointCalls)} (${(naive.calls / Math.max(1, forwarder.endpointCalls)).toFixed(0)}×), ` +
      `which at the default ${int(FIREHOSE_REQUESTS_PER_SECOND)} requests/s per stream is ${(naive.calls / FIREHOSE_REQUESTS_PER_SECOND).toFixed(1)} s of the stream's whole request quota for one payload (throttling) instead of ${((forwarder.endpointCalls / FIREHOSE_REQUESTS_PER_SECOND) * 1000).toFixed(0)} ms, ` +
      `and ${(naiveLambdaMs / Math.max(1, forwarder.wallMs)).toFixed(1)}× the Lambda time on a loopback endpoint (${usd(lambdaCost(naiveLambdaMs) - lambdaCost(forwarder.wallMs))} more per payload at ${PRICES.lambdaMemoryGB * 1024} MB arm64, $${((lambdaCost(naiveLambdaMs) - lambdaCost(forwarder.wallMs)) * 1e6).toFixed(0)} per million such payloads; in AWS each call also pays a network round trip, so the gap is wider).`,
  );
  out.push('');

  out.push(...kinesisReport(kinesis));

  out.push('### Cold start: bundled handler (esbuild: bundle, platform node, target node22, cjs)');
  const coldRows = Object.entries(cold).map(([name, c]) => [
    name,
    kib(c.bundleBytes),
    `${c.importMs.toFixed(1)} ms`,
    `${c.requireWallMs.toFixed(1)} ms`,
    `${c.requireCpuMs.toFixed(1)} ms`,
    `≤ ${TARGETS.importMs} ms: ${mark(c.importMs <= TARGETS.importMs)}`,
  ]);
  out.push(
    table(
      [
        'variant',
        'bundle size',
        'import (spawn − empty node)',
        'require() wall, in-process',
        'require() CPU',
        'target',
      ],
      coldRows,
    ),
  );
  out.push('');
  out.push(
    `Medians of ${Object.values(cold)[0]?.runs ?? 0} fresh processes each. Import = wall time of \`node -e "require(bundle)"\` minus \`node -e ""\`; the in-process columns time the \`require\` call alone, and its CPU time is the steadiest figure on a busy machine (the load average was ${loadavg()[0]?.toFixed(1) ?? '?'} on ${cpus().length} cores at the end of this run).`,
  );
  out.push('');

  out.push(controls.markdown);

  if (hotSpots.length > 0) {
    out.push('### Hot spots of the pipeline (self time, `node --cpu-prof`, max payload)');
    out.push(
      table(
        ['self %', 'function  source'],
        hotSpots.map((h) => [h.selfPercent.toFixed(1), `\`${h.where}\``]),
      ),
    );
    out.push('');
  }
  out.push(`_Bench wall time: ${((performance.now() - started) / 1000).toFixed(0)} s._`);

  const report = out.join('\n');
  process.stdout.write(`${report}\n`);
  writeFileSync(join(results, 'latest.md'), `${report}\n`);
  writeFileSync(
    join(results, 'latest.json'),
    JSON.stringify(
      {
        seed: options.seed,
        node: process.version,
        payloads: payloads.map((p) => ({ ...p, event: undefined })),
        speed: speed.map((s) => ({ ...s, payload: s.payload.name })),
        solo: Object.fromEntries(solo),
        memory: memory.map((m) => ({ ...m, payload: m.payload.name })),
        delivery,
        kinesis,
        cold,
        controls,
        hotSpots,
      },
      null,
      2,
    ),
  );
  log(`written ${join('bench', 'results', 'latest.md')} and latest.json`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
