import { COLLISIONS_KEY, type ForwarderRecord } from '../normalize/record.js';

/**
 * `tags` (SPEC §6) and, always on, `function_version` from the Lambda log stream's name:
 * `2024/01/01/[$LATEST]0123…` → `$LATEST`, `2024/01/01/[12]0123…` → `12`.
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html (log stream names)
 */

const STREAM_VERSION = /^\d{4}\/\d{2}\/\d{2}\/\[([^\]]{1,128})\]/;

/** The function version a Lambda log stream's name states, or `undefined` for other streams. */
export function functionVersionOf(logStream: string): string | undefined {
  return STREAM_VERSION.exec(logStream)?.[1];
}

/**
 * Sets a key the forwarder owns on a record; a line's own value for it moves to
 * `original_fields`, as for the record's other reserved keys (SPEC §3: nothing is overwritten).
 */
export function setOwnField(record: ForwarderRecord, key: string, value: unknown): void {
  const own = record[key];
  if (own !== undefined && own !== value) {
    const kept = record[COLLISIONS_KEY];
    const moved: Record<string, unknown> = kept === undefined ? {} : { ...kept };
    if (!(key in moved)) moved[key] = own;
    record[COLLISIONS_KEY] = moved;
  }
  record[key] = value;
}
