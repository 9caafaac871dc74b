import { LEVEL_NAMES, type ForwarderRecord, type LevelName } from '../normalize/record.js';
import type { PlatformLineMode } from './settings.js';

/**
 * The `platformLines` control (SPEC §6) over the records the normalizer built from Lambda's own
 * lines: text (`log_format` `lambda-platform`, src/normalize/formats/lambdaPlatform.ts) and
 * platform JSON (`lambda-json-platform`, src/normalize/formats/lambdaJson.ts), both with the
 * Telemetry API's names under `lambda` (`lambda.type`, `lambda.metrics.durationMs`, …).
 * - `fold`: the REPORT record of an invocation carries its figures as numbers, and the START and
 *   END (platform JSON: `platform.start`, `platform.runtimeDone`) of the same request in the same
 *   payload are folded into it: their ids go to `cloudwatch.folded_ids`, what they said beyond
 *   the request id and version to `lambda.folded`. A START / END whose REPORT is not in the
 *   payload is forwarded as it is, after the payload's other records.
 * - `drop`: platform records are dropped, except errors (timeouts, out of memory, crashes:
 *   `levelname` ERROR or CRITICAL).
 */

const PLATFORM_FORMATS: ReadonlySet<string> = new Set(['lambda-platform', 'lambda-json-platform']);
/** Records folded into their invocation's REPORT. */
const FOLDED_TYPES: ReadonlySet<string> = new Set(['platform.start', 'platform.end', 'platform.runtimeDone']);
const REPORT_TYPE = 'platform.report';

/** The REPORT figures a folded record carries, from the Telemetry API metric names. */
const FIGURES: readonly (readonly [string, string])[] = [
  ['durationMs', 'duration_ms'],
  ['billedDurationMs', 'billed_duration_ms'],
  ['memorySizeMB', 'memory_size_mb'],
  ['maxMemoryUsedMB', 'max_memory_used_mb'],
  ['initDurationMs', 'init_duration_ms'],
];

type Lambda = Record<string, unknown>;

function lambdaOf(record: ForwarderRecord): Lambda | undefined {
  if (record.log_format === undefined || !PLATFORM_FORMATS.has(record.log_format)) return undefined;
  const lambda = record.lambda;
  return typeof lambda === 'object' && lambda !== null && !Array.isArray(lambda)
    ? (lambda as Lambda)
    : undefined;
}

/** A record built from one of Lambda's own lines. */
export function isPlatformRecord(record: ForwarderRecord): boolean {
  return record.log_format !== undefined && PLATFORM_FORMATS.has(record.log_format);
}

function isError(level: LevelName): boolean {
  return level === 'ERROR' || level === 'CRITICAL';
}

function higher(a: LevelName, b: LevelName): LevelName {
  return LEVEL_NAMES.indexOf(a) >= LEVEL_NAMES.indexOf(b) ? a : b;
}

/** Where the platform stage hands its records, and what it tells about those it removed. */
export interface PlatformSink {
  emit(record: ForwarderRecord): void;
  dropped(): void;
  folded(count: number): void;
}

/** The stage for one payload: `push` each record in order, then `end` once. */
export interface PlatformStage {
  readonly push: (record: ForwarderRecord) => void;
  readonly end: () => void;
}

/** The fold of one REPORT: figures as numbers, the held START / END folded in. */
function fold(report: ForwarderRecord, lambda: Lambda, held: readonly ForwarderRecord[]): void {
  const metrics = lambda.metrics;
  if (typeof metrics === 'object' && metrics !== null) {
    const m = metrics as Record<string, unknown>;
    for (const [from, to] of FIGURES) {
      const value = m[from];
      if (typeof value === 'number' && report[to] === undefined) report[to] = value;
    }
  }
  if (held.length === 0) return;
  const ids = report.cloudwatch.folded_ids ?? [];
  let folded: Record<string, unknown> | undefined;
  let level = report.levelname;
  for (const record of held) {
    ids.push(record.cloudwatch.id, ...(record.cloudwatch.folded_ids ?? []));
    level = higher(level, record.levelname);
    const inner = lambdaOf(record) ?? {};
    const { type, version, ...rest } = inner;
    if (typeof version === 'string') report.function_version = version;
    // A runtimeDone's status, spans and produced bytes: kept, not lost in the fold.
    if (Object.keys(rest).length > 0) {
      folded ??= {};
      folded[String(type)] = rest;
    }
  }
  report.cloudwatch.folded_ids = ids;
  report.levelname = level;
  if (folded !== undefined) lambda.folded = folded;
}

/** The platform stage of one payload for `mode` (`keep` passes every record through). */
export function createPlatformStage(mode: PlatformLineMode, sink: PlatformSink): PlatformStage {
  if (mode === 'keep')
    return {
      push: (record) => {
        sink.emit(record);
      },
      end: () => undefined,
    };
  if (mode === 'drop') {
    return {
      push(record) {
        if (isPlatformRecord(record) && !isError(record.levelname)) sink.dropped();
        else sink.emit(record);
      },
      end: () => undefined,
    };
  }
  // fold: START / END wait for their REPORT; the rest goes on at once.
  const held = new Map<string, ForwarderRecord[]>();
  const arrived: ForwarderRecord[] = [];
  const done = new Set<ForwarderRecord>();
  return {
    push(record) {
      const lambda = lambdaOf(record);
      const id = record.aws_request_id;
      if (lambda === undefined || id === undefined) {
        sink.emit(record);
        return;
      }
      // A crash line parsed as runtimeDone (text) is an error of its own, not an END.
      const crash = record.log_format === 'lambda-platform' && lambda.type === 'platform.runtimeDone';
      if (FOLDED_TYPES.has(String(lambda.type)) && !crash) {
        const waiting = held.get(id);
        if (waiting === undefined) held.set(id, [record]);
        else waiting.push(record);
        arrived.push(record);
        return;
      }
      if (lambda.type === REPORT_TYPE) {
        const waiting = held.get(id) ?? [];
        held.delete(id);
        fold(record, lambda, waiting);
        for (const folded of waiting) done.add(folded);
        if (waiting.length > 0) sink.folded(waiting.length);
      }
      sink.emit(record);
    },
    end() {
      // No REPORT in this payload: forwarded as they are, in the order they came.
      for (const record of arrived) if (!done.has(record)) sink.emit(record);
      held.clear();
      arrived.length = 0;
      done.clear();
    },
  };
}
