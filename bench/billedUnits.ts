/**
 * What the controls of SPEC §6 save and cost (`npm run bench`, section "Controls"):
 * - Firehose billed 5 KB units per 1,000 Lambda invocations of a typical log mix (START, END,
 *   REPORT and 3 application lines, one of them DEBUG), with the controls off and with the cost
 *   profile (`platformLines: fold`, `minLevel: INFO`), and that every WARNING / ERROR survives;
 * - pipeline time on the maximum payload without the controls stage (the pipeline before it
 *   existed), with it and every control off, and with every control on.
 * Firehose bills each record rounded up to 5 KB (https://aws.amazon.com/firehose/pricing/).
 */
import type { EncodedRecord } from '../src/batch/encodeRecord.js';
import { createRecordEncoder } from '../src/batch/recordEncoder.js';
import { packBatches } from '../src/batch/packBatches.js';
import {
  compileControls,
  createPayloadControls,
  emptyControlCounts,
  type CompiledControls,
  type ControlCounts,
} from '../src/controls/applyControls.js';
import { readControlSettings, REDACTION_RULES, type ControlInput } from '../src/controls/settings.js';
import { decodePayload } from '../src/decode/decodePayload.js';
import type { DataMessage } from '../src/decode/subscriptionPayload.js';
import { forEachRecord } from '../src/normalize/normalizePayload.js';
import {
  encodeSubscriptionEvent,
  type EventInput,
} from '../tools/subscription-event/encodeSubscriptionEvent.js';
import { Dice, platformLines, seededRandom } from './logLines.js';
import { BENCH_DECODE_OPTIONS, runPipeline } from './pipeline.js';
import { int } from './stats.js';

/** Firehose's billing unit: each record is rounded up to a multiple of 5 KB. */
const BILLING_UNIT_BYTES = 5 * 1024;
const INVOCATIONS = 1_000;
/** Events per subscription payload: CloudWatch Logs cuts batches anywhere, invocations straddle them. */
const EVENTS_PER_PAYLOAD = 50;

export const COST_PROFILE: ControlInput = { platformLines: 'fold', minLevel: 'INFO' };
const OFF: ControlInput = { maxFields: 0, maxDepth: 0 };
/** Every control on, for the overhead figure. */
const ALL_ON: ControlInput = {
  platformLines: 'fold',
  minLevel: 'INFO',
  sampleBelow: 'WARNING',
  sampleRate: 0.5,
  redact: { rules: [...REDACTION_RULES], patterns: ['ORD-[0-9]{6}'], keys: ['password', 'authorization'] },
  tags: { team: 'payments', env: 'prod' },
};

function compiled(input: ControlInput): CompiledControls {
  return compileControls(readControlSettings(input).settings);
}

/** The typical mix: per invocation START, a DEBUG, an INFO and a third line, END, REPORT. */
function typicalMix(seed: number): { events: EventInput[]; important: number } {
  const dice = new Dice(seededRandom(seed));
  const events: EventInput[] = [];
  let time = Date.UTC(2026, 10, 23, 2, 0, 0);
  let important = 0;
  for (let i = 0; i < INVOCATIONS; i++) {
    const requestId = dice.uuid();
    const inv = {
      requestId,
      time,
      dice,
      functionName: 'orders-api',
      traceId: `1-${dice.hex(8)}-${dice.hex(24)}`,
    };
    const platform = platformLines(inv, false, dice.int(2, 400) + dice.int(0, 99) / 100);
    const at = (ms: number) => new Date(ms).toISOString();
    events.push({ message: platform.start, timestamp: time });
    events.push({
      message: `${at(time + 1)}\t${requestId}\tDEBUG\tloaded ${dice.words(2, 6)}\n`,
      timestamp: time + 1,
    });
    events.push({
      message: `${at(time + 2)}\t${requestId}\tINFO\torder ${dice.hex(8)} ${dice.words(2, 8)}\n`,
      timestamp: time + 2,
    });
    // The third line: INFO mostly, WARNING for 1 in 10 invocations, ERROR with a stack for 1 in 20.
    const third = i % 20 === 0 ? 'ERROR' : i % 10 === 5 ? 'WARN' : 'INFO';
    const body =
      third === 'ERROR'
        ? `Error: ${dice.words(2, 5)}\n    at handler (/var/task/index.js:${dice.int(1, 400)}:12)\n    at process (/var/task/orders.js:${dice.int(1, 400)}:3)`
        : dice.words(3, 10);
    if (third !== 'INFO') important++;
    events.push({ message: `${at(time + 3)}\t${requestId}\t${third}\t${body}\n`, timestamp: time + 3 });
    for (const line of platform.end) events.push({ message: line, timestamp: time + 4 });
    time += 1_000;
  }
  return { events, important };
}

function payloadsOf(events: readonly EventInput[]): unknown[] {
  const payloads: unknown[] = [];
  for (let i = 0; i < events.length; i += EVENTS_PER_PAYLOAD) {
    payloads.push(
      encodeSubscriptionEvent({
        logGroup: '/aws/lambda/orders-api',
        logStream: '2026/11/23/[$LATEST]4f6c1d2e3b5a49788c7d6e5f4a3b2c1d',
        startTime: Date.UTC(2026, 10, 23, 2, 0, 0),
        events: events.slice(i, i + EVENTS_PER_PAYLOAD),
      }),
    );
  }
  return payloads;
}

/** decode → normalize → controls → encode, as `forwardLogs` runs it, without delivery. */
function runControlled(event: unknown, controls: CompiledControls, counts: ControlCounts): EncodedRecord[] {
  const payload = decodePayload(event, BENCH_DECODE_OPTIONS) as DataMessage;
  const records: EncodedRecord[] = [];
  const encoder = createRecordEncoder((line) => records.push(line));
  const stage = createPayloadControls(controls, payload.logStream, encoder.push, counts);
  forEachRecord(payload, {}, stage.push);
  stage.end();
  encoder.flush();
  packBatches(records);
  return records;
}

interface BillingRow {
  readonly profile: string;
  readonly records: number;
  readonly units: number;
  readonly important: number;
  readonly counts: ControlCounts;
}

function bill(profile: string, payloads: readonly unknown[], input: ControlInput): BillingRow {
  const controls = compiled(input);
  const counts = emptyControlCounts();
  let records = 0;
  let units = 0;
  let important = 0;
  for (const event of payloads) {
    for (const record of runControlled(event, controls, counts)) {
      records++;
      units += Math.ceil(record.data.length / BILLING_UNIT_BYTES);
      const level = (JSON.parse(record.data.toString('utf8')) as { levelname: string }).levelname;
      if (level === 'WARNING' || level === 'ERROR' || level === 'CRITICAL') important++;
    }
  }
  return { profile, records, units, important, counts };
}

/** The pipeline variants whose CPU time the controls section compares. */
export const CONTROL_VARIANTS = [
  'without the controls stage',
  'controls off',
  'defaults (field caps 100 / depth 5)',
  'every control on',
] as const;
export type ControlVariant = (typeof CONTROL_VARIANTS)[number];

/**
 * CPU times (user + system, ms) of `runs` runs of one variant on `maxEvent` (the bench's maximum
 * payload), after one warm-up run, with no collection forced between them (each run pays for the
 * garbage of the one before, as a warm invocation does). `probe.ts controls` runs it in a fresh
 * process per variant, as a Lambda function runs one configuration. Both choices were measured
 * on the max payload: with every variant in one process, their shared code (the controls stage,
 * the encoder) saw several configurations, and every control on read 14–20 % over the defaults;
 * with a process per variant but a full GC forced before each run, 15–20 % over (the forced GC
 * costs code-heavy runs most, see bench/README.md); in a process of its own with none forced,
 * 3–9 % under (three alternated pairs of processes, 9 runs each), where instruction counts put
 * it 8 % under (it drops and folds records before encoding them).
 */
export function controlVariantTimes(maxEvent: unknown, variant: ControlVariant, runs: number): number[] {
  const controls = {
    'controls off': OFF,
    'defaults (field caps 100 / depth 5)': {},
    'every control on': ALL_ON,
  } as const;
  let run = (): unknown => runPipeline(maxEvent);
  if (variant !== 'without the controls stage') {
    const compiledControls = compiled(controls[variant]);
    run = () => runControlled(maxEvent, compiledControls, emptyControlCounts());
  }
  run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  return times;
}

export interface ControlsBench {
  readonly markdown: string;
  readonly billing: readonly BillingRow[];
  readonly times: Record<string, number>;
  readonly typicalImportant: number;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * Both measurements: the billed units of the typical mix (computed here) and the median CPU times
 * of {@link controlVariantTimes}, `how` saying how many runs and processes they are the medians of.
 */
export function measureControls(seed: number, times: Record<string, number>, how: string): ControlsBench {
  const mix = typicalMix(seed);
  const payloads = payloadsOf(mix.events);
  const off = bill('controls off', payloads, OFF);
  const cost = bill('cost profile (`platformLines: fold`, `minLevel: INFO`)', payloads, COST_PROFILE);
  const saved = 1 - cost.units / off.units;

  const base = times['without the controls stage'] ?? 1;
  const out: string[] = [];
  out.push('### Controls: Firehose billed 5 KB units per 1,000 invocations (SPEC §6)');
  out.push(
    `Typical mix: ${int(INVOCATIONS)} invocations × (START, a DEBUG, an INFO and a third application line — WARNING for 1 in 10, ERROR with a stack for 1 in 20 —, END, REPORT) = ${int(mix.events.length)} events, in payloads of ${EVENTS_PER_PAYLOAD} events (invocations straddle payloads, as CloudWatch Logs cuts them).`,
  );
  out.push('');
  out.push(
    table(
      [
        'profile',
        'records',
        'billed 5 KB units',
        'WARNING/ERROR kept',
        'dropped (level)',
        'folded',
        'target',
      ],
      [off, cost].map((row, i) => [
        row.profile,
        int(row.records),
        int(row.units),
        `${int(row.important)} of ${int(mix.important)}`,
        int(row.counts.dropped.level),
        int(row.counts.folded),
        i === 0
          ? ''
          : `≥ 40 % fewer units: ${saved >= 0.4 ? 'met' : '**MISSED**'} (${(saved * 100).toFixed(1)} %); every WARNING/ERROR kept: ${row.important === mix.important ? 'met' : '**MISSED**'}`,
      ]),
    ),
  );
  out.push('');
  out.push(`Pipeline CPU time on the max payload (decode + normalize + controls + encode + pack; ${how}):`);
  out.push('');
  out.push(
    table(
      ['variant', 'CPU time', 'vs without the stage', 'target'],
      Object.entries(times).map(([name, ms]) => {
        const ratio = ms / base;
        const target =
          name === 'controls off'
            ? 'no change (within noise)'
            : name === 'every control on'
              ? `≤ 15 % overhead: ${ratio <= 1.15 ? 'met' : '**MISSED**'}`
              : '';
        return [name, `${ms.toFixed(1)} ms`, `${((ratio - 1) * 100).toFixed(1)} %`, target];
      }),
    ),
  );
  out.push('');
  return { markdown: out.join('\n'), billing: [off, cost], times, typicalImportant: mix.important };
}
