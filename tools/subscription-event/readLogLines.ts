import type { EventInput } from './encodeSubscriptionEvent.js';

/**
 * Log events from a file a user has: either the JSON that `aws logs filter-log-events` or
 * `aws logs get-log-events` prints (`{"events":[{"timestamp","message",…}]}`), which keeps
 * multi-line events whole, or plain text with one event per line.
 */
export function readLogLines(text: string): EventInput[] {
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
        const e = entry as { message: string; timestamp?: unknown; eventId?: unknown };
        return {
          message: e.message,
          ...(typeof e.timestamp === 'number' ? { timestamp: e.timestamp } : {}),
          ...(typeof e.eventId === 'string' ? { id: e.eventId } : {}),
        };
      });
    }
  }
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((message) => ({ message }));
}
