import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config.js';
import { encodePayloadRecords } from '../../../src/forwardLogs.js';
import { lambdaPayload } from '../../helpers/controlledRecords.js';

/**
 * Nothing disappears uncounted: for any mix of stack lines, platform lines and levels, with rejoin
 * and the controls that remove records on or off, every event of a payload is a record, an event
 * rejoined into one (`RecordsRejoined`), a record dropped (`RecordsDropped`) or folded into its
 * REPORT (`RecordsFolded`).
 */

const R = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';
const LINES = [
  `START RequestId: ${R} Version: $LATEST`,
  `END RequestId: ${R}`,
  `REPORT RequestId: ${R}\tDuration: 1.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t`,
  `[DEBUG]\t2026-11-23T02:00:00.001Z\t${R}\tcache warm`,
  `[INFO]\t2026-11-23T02:00:00.002Z\t${R}\tcharging order 42`,
  `[ERROR]\t2026-11-23T02:00:00.003Z\t${R}\tcould not charge card`,
  'Traceback (most recent call last):',
  '  File "/var/task/app.py", line 41, in charge',
  'gateway.GatewayError: declined',
  'Stack (most recent call last):',
  'java.lang.IllegalStateException: stock is negative',
  '\tat com.example.orders.OrderService.reserve(OrderService.java:57)',
  'Caused by: java.lang.ArithmeticException: overflow',
  '\t... 2 more',
  'plain print',
];

const settings = fc.record({
  rejoin: fc.boolean(),
  platformLines: fc.constantFrom('keep', 'fold', 'drop'),
  minLevel: fc.constantFrom('DEBUG', 'INFO', 'ERROR'),
});

describe('the counts of one payload', () => {
  it('add up to its events: records + rejoined + dropped + folded', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 40 }), settings, (lines, s) => {
        const artefact = JSON.stringify({
          stage: { platformLines: s.platformLines, minLevel: s.minLevel },
          groups: {},
        });
        const config = readConfig(
          { DELIVERY_STREAM_NAME: 's', REJOIN_MULTILINE: String(s.rejoin) },
          artefact,
        );
        const { encoded, counts, rejoined } = encodePayloadRecords(lambdaPayload(lines), config);
        const { level, sampled, platform } = counts.dropped;
        expect(encoded.length + rejoined + level + sampled + platform + counts.folded).toBe(lines.length);
        if (!s.rejoin) expect(rejoined).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
