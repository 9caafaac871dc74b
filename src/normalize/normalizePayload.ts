import {
  isLogEvent,
  type DataMessage,
  type LogEvent,
  type MalformedLogEvent,
} from '../decode/subscriptionPayload.js';
import { exceptionStart, isAtFrame, PY_TRACEBACK } from './formats/stacks.js';
import type { ParsedLine } from './logFormat.js';
import {
  buildRecord,
  defaultNameOf,
  normalizeEvent,
  normalizeMalformed,
  type EventSource,
} from './normalizeEvent.js';
import { parseLine } from './parseLine.js';
import type { ForwarderRecord } from './record.js';

export interface NormalizeOptions {
  /** The forwarder's own log group: its events are never forwarded (SPEC §4 loop guard). */
  readonly ownLogGroup?: string | undefined;
  /**
   * Fold stack-trace lines that arrived as events of their own into the record of the line
   * before them (`REJOIN_MULTILINE`, off by default). See {@link normalizePayload}.
   */
  readonly rejoinMultiline?: boolean | undefined;
}

/**
 * One record per log event, in payload order (SPEC §2). A payload from the forwarder's own log
 * group yields none, so a misconfigured subscription cannot feed the forwarder its own output.
 *
 * With `rejoinMultiline`, a runtime that wrote a stack trace one line per event (stdout without
 * Lambda's telemetry framing, containers) gets it back in one record: continuation events of the
 * same payload are appended to the `exc_info` of the record before them (lines joined with `\n`),
 * and their ids are kept under `cloudwatch.folded_ids`. Continuations are: `Traceback (most
 * recent call last):` after a logger's WARNING/ERROR/CRITICAL line without a stack, and what
 * follows a traceback (indented `File "…"` frames and their code lines, the closing `Type:
 * message` line, chained exceptions); a traceback after any other line is an uncaught error and
 * starts a record of its own, whose message is its closing line; indented `at …` frames of
 * Java, Node.js and .NET; `Caused by:` / `Suppressed:`; `... N more`; .NET's `--- End of …` and
 * ` ---> ` lines; Go's `goroutine N […]:` and its frames after a `panic:`; and the throwable's own
 * line (`java.lang.X: boom`) between a logger's ERROR / WARNING line without a stack and a frame. A plain-text line
 * whose record gains a stack becomes ERROR, as it would had the stack come in the same event.
 */
export function normalizePayload(payload: DataMessage, options: NormalizeOptions = {}): ForwarderRecord[] {
  const records: ForwarderRecord[] = [];
  forEachRecord(payload, options, (record) => {
    records.push(record);
  });
  return records;
}

/**
 * {@link normalizePayload}, handing each record to `sink` as soon as it is built, in order,
 * instead of returning them all: a caller that encodes each record at once never holds every
 * record object at the same time, and they die young (cheap to collect).
 */
export function forEachRecord(
  payload: DataMessage,
  options: NormalizeOptions,
  sink: (record: ForwarderRecord) => void,
): void {
  if (options.ownLogGroup !== undefined && payload.logGroup === options.ownLogGroup) return;
  const source: EventSource = {
    logGroup: payload.logGroup,
    logStream: payload.logStream,
    owner: payload.owner,
    defaultName: defaultNameOf(payload.logGroup, payload.logStream),
  };
  if (options.rejoinMultiline === true) {
    rejoinPayload(payload, source, sink);
    return;
  }
  const events = payload.logEvents;
  let lastTime = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event === undefined) continue;
    if (isLogEvent(event)) {
      sink(normalizeEvent(event, source));
      lastTime = event.timestamp;
    } else {
      sink(normalizeMalformed(event, source, lastTime));
    }
  }
}

/** Where a stack being folded stands: what the next line may continue. */
type StackState = 'none' | 'python' | 'pythonEnd' | 'frames' | 'go';

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
  if (line === PY_TRACEBACK) {
    // A traceback continues a traceback (chained exceptions) or a logger's error line without a
    // stack (`logger.exception`); after anything else it is an uncaught error of its own.
    return state === 'python' || state === 'pythonEnd' || openToTraceback ? 'python' : undefined;
  }
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
  const folded = lines.join('\n').trimEnd();
  const first = lines[0] ?? '';
  if (parsed.exc_info !== undefined) {
    parsed.exc_info = `${parsed.exc_info}\n${folded}`;
  } else if (first === PY_TRACEBACK || exceptionStart(first) === 0) {
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
  if (parsed.format === 'text' && parsed.levelname === undefined) parsed.levelname = 'ERROR';
  const record = buildRecord(parsed, source, event.id, event.timestamp);
  record.cloudwatch.folded_ids = ids;
  return record;
}

function rejoinPayload(
  payload: DataMessage,
  source: EventSource,
  sink: (record: ForwarderRecord) => void,
): void {
  let group: Group | undefined;
  let state: StackState = 'none';
  let lastTime = 0;
  const events = payload.logEvents;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event === undefined) continue;
    if (!isLogEvent(event)) {
      if (group !== undefined) sink(recordOf(group, source));
      group = undefined;
      sink(normalizeMalformed(event, source, lastTime));
      continue;
    }
    lastTime = event.timestamp;
    const line = trimmedEnd(event.message);
    let next: StackState | undefined =
      group === undefined ? undefined : continuation(line, state, awaitsStack(group));
    if (group !== undefined && next === undefined && isThrowableHeader(group, line, events[i + 1]))
      next = 'frames';
    if (group !== undefined && next !== undefined) {
      group.lines.push(line);
      group.ids.push(event.id);
      state = next;
      continue;
    }
    if (group !== undefined) sink(recordOf(group, source));
    group = { event, parsed: parseLine(event.message), lines: [], ids: [] };
    state = initialState(line);
  }
  if (group !== undefined) sink(recordOf(group, source));
}
