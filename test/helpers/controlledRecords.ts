import {
  compileControls,
  createPayloadControls,
  emptyControlCounts,
  type ControlCounts,
} from '../../src/controls/applyControls.js';
import { readControlSettings, type ControlInput } from '../../src/controls/settings.js';
import type { DataMessage } from '../../src/decode/subscriptionPayload.js';
import { forEachRecord, type NormalizeOptions } from '../../src/normalize/normalizePayload.js';
import type { ForwarderRecord } from '../../src/normalize/record.js';
import { eventId, FIRST_EVENT_TIME } from './subscriptionEvent.js';

export const LAMBDA_STREAM = '2026/11/23/[$LATEST]0123456789abcdef0123456789abcdef';

/** A payload of `/aws/lambda/<fn>` with one event per line (ids from `eventId`, 1 ms apart). */
export function lambdaPayload(
  lines: readonly string[],
  logStream = LAMBDA_STREAM,
  fn = 'orders',
): DataMessage {
  return {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: `/aws/lambda/${fn}`,
    logStream,
    subscriptionFilters: ['test'],
    logEvents: lines.map((message, i) => ({ id: eventId(i), timestamp: FIRST_EVENT_TIME + i, message })),
  };
}

/**
 * Normalize (with `normalize`'s options) + controls (as forwardLogs runs them) over `payload`,
 * with `input` over the defaults.
 */
export function controlled(
  payload: DataMessage,
  input: ControlInput,
  normalize: NormalizeOptions = {},
): { records: ForwarderRecord[]; counts: ControlCounts } {
  const { settings, problems } = readControlSettings(input);
  if (problems.length > 0) throw new Error(`bad test settings: ${JSON.stringify(problems)}`);
  const records: ForwarderRecord[] = [];
  const counts = emptyControlCounts();
  const controls = createPayloadControls(
    compileControls(settings),
    payload.logStream,
    (record) => records.push(record),
    counts,
  );
  forEachRecord(payload, normalize, controls.push);
  controls.end();
  return { records, counts };
}
