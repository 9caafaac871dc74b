import { encodeRecord } from '../../src/batch/encodeRecord.js';
import { normalizeEvent } from '../../src/normalize/normalizeEvent.js';
import { checkConservation } from './conservation.js';
import { lambdaEventSource } from './eventSource.js';

/**
 * One line as the forwarder ships it from `/aws/lambda/<fn>` (an event at 2023-11-01T10:47:57.081Z):
 * the record read back from its encoded bytes, and the line's tokens the record lost.
 */
export function shippedLine(
  line: string,
  fn: string,
): { record: Record<string, unknown>; missing: string[] } {
  const data = encodeRecord(
    normalizeEvent(
      { id: 'e1', timestamp: Date.UTC(2023, 10, 1, 10, 47, 57, 81), message: line },
      lambdaEventSource(fn),
    ),
  ).data.toString('utf8');
  return {
    record: JSON.parse(data) as Record<string, unknown>,
    missing: checkConservation(line, data).missing,
  };
}
