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
 *   payload (an invocation straddling two payloads) is forwarded as it is. Payload order is kept
 *   (SPEC §2): the folded REPORT comes at the REPORT's place, an orphan START / END at its own,
 *   every other record at its own; see {@link createPlatformStage} for what that holds.
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

/** A record the fold stage holds back while a START / END before it waits for its REPORT. */
interface Held {
  readonly record: ForwarderRecord;
  /** A START / END whose REPORT has not come (yet): the records after it wait for it. */
  waiting: boolean;
  /** A START / END its REPORT took in: not emitted. */
  folded: boolean;
}

/** Released slots at the head of the queue before it is compacted (amortized O(1) a record). */
const COMPACT_AFTER = 1024;

/**
 * The platform stage of one payload for `mode` (`keep` passes every record through).
 *
 * `fold` keeps payload order (SPEC §2): a START / END waits for its REPORT, and so does every
 * record after it, in order; the held records are released, in order, up to the next START / END
 * still waiting as soon as a REPORT folds the one at their head, and all of them at `end` (a
 * START / END still waiting then is an orphan, emitted at its own place). Each record is emitted
 * once. Memory: records are held only while a START / END waits, so an invocation's lines
 * (START … END REPORT) live until its REPORT rather than dying as they are encoded, and lines of
 * invocations interleaved with it wait as long. The worst case is an orphan START near the head
 * of a payload (an invocation that ends in the next one): every record after it is held until
 * `end`, i.e. the whole payload's record objects are alive at once, as they were before the
 * records were encoded one by one (src/forwardLogs.ts): on the bench's largest payload (1 MB
 * event, 18,043 events), about 10 MiB of heap still live just before `end` (after a full GC),
 * against none when every invocation is whole.
 */
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
  // fold: by request id, the START / END waiting for their REPORT.
  const waiting = new Map<string, Held[]>();
  // The held records in payload order, from `head` on; empty while nothing waits.
  let queue: (Held | undefined)[] = [];
  let head = 0;

  const hold = (record: ForwarderRecord, waits: boolean): Held => {
    const held: Held = { record, waiting: waits, folded: false };
    queue.push(held);
    return held;
  };
  /** Emits the held records up to the first START / END still waiting (all of them at `end`). */
  const release = (all: boolean): void => {
    while (head < queue.length) {
      const held = queue[head];
      if (held === undefined) break;
      if (held.waiting && !all) break;
      queue[head++] = undefined;
      if (!held.folded) sink.emit(held.record);
    }
    if (head === queue.length) {
      queue = [];
      head = 0;
    } else if (head >= COMPACT_AFTER && head * 2 >= queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  };

  /** Emits `record` now, or holds it behind a START / END that waits. */
  const pass = (record: ForwarderRecord): void => {
    if (head < queue.length) hold(record, false);
    else sink.emit(record);
  };

  return {
    push(record) {
      const lambda = lambdaOf(record);
      const id = record.aws_request_id;
      if (lambda === undefined || id === undefined) {
        pass(record);
        return;
      }
      // A crash line parsed as runtimeDone (text) is an error of its own, not an END.
      const crash = record.log_format === 'lambda-platform' && lambda.type === 'platform.runtimeDone';
      if (FOLDED_TYPES.has(String(lambda.type)) && !crash) {
        const held = hold(record, true);
        const same = waiting.get(id);
        if (same === undefined) waiting.set(id, [held]);
        else same.push(held);
        return;
      }
      if (lambda.type !== REPORT_TYPE) {
        pass(record);
        return;
      }
      const same = waiting.get(id);
      if (same === undefined) {
        pass(record);
        return;
      }
      waiting.delete(id);
      fold(
        record,
        lambda,
        same.map((held) => held.record),
      );
      for (const held of same) {
        held.waiting = false;
        held.folded = true;
      }
      sink.folded(same.length);
      // The REPORT takes its own place; what it unblocked, up to it or the next wait, goes on.
      hold(record, false);
      release(false);
    },
    end() {
      // No REPORT in this payload for what still waits: forwarded as it is, at its own place.
      release(true);
      waiting.clear();
    },
  };
}
