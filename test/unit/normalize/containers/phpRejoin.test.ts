import { describe, expect, it } from 'vitest';
import type { DataMessage } from '../../../../src/decode/subscriptionPayload.js';
import { normalizePayload } from '../../../../src/normalize/normalizePayload.js';

/**
 * The `awslogs` driver cuts FPM's relay of an uncaught exception at each newline (one event per
 * line, ModestCoders/dockerfiles#18): with rejoin on, `Stack trace:`, its `#N` frames and
 * `thrown in` join the report's record, as when the report comes in one event (rejoin.ts).
 */
function payload(lines: readonly string[]): DataMessage {
  return {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: '/ecs/shop',
    logStream: 'shop/php/0123456789abcdef',
    subscriptionFilters: ['cwl-forwarder'],
    logEvents: lines.map((message, i) => ({ id: `id-${i}`, timestamp: 1_700_000_000_000 + i, message })),
  };
}

const REPORT = [
  'NOTICE: PHP message: PHP Fatal error:  Uncaught Error: Call to a member function testFatalError() on null in /var/www/html/pub/index.php:11',
  'Stack trace:',
  '#0 {main}',
  '  thrown in /var/www/html/pub/index.php on line 11',
];

describe("rejoin of PHP's uncaught-exception report (rejoin.ts)", () => {
  it('folds the stack into the report, as one event would give it', () => {
    const records = normalizePayload(
      payload([...REPORT, '- -  01/Jul/2020:15:34:08 +0000 "GET /index.php" 500']),
      {
        rejoinMultiline: true,
      },
    );
    expect(records).toHaveLength(2);
    const [report, access] = records;
    expect(report).toMatchObject({
      levelname: 'CRITICAL',
      log_format: 'php-error',
      message: REPORT[0]?.slice('NOTICE: PHP message: '.length),
      exc_info: `${REPORT[0]?.slice('NOTICE: PHP message: '.length)}\n${REPORT.slice(1).join('\n')}`,
    });
    expect(report?.cloudwatch.folded_ids).toEqual(['id-1', 'id-2', 'id-3']);
    expect(access).toMatchObject({ log_format: 'php-fpm-access', levelname: 'ERROR' });
  });

  it('leaves a `Stack trace:` line after an INFO line alone', () => {
    const records = normalizePayload(payload(['NOTICE: PHP message: test', 'Stack trace:', '#0 {main}']), {
      rejoinMultiline: true,
    });
    expect(records).toHaveLength(3);
  });
});
