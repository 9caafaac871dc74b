import {
  isLogEvent,
  type DataMessage,
  type LogEvent,
  type MalformedLogEvent,
} from '../decode/subscriptionPayload.js';
import { isReportPart, reportPid, withReportParts } from './formats/rdsPostgresql.js';
import { exceptionStart, isAtFrame, PY_STACK, PY_TRACEBACK } from './formats/stacks.js';
import type { ParsedLine } from './logFormat.js';
import { buildRecord, normalizeMalformed, parseEvent, type EventSource } from './normalizeEvent.js';
import { MAX_BYTES_PER_RECORD } from '../batch/limits.js';
import type { ForwarderRecord } from './record.js';

/**
 * Multi-line rejoin (`REJOIN_MULTILINE`, off by default): a runtime that wrote a stack trace one
 * line per event (stdout without Lambda's telemetry framing, containers) gets it back in one
 * record: continuation events of the same payload are appended to the `exc_info` of the record
 * before them (lines joined with `\n`), and their ids are kept under `cloudwatch.folded_ids`.
 * Continuations are: `Traceback (most recent call last):` after a logger's WARNING/ERROR/CRITICAL
 * line without a stack, and what follows a traceback (indented `File "…"` frames and their code
 * lines, the closing `Type: message` line, chained exceptions); a traceback after any other line
 * is an uncaught error and starts a record of its own, whose message is its closing line;
 * Python's `stack_info` block (`Stack (most recent call last):` and its indented frames), which
 * `logging.Formatter` writes after the message of a line of any level (no error: the level stays);
 * indented `at …` frames of Java, Node.js and .NET; `Caused by:` / `Suppressed:`; `... N more`;
 * .NET's `--- End of …` and ` ---> ` lines; Go's `goroutine N […]:` and its frames after a
 * `panic:`; PHP's `Stack trace:`, `#N …` frames and `  thrown in …` after an error line without a
 * stack (FPM and Apache relay an uncaught exception's report line by line); and the throwable's own line (`java.lang.X: boom`) between a logger's ERROR / WARNING
 * line without a stack and a frame; after a pino-pretty head line (`[time] LEVEL (…): msg`),
 * every line indented by four spaces, the record's keys pino-pretty prints under it (pino's
 * transport writes the block to stdout, which Lambda and the `awslogs` driver cut at each
 * newline), the block then read whole as pino-pretty's format reads it. A plain-text line whose
 * record gains a stack becomes ERROR, as it would had the stack come in the same event.
 * A PostgreSQL report's line (`rds-postgresql`, any severity, a prefix with `%p`) takes only the
 * DETAIL, HINT, QUERY, CONTEXT, LOCATION and STATEMENT lines right after it of the same process
 * (`[pid]`), each as a field named by its label (formats/rdsPostgresql.ts); any other line after
 * it starts a record of its own.
 *
 * Each head line is parsed as {@link normalizeEvent} parses it (its depth guard included), and a
 * group too large for one Firehose record is split, never cut: see {@link splitGroup}.
 */
export function rejoinPayload(
  events: DataMessage['logEvents'],
  source: EventSource,
  sink: (record: ForwarderRecord) => void,
): void {
  let group: Group | undefined;
  let state: StackState = 'none';
  let lastTime = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event === undefined) continue;
    if (!isLogEvent(event)) {
      if (group !== undefined) emitGroup(group, source, sink);
      group = undefined;
      sink(normalizeMalformed(event, source, lastTime));
      continue;
    }
    lastTime = event.timestamp;
    const line = trimmedEnd(event.message);
    const pid = group === undefined ? undefined : reportPid(group.parsed);
    if (group !== undefined && pid !== undefined) {
      // A PostgreSQL report takes only its own DETAIL, HINT, … lines: the next lines of the same
      // process. Any other line is parsed once, as the head it then is.
      const parsed = parseEvent(event.message);
      if (isReportPart(parsed, pid)) {
        group.lines.push(line);
        group.ids.push(event.id);
        group.times.push(event.timestamp);
        (group.parts ??= []).push(parsed);
        continue;
      }
      emitGroup(group, source, sink);
      group = { event, parsed, lines: [], ids: [], times: [] };
      state = parsed.format === PINO_PRETTY ? 'pinoPretty' : initialState(line);
      continue;
    }
    let next: StackState | undefined =
      group === undefined ? undefined : continuation(line, state, awaitsStack(group));
    if (group !== undefined && next === undefined && isThrowableHeader(group, line, events[i + 1]))
      next = 'frames';
    if (group !== undefined && next !== undefined) {
      group.lines.push(line);
      group.ids.push(event.id);
      group.times.push(event.timestamp);
      state = next;
      continue;
    }
    if (group !== undefined) emitGroup(group, source, sink);
    group = { event, parsed: parseEvent(event.message), lines: [], ids: [], times: [] };
    state = group.parsed.format === PINO_PRETTY ? 'pinoPretty' : initialState(line);
  }
  if (group !== undefined) emitGroup(group, source, sink);
}

/** Where a stack being folded stands: what the next line may continue. */
type StackState = 'none' | 'python' | 'pythonEnd' | 'pythonStack' | 'frames' | 'go' | 'pinoPretty' | 'php';

/** pino-pretty's head line (formats/pinoPretty.ts); the record's keys follow it indented by four. */
const PINO_PRETTY = 'pino-pretty';
const PINO_PRETTY_INDENT = '    ';

// PHP's uncaught-exception report (formats/phpStack.ts): `Stack trace:`, `#0 …` frames, `  thrown in …`.
const PHP_STACK = 'Stack trace:';
const PHP_THROWN = '  thrown in ';

/** `#0 /app/a.php(5): f()`, `#1 {main}`: a frame of PHP's stack trace. */
function isPhpFrame(line: string): boolean {
  let i = 1;
  while (i < 8 && line.charCodeAt(i) >= 0x30 && line.charCodeAt(i) <= 0x39) i++;
  return line.charCodeAt(0) === 0x23 /* # */ && i > 1 && line.charCodeAt(i) === 0x20;
}

const PY_CHAIN = [
  'During handling of the above exception, another exception occurred:',
  'The above exception was the direct cause of the following exception:',
];

function trimmedEnd(text: string): string {
  return text.endsWith('\n') ? text.slice(0, text.endsWith('\r\n') ? -2 : -1) : text;
}

function isIndented(line: string): boolean {
  const c = line.charCodeAt(0);
  return c === 0x20 || c === 0x09 || c === 0xa0;
}

const EXCEPTION_SUFFIXES = ['Error', 'Exception', 'Interrupt', 'Exit', 'Warning', 'Iteration'];

/** `ValueError: boom`, `KeyError`, `botocore.exceptions.ClientError: …`: a traceback's last line. */
function isExceptionLine(line: string): boolean {
  let i = 0;
  while (i < line.length && i < 200) {
    const c = line.charCodeAt(i);
    const identifier =
      (c >= 0x30 && c <= 0x39) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      c === 0x5f ||
      c === 0x2e;
    if (!identifier) break;
    i++;
  }
  if (i === 0) return false;
  if (i < line.length) return line.charCodeAt(i) === 0x3a; /* : */
  // A bare name (`raise KeyboardInterrupt`) only when it reads as an exception class.
  return EXCEPTION_SUFFIXES.some((suffix) => line.endsWith(suffix));
}

/** The state a head line leaves a fold in (a stack it already opened continues). */
function initialState(line: string): StackState {
  if (line.startsWith('panic: ') || line.startsWith('fatal error: ')) return 'go';
  if (line.includes(PY_TRACEBACK)) return 'python';
  return 'none';
}

/** The state after `line` when it continues the stack, or `undefined` when it starts a record. */
function continuation(line: string, state: StackState, openToTraceback: boolean): StackState | undefined {
  // Every line of pino-pretty's block is indented (keys by four, their JSON and stacks more).
  if (state === 'pinoPretty') return line.startsWith(PINO_PRETTY_INDENT) ? 'pinoPretty' : undefined;
  // PHP's `Stack trace:` after an error line without a stack, then its frames and `thrown in`.
  if (line === PHP_STACK) return openToTraceback ? 'php' : undefined;
  if (state === 'php') return isPhpFrame(line) || line.startsWith(PHP_THROWN) ? 'php' : undefined;
  if (line === PY_TRACEBACK) {
    // A traceback continues a traceback (chained exceptions) or a logger's error line without a
    // stack (`logger.exception`); after anything else it is an uncaught error of its own.
    return state === 'python' || state === 'pythonEnd' || openToTraceback ? 'python' : undefined;
  }
  // Only logging's stack_info writes this head (CPython Logger.findCaller), always after a record.
  if (line === PY_STACK) return 'pythonStack';
  if (state === 'pythonStack') return isIndented(line) ? 'pythonStack' : undefined;
  if (PY_CHAIN.includes(line)) return state === 'python' || state === 'pythonEnd' ? 'python' : undefined;
  if (line === '') return state === 'python' || state === 'pythonEnd' || state === 'go' ? state : undefined;
  if (state === 'python') {
    if (isIndented(line)) return 'python';
    // The closing `Type: message` line ends the traceback (a chained one may follow).
    if (isExceptionLine(line)) return 'pythonEnd';
  }
  if (state === 'go') {
    if (line.startsWith('goroutine ') || isIndented(line) || line.startsWith('created by ')) return 'go';
    if (line.endsWith(')') && line.includes('(')) return 'go';
  }
  if (line.startsWith('goroutine ') && line.endsWith(']:')) return 'go';
  if (isAtFrame(line)) return 'frames';
  const start = line.trimStart();
  if (start.startsWith('Caused by: ') || start.startsWith('Suppressed: ')) return 'frames';
  if (isIndented(line) && (start.startsWith('--- End of ') || start.startsWith('---> '))) return 'frames';
  return undefined;
}

/** A logger's WARNING / ERROR / CRITICAL line that carried no stack of its own yet. */
function awaitsStack(group: Group): boolean {
  const { parsed } = group;
  if (group.lines.length > 0 || parsed.exc_info !== undefined || parsed.format === 'text') return false;
  return parsed.levelname === 'ERROR' || parsed.levelname === 'WARNING' || parsed.levelname === 'CRITICAL';
}

function lastExceptionLine(lines: readonly string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (line !== '' && !isIndented(line)) return line;
  }
  return undefined;
}

/** A head event, its parse, and the continuation lines folded into it. */
interface Group {
  readonly event: LogEvent;
  readonly parsed: ParsedLine;
  readonly lines: string[];
  readonly ids: string[];
  /** The CloudWatch timestamp of each folded line. */
  readonly times: number[];
  /** A PostgreSQL report's DETAIL, HINT, … lines, parsed, one per folded line. */
  parts?: ParsedLine[];
}

/**
 * `java.lang.IllegalStateException: boom` right after a logger's error line that carried no
 * stack, and right before a frame: Log4j2 / Logback print the throwable on the lines after the
 * message, so it belongs to that record, not to one of its own.
 */
function isThrowableHeader(
  group: Group,
  line: string,
  next: LogEvent | MalformedLogEvent | undefined,
): boolean {
  if (!awaitsStack(group)) return false;
  if (next === undefined || !isLogEvent(next) || !isAtFrame(trimmedEnd(next.message))) return false;
  return exceptionStart(line) === 0;
}

function recordOf(group: Group, source: EventSource): ForwarderRecord {
  const { event, parsed, lines, ids } = group;
  if (lines.length === 0) return buildRecord(parsed, source, event.id, event.timestamp);
  if (parsed.format === PINO_PRETTY) {
    // The block is read whole, as pino-pretty's format reads it from one event: its keys are
    // fields, its error's stack exc_info.
    const block = parseEvent([trimmedEnd(event.message), ...lines].join('\n'));
    const whole = buildRecord(block, source, event.id, event.timestamp);
    whole.cloudwatch.folded_ids = ids;
    return whole;
  }
  if (group.parts !== undefined) {
    // A PostgreSQL report: its parts are fields of its record, no stack.
    parsed.fields = withReportParts(parsed.fields, group.parts);
    const record = buildRecord(parsed, source, event.id, event.timestamp);
    record.cloudwatch.folded_ids = ids;
    return record;
  }
  const folded = lines.join('\n').trimEnd();
  const first = lines[0] ?? '';
  if (parsed.exc_info !== undefined) {
    parsed.exc_info = `${parsed.exc_info}\n${folded}`;
  } else if (first === PY_TRACEBACK || first === PY_STACK || exceptionStart(first) === 0) {
    parsed.exc_info = folded;
  } else if (parsed.message === PY_TRACEBACK) {
    // An uncaught Python error printed line by line: the message is its closing line.
    parsed.exc_info = `${parsed.message}\n${folded}`;
    parsed.message = lastExceptionLine(lines) ?? parsed.message;
  } else {
    // Frames without their exception line: the head line is it (`java.lang.X: boom`,
    // `panic: boom`), as when the stack comes in the same event.
    parsed.exc_info = `${parsed.message}\n${folded}`;
  }
  // A call stack alone (stack_info) is no error.
  if (parsed.format === 'text' && parsed.levelname === undefined && first !== PY_STACK)
    parsed.levelname = 'ERROR';
  const record = buildRecord(parsed, source, event.id, event.timestamp);
  record.cloudwatch.folded_ids = ids;
  return record;
}

// Bytes a record may take, less room for what the estimate below leaves out (the `folded_ids`
// and `exc_info` keys, the part marker, a message repeated at the head of `exc_info`).
const RECORD_BUDGET = MAX_BYTES_PER_RECORD - 1024;

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

/**
 * Emits a group's record, or, when its folded lines would take the record past the Firehose
 * per-record limit (a Go `fatal error:` dump of every goroutine reaches it), several records
 * (SPEC §4: split, never cut): the head's record with the first lines that fit, then records
 * whose message is their first line and whose `exc_info` their lines, each `cloudwatch.id` and
 * `folded_ids` naming exactly the events whose text it holds. Every part carries `rejoin_part`
 * (`head_id`, `index` from 1, `count`) so the dump can be read back in order.
 */
function emitGroup(group: Group, source: EventSource, sink: (record: ForwarderRecord) => void): void {
  const { event, parsed, lines, ids, times } = group;
  if (lines.length === 0) {
    sink(recordOf(group, source));
    return;
  }
  // Each line costs its JSON string's bytes (the quotes pay for the `\n` joining it) and its id.
  const costs = lines.map((line, i) => jsonBytes(line) + jsonBytes(ids[i]) + 1);
  const headBase =
    jsonBytes(buildRecord({ ...parsed }, source, event.id, event.timestamp)) + jsonBytes(parsed.message);
  const total = costs.reduce((sum, cost) => sum + cost, 0);
  if (headBase + total <= RECORD_BUDGET) {
    sink(recordOf(group, source));
    return;
  }
  const cuts = [takeWhileFits(costs, 0, headBase)];
  while ((cuts[cuts.length - 1] ?? lines.length) < lines.length) {
    const start = cuts[cuts.length - 1] ?? lines.length;
    const base = jsonBytes(partRecord(parsed, lines[start] ?? '', source, ids[start] ?? '', 0)) * 2;
    cuts.push(takeWhileFits(costs, start, base));
  }
  const count = cuts.length;
  const headEnd = cuts[0] ?? lines.length;
  const head = recordOf(
    {
      event,
      parsed,
      lines: lines.slice(0, headEnd),
      ids: ids.slice(0, headEnd),
      times: [],
      parts: group.parts?.slice(0, headEnd),
    },
    source,
  );
  head.rejoin_part = { head_id: event.id, index: 1, count };
  sink(head);
  const inherited = {
    levelname: head.levelname,
    name: head.name,
    aws_request_id: head.aws_request_id,
    format: parsed.format,
  };
  for (let part = 1; part < count; part++) {
    const start = cuts[part - 1] ?? lines.length;
    const end = cuts[part] ?? lines.length;
    const record = partRecord(
      inherited,
      lines.slice(start, end).join('\n'),
      source,
      ids[start] ?? '',
      times[start] ?? 0,
    );
    record.message = lines[start] ?? '';
    if (end - start > 1) record.cloudwatch.folded_ids = ids.slice(start + 1, end);
    record.rejoin_part = { head_id: event.id, index: part + 1, count };
    sink(record);
  }
}

/** The end of the run of lines from `start` whose costs fit beside `base` (at least one line). */
function takeWhileFits(costs: readonly number[], start: number, base: number): number {
  let used = base;
  let end = start;
  while (end < costs.length) {
    const cost = costs[end] ?? 0;
    if (end > start && used + cost > RECORD_BUDGET) break;
    used += cost;
    end++;
  }
  return end;
}

/** A later part of a split group: the head's level, name and request id, `text` as its stack. */
function partRecord(
  head: Pick<ParsedLine, 'levelname' | 'name' | 'aws_request_id' | 'format'>,
  text: string,
  source: EventSource,
  id: string,
  timestamp: number,
): ForwarderRecord {
  return buildRecord(
    {
      message: '',
      exc_info: text,
      levelname: head.levelname ?? 'ERROR',
      name: head.name,
      aws_request_id: head.aws_request_id,
      format: head.format,
    },
    source,
    id,
    timestamp,
  );
}
