import { describe, expect, it } from 'vitest';
import { encodeRecord } from '../../../../src/batch/encodeRecord.js';
import { normalizeEvent } from '../../../../src/normalize/normalizeEvent.js';
import { checkConservation } from '../../../helpers/conservation.js';
import { lambdaEventSource } from '../../../helpers/eventSource.js';

const source = lambdaEventSource('laravel-fn');

function shipped(line: string): { record: Record<string, unknown>; missing: string[] } {
  const data = encodeRecord(
    normalizeEvent({ id: 'e1', timestamp: Date.UTC(2023, 10, 1, 10, 47, 57, 81), message: line }, source),
  ).data.toString('utf8');
  return {
    record: JSON.parse(data) as Record<string, unknown>,
    missing: checkConservation(line, data).missing,
  };
}

describe("Laravel's log line (Monolog LineFormatter, empty extra left out)", () => {
  it('moves the exception of a context ending in a space to exc_info, out of the message', () => {
    const { record, missing } = shipped(
      '[2024-01-01 00:00:00] local.ERROR: Division by zero {"userId":7,"exception":"[object] ' +
        '(DivisionByZeroError(code: 0): Division by zero at /var/www/app/Math.php:9)\n[stacktrace]\n' +
        '#0 /var/www/routes/web.php(12): App\\\\Math->div()\n#1 {main}\n"} \n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'local',
      message: 'Division by zero',
      exc_info:
        '[object] (DivisionByZeroError(code: 0): Division by zero at /var/www/app/Math.php:9)\n[stacktrace]\n' +
        '#0 /var/www/routes/web.php(12): App\\Math->div()\n#1 {main}',
    });
    expect(missing).toEqual([]);
  });

  it('reads a one-line context ending in a space', () => {
    const { record } = shipped('[2024-01-01 00:00:00] local.INFO: User logged in {"id":42} ');
    expect(record).toMatchObject({ levelname: 'INFO', message: 'User logged in', context: { id: 42 } });
  });
});
