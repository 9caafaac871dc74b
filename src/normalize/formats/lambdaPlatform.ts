import type { LevelName } from '../record.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { isIsoTimestampAt, requestIdOf } from './envelope.js';
import { splitLines } from './stacks.js';

/**
 * Lambda's own lines in a function's log stream (LogFormat: Text). The record keeps what they
 * say under `lambda`, named as in the JSON log format's platform records (Telemetry API schema:
 * `lambda.type` `platform.report`, `lambda.metrics.durationMs`, `lambda.status`, …) so text and
 * JSON functions can be queried alike. INFO, except timeouts, runtime exits, out-of-memory and
 * any `Status:` other than `success` (ERROR).
 * - `START RequestId: <id> Version: $LATEST`, `END RequestId: <id>`
 * - `REPORT RequestId: <id>\tDuration: 102.35 ms\tBilled Duration: 103 ms\tMemory Size: 128 MB\t
 *   Max Memory Used: 70 MB\tInit Duration: 325.92 ms\t[Status: timeout\t][Error Type: …\t]`,
 *   optionally followed by `\nXRAY TraceId: 1-…\tSegmentId: …\tSampled: true\t`
 * - `INIT_START Runtime Version: python:3.13.v14\tRuntime Version ARN: arn:aws:lambda:…`,
 *   `INIT_REPORT Init Duration: 10000.15 ms\tPhase: init\tStatus: timeout`,
 *   `RESTORE_START …`, `RESTORE_REPORT Restore Duration: 571.67 ms`
 * - `EXTENSION\tName: x\tState: Ready\tEvents: [INVOKE, SHUTDOWN]`, `TELEMETRY\tName: …\tState:
 *   Subscribed\tTypes: [Platform]`, `LOGS\tName: …\tState: Subscribed\tTypes: […]`
 * - `<ISO> <id> Task timed out after 3.00 seconds` (spaces or tabs; also without the prefix)
 * - `RequestId: <id> Error: Runtime exited with error: signal: killed\nRuntime.ExitError`,
 *   `RequestId: <id> Error: Runtime exited without providing a reason`,
 *   `RequestId: <id> Process exited before completing request`
 * Checked against https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html,
 * …/runtime-management-identify.html (INIT_START), …/telemetry-schema-reference.html (the JSON
 * names), …/lambda-runtime-environment.html (INIT_REPORT, timeouts) and
 * …/troubleshooting-invocation.html (Runtime.ExitError, out of memory).
 */

const NAME = 'lambda-platform';

// `Key: value` parts of REPORT / INIT_REPORT / RESTORE_REPORT → Telemetry API metric names.
const METRICS: Readonly<Record<string, string>> = {
  Duration: 'durationMs',
  'Billed Duration': 'billedDurationMs',
  'Memory Size': 'memorySizeMB',
  'Max Memory Used': 'maxMemoryUsedMB',
  'Init Duration': 'initDurationMs',
  'Restore Duration': 'restoreDurationMs',
  'Billed Restore Duration': 'billedRestoreDurationMs',
};

const PROPERTIES: Readonly<Record<string, string>> = {
  Status: 'status',
  'Error Type': 'errorType',
  Phase: 'phase',
  Version: 'version',
  'Runtime Version': 'runtimeVersion',
  'Runtime Version ARN': 'runtimeVersionArn',
  Name: 'name',
  State: 'state',
  Events: 'events',
  Types: 'types',
};

const XRAY: Readonly<Record<string, string>> = {
  TraceId: 'traceId',
  SegmentId: 'segmentId',
  Sampled: 'sampled',
};

// Values never hold two spaces in a row, so runs of spaces separate parts as tabs do.
const PART_SEPARATOR = /\t| {2,}/;

/** Reads the tab-separated `Key: value` parts after the line's keyword into `lambda`. */
function readParts(text: string, lambda: Record<string, unknown>): void {
  const metrics: Record<string, number> = {};
  let hasMetrics = false;
  // CloudWatch keeps Lambda's tabs; copies from `--log-type Tail` or a console show spaces. A
  // split on the tab alone where no two spaces stand in a row (every line CloudWatch delivers):
  // the bench's 4,795 START/END/REPORT lines parsed in 9.2 ms instead of 9.7 with the regex.
  const parts = text.includes('  ') ? text.split(PART_SEPARATOR) : text.split('\t');
  for (const part of parts) {
    const colon = part.indexOf(': ');
    if (colon < 0) continue;
    const key = part.slice(0, colon).trim();
    const value = part.slice(colon + 2).trim();
    const metric = METRICS[key];
    if (metric !== undefined) {
      const number = Number.parseFloat(value);
      if (!Number.isNaN(number)) {
        metrics[metric] = number;
        hasMetrics = true;
      }
      continue;
    }
    const property = PROPERTIES[key];
    if (property === 'events' || property === 'types') lambda[property] = listOf(value);
    else if (property !== undefined) lambda[property] = value;
  }
  if (hasMetrics) lambda.metrics = metrics;
}

/** `[INVOKE, SHUTDOWN]` → `['INVOKE', 'SHUTDOWN']`. */
function listOf(value: string): string[] {
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function readXray(text: string): Record<string, unknown> {
  const xray: Record<string, unknown> = {};
  for (const part of text.split('\t')) {
    const colon = part.indexOf(': ');
    if (colon < 0) continue;
    const key = XRAY[part.slice(0, colon).trim()];
    const value = part.slice(colon + 2).trim();
    if (key !== undefined) xray[key] = key === 'sampled' ? value === 'true' : value;
  }
  return xray;
}

function statusLevel(lambda: Record<string, unknown>): LevelName {
  const status = lambda.status;
  return typeof status === 'string' && status !== 'success' ? 'ERROR' : 'INFO';
}

/** `REPORT`, `INIT_REPORT`, `START`, … : the keyword, its parts, an optional XRAY line. */
function parseKeywordLine(line: string, keyword: string, type: string): ParsedLine {
  const lambda: Record<string, unknown> = { type };
  const lines = line.includes('\n') ? splitLines(line) : [line];
  const first = lines[0] ?? '';
  let requestId: string | undefined;
  let rest = first.slice(keyword.length);
  if (rest.startsWith(' RequestId: ')) {
    const idStart = keyword.length + 12;
    const idEnd = requestIdEnd(first, idStart);
    requestId = requestIdOf(first.slice(idStart, idEnd));
    rest = first.slice(idEnd);
    // START's ` Version: $LATEST` is space-separated.
    if (rest.startsWith(' Version: ')) rest = `\t${rest.slice(1)}`;
  }
  // INIT_START / RESTORE_START put a space, not a tab, before their first part.
  readParts(rest.startsWith(' ') ? `\t${rest.slice(1)}` : rest, lambda);
  for (let i = 1; i < lines.length; i++) {
    const extra = lines[i] ?? '';
    if (extra.startsWith('XRAY ')) lambda.xray = readXray(extra.slice(5));
  }
  return {
    message: lines.join('\n').trim(),
    levelname: statusLevel(lambda),
    aws_request_id: requestId,
    fields: { lambda },
    format: NAME,
  };
}

/** The request id after `<keyword> RequestId: `, up to the first space or control character. */
function requestIdEnd(line: string, start: number): number {
  let end = start;
  while (end < line.length && line.charCodeAt(end) > 0x20) end++;
  return end;
}

// The three lines as Lambda writes them. The request id runs to the first space or control
// character, as `requestIdEnd` reads it (`!-\uffff`: every UTF-16 unit above a space); it may be
// empty, but not in START, where that leaves a double space. START's version and REPORT's values
// are free text with no tab or line break; REPORT's values come in the order Lambda writes them
// (their `metrics` names are written out in `parseCommonLine`, in the same order), `Init Duration`
// only after a cold start.
const START_LINE = /^START RequestId: ([!-\uffff]+) Version: ([^\t\n\r]+)$/;
const END_LINE = /^END RequestId: ([!-\uffff]*)$/;
const REPORT_LINE =
  /^REPORT RequestId: ([!-\uffff]*)\tDuration: ([^\t\n\r]*)\tBilled Duration: ([^\t\n\r]*)\tMemory Size: ([^\t\n\r]*)\tMax Memory Used: ([^\t\n\r]*)\t(?:Init Duration: ([^\t\n\r]*)\t)?$/;

/** A REPORT value (`434.61 ms`) as its number; NaN when it is none or starts or holds a double space. */
function metricOf(value: string | undefined): number {
  if (value === undefined || value.charCodeAt(0) <= 0x20 || value.includes('  ')) return Number.NaN;
  return Number.parseFloat(value);
}

/**
 * `START RequestId: <id> Version: <v>`, `END RequestId: <id>` and `REPORT RequestId: <id>\t…`
 * with its four or five metrics each followed by a tab, exactly as Lambda writes them (one line,
 * no X-Ray part, no status, no double space): the same result as {@link parseKeywordLine}, read by
 * one regex instead of split into parts; any other layout is undefined and goes to the general
 * reader. Why: these three are a quarter of a function's events (4,795 of the bench's 18,072), and
 * the general reader (split, trim and look up every part, build `metrics` key by key) took 2.0 µs
 * a line; reading at fixed places 1.1 µs (bench/README.md, "What the measurements changed"); the
 * regex, instead of those places' character loop, three searches of the whole line and a slice per
 * value, 0.35 µs a REPORT line instead of 0.77–0.83 (medians of 61 runs over 1,600 lines). A
 * property test holds it to the fixed-place reading it replaced.
 */
export function parseCommonLine(line: string, keyword: string, type: string): ParsedLine | undefined {
  let id: string;
  let lambda: Record<string, unknown>;
  let message = line;
  if (keyword === 'END') {
    const match = END_LINE.exec(line);
    if (match === null) return undefined;
    id = match[1] ?? '';
    lambda = { type };
  } else if (keyword === 'START') {
    const match = START_LINE.exec(line);
    if (match === null) return undefined;
    const version = match[2] ?? '';
    const first = version.charCodeAt(0);
    const last = version.charCodeAt(version.length - 1);
    if (first <= 0x20 || last <= 0x20 || version.includes('  ')) return undefined;
    id = match[1] ?? '';
    lambda = { type, version };
  } else {
    const match = REPORT_LINE.exec(line);
    if (match === null) return undefined;
    const metrics: Record<string, number> = {
      durationMs: metricOf(match[2]),
      billedDurationMs: metricOf(match[3]),
      memorySizeMB: metricOf(match[4]),
      maxMemoryUsedMB: metricOf(match[5]),
    };
    for (const key in metrics) if (Number.isNaN(metrics[key])) return undefined;
    if (match[6] !== undefined) {
      const init = metricOf(match[6]);
      if (Number.isNaN(init)) return undefined;
      metrics.initDurationMs = init;
    }
    id = match[1] ?? '';
    lambda = { type, metrics };
    message = line.slice(0, -1);
  }
  return { message, levelname: 'INFO', aws_request_id: requestIdOf(id), fields: { lambda }, format: NAME };
}

/** `EXTENSION\tName: x\tState: Ready\tEvents: [INVOKE,SHUTDOWN]` and its siblings. */
function parseSubscriberLine(line: string, keyword: string, type: string): ParsedLine {
  const lambda: Record<string, unknown> = { type };
  readParts(line.slice(keyword.length), lambda);
  const state = lambda.state;
  const failed = lambda.errorType !== undefined || (typeof state === 'string' && /error|fail/i.test(state));
  return {
    message: line.trim(),
    levelname: failed ? 'ERROR' : 'INFO',
    fields: { lambda },
    format: NAME,
  };
}

const KEYWORDS: readonly (readonly [string, string])[] = [
  ['START', 'platform.start'],
  ['END', 'platform.end'],
  ['REPORT', 'platform.report'],
  ['INIT_START', 'platform.initStart'],
  ['INIT_REPORT', 'platform.initReport'],
  ['RESTORE_START', 'platform.restoreStart'],
  ['RESTORE_REPORT', 'platform.restoreReport'],
];

const SUBSCRIBERS: readonly (readonly [string, string])[] = [
  ['EXTENSION', 'platform.extension'],
  ['TELEMETRY', 'platform.telemetrySubscription'],
  ['LOGS', 'platform.logsSubscription'],
];

const TIMED_OUT = 'Task timed out after ';
const TIMEOUT_WINDOW = 140;
const REQUEST_ID = 'RequestId: ';

/** `[<ISO> <id> ]Task timed out after 3.00 seconds`, with spaces or tabs, or undefined. */
function parseTimeout(line: string): ParsedLine | undefined {
  // Only the runtime's own prefix may stand before it (a time and a request id): the search
  // stays within the head of the line, so other lines starting with a digit pay next to nothing.
  const head = line.length > TIMEOUT_WINDOW ? line.slice(0, TIMEOUT_WINDOW) : line;
  const at = head.indexOf(TIMED_OUT);
  if (at < 0 || at > 100) return undefined;
  let requestId: string | undefined;
  if (at > 0) {
    const prefix = line
      .slice(0, at)
      .trim()
      .split(/[ \t]+/);
    if (prefix.length > 2) return undefined;
    const [time, id] = prefix;
    if (time === undefined || !isIsoTimestampAt(time, 0, time.length)) return undefined;
    requestId = id === undefined ? undefined : requestIdOf(id);
  }
  const message = line.slice(at).trim();
  const seconds = Number.parseFloat(message.slice(TIMED_OUT.length));
  const lambda: Record<string, unknown> = { type: 'platform.timeout', status: 'timeout' };
  if (!Number.isNaN(seconds)) lambda.timeoutSeconds = seconds;
  return { message, levelname: 'ERROR', aws_request_id: requestId, fields: { lambda }, format: NAME };
}

/**
 * `RequestId: <id> Error: Runtime exited with error: signal: killed\nRuntime.ExitError` and
 * `Error: Runtime exited …` / `RequestId: <id> Process exited before completing request`.
 */
function parseRuntimeExit(line: string): ParsedLine | undefined {
  let requestId: string | undefined;
  let text = line;
  // `RequestId:  Error: …` (after a timeout, no request is current): the label stays in the message.
  let label = '';
  if (line.startsWith(REQUEST_ID)) {
    const space = line.indexOf(' ', REQUEST_ID.length);
    if (space < 0 || space > 80) return undefined;
    requestId = requestIdOf(line.slice(REQUEST_ID.length, space));
    text = line.slice(space + 1);
    if (requestId === undefined) label = line.slice(0, space + 1);
  }
  const exited =
    text.startsWith('Error: Runtime exited') ||
    text.startsWith('Process exited before completing request') ||
    text.startsWith('Error: Runtime failed') ||
    (requestId !== undefined && text.startsWith('Error: '));
  if (!exited) return undefined;
  const lines = splitLines(text.trim());
  const message = label + (lines[0] ?? '').trim();
  const errorType = lines.length > 1 ? (lines[lines.length - 1] ?? '').trim() : 'Runtime.ExitError';
  const lambda: Record<string, unknown> = { type: 'platform.runtimeDone', status: 'error', errorType };
  if (message.includes('signal: killed')) lambda.signal = 'killed';
  return {
    message,
    levelname: 'ERROR',
    aws_request_id: requestId,
    exc_info: lines.length > 1 ? lines.join('\n') : undefined,
    fields: { lambda },
    format: NAME,
  };
}

export const lambdaPlatform: TextFormat = {
  name: NAME,
  parse(line) {
    const c = line.charCodeAt(0);
    // Every keyword is upper case; one character tells most lines apart at no cost.
    if (c >= 0x41 && c <= 0x5a) {
      for (const [keyword, type] of KEYWORDS) {
        if (
          line.startsWith(keyword) &&
          (line.charCodeAt(keyword.length) === 0x20 || line.length === keyword.length)
        ) {
          if (keyword === 'START' || keyword === 'END' || keyword === 'REPORT') {
            if (!line.startsWith(' RequestId: ', keyword.length)) continue;
            const common = parseCommonLine(line, keyword, type);
            if (common !== undefined) return common;
          }
          return parseKeywordLine(line, keyword, type);
        }
      }
      if (line.startsWith('XRAY TraceId: ')) {
        // The X-Ray line of a REPORT, when it arrives as an event of its own.
        return {
          message: line.trim(),
          levelname: 'INFO',
          fields: { lambda: { type: 'platform.xray', xray: readXray(line.slice(5)) } },
          format: NAME,
        };
      }
      for (const [keyword, type] of SUBSCRIBERS) {
        if (line.startsWith(keyword) && line.startsWith('\tName: ', keyword.length)) {
          return parseSubscriberLine(line, keyword, type);
        }
      }
      if (c === 0x52 /* R */ || c === 0x45 /* E */ || c === 0x50 /* P */) {
        const exit = parseRuntimeExit(line);
        if (exit !== undefined) return exit;
      }
    }
    // `Task timed out …` alone, or after the runtime's ISO time: nothing else needs the scan.
    if (c === 0x54 /* T */ || (c >= 0x30 && c <= 0x39)) return parseTimeout(line);
    return undefined;
  },
};
