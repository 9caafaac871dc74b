import type { EventInput } from './encodeSubscriptionEvent.js';

/** A log event read from a user's file, with the log stream it came from when the file says. */
export interface LogLine extends EventInput {
  /** `logStreamName` of a `filter-log-events` entry. */
  readonly logStream?: string;
}

/**
 * An ISO 8601-like time near the start of a line (`2024-01-31T12:00:00.123Z`,
 * `2024-01-31 12:00:00,123 +0100`, Lambda's `[ERROR]\t2024-01-31T12:00:00.123Z\t…`): date, time,
 * optional fraction, optional zone (none means UTC, as Lambda's runtimes write it).
 */
const LINE_TIME =
  /(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?\s?(Z|[+-]\d\d:?\d\d)?(?![\d:])/;

/** How far into a line its own time may start (after a level or a bracket, not in the message). */
const LINE_TIME_WITHIN = 40;

/** The epoch milliseconds of the time a text line starts with, or `undefined` when it has none. */
export function lineTimestamp(line: string): number | undefined {
  const match = LINE_TIME.exec(line.slice(0, LINE_TIME_WITHIN + 40));
  if (match === null || match.index > LINE_TIME_WITHIN) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const millis = `${fraction}000`.slice(0, 3);
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const time = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${offset}`);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Log events from a file a user has: either the JSON that `aws logs filter-log-events` or
 * `aws logs get-log-events` prints (`{"events":[{"timestamp","message","logStreamName"?,…}]}`),
 * which keeps multi-line events whole and their streams, or plain text with one event per line,
 * each at the time it starts with when it has one.
 */
export function readLogLines(text: string): LogLine[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      parsed = undefined;
    }
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      Array.isArray((parsed as { events?: unknown }).events)
    ) {
      return (parsed as { events: unknown[] }).events.map((entry, index) => {
        if (
          typeof entry !== 'object' ||
          entry === null ||
          typeof (entry as { message?: unknown }).message !== 'string'
        ) {
          throw new TypeError(`events[${index}] has no string "message"`);
        }
        const e = entry as {
          message: string;
          timestamp?: unknown;
          eventId?: unknown;
          logStreamName?: unknown;
        };
        return {
          message: e.message,
          ...(typeof e.timestamp === 'number' ? { timestamp: e.timestamp } : {}),
          ...(typeof e.eventId === 'string' ? { id: e.eventId } : {}),
          ...(typeof e.logStreamName === 'string' ? { logStream: e.logStreamName } : {}),
        };
      });
    }
  }
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((message) => {
    const timestamp = lineTimestamp(message);
    return timestamp === undefined ? { message } : { message, timestamp };
  });
}

/**
 * The events grouped by log stream, in order of first appearance (CloudWatch Logs sends one
 * subscription payload per stream); events with no stream of their own go to `defaultStream`.
 */
export function byLogStream(
  lines: readonly LogLine[],
  defaultStream: string,
): { logStream: string; events: EventInput[] }[] {
  const groups = new Map<string, EventInput[]>();
  for (const { logStream, ...event } of lines) {
    const stream = logStream ?? defaultStream;
    groups.set(stream, [...(groups.get(stream) ?? []), event]);
  }
  return [...groups].map(([logStream, events]) => ({ logStream, events }));
}
