import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

const shipped = (line: string) => shippedLine(line, 'powertools-fn');

function record(error: unknown): string {
  return JSON.stringify({
    level: 'ERROR',
    message: 'Order failed',
    service: 'orders',
    timestamp: '2024-01-01T00:00:00.000Z',
    cold_start: false,
    error,
  });
}

describe('Powertools for TypeScript: an error with a cause', () => {
  it("puts the causes' stacks in exc_info after the error's, as Node prints them", () => {
    const { record: shippedRecord, missing } = shipped(
      record({
        name: 'Error',
        location: '/var/task/index.js:10',
        message: 'outer',
        stack: 'Error: outer\n    at handler (/var/task/index.js:10:11)',
        cause: {
          name: 'TypeError',
          location: '/var/task/db.js:4',
          message: 'middle',
          stack: 'TypeError: middle\n    at query (/var/task/db.js:4:9)',
          cause: {
            name: 'Error',
            location: '',
            message: 'inner',
            stack: 'Error: inner\n    at connect (net.js:1:1)',
          },
        },
      }),
    );
    expect(shippedRecord.exc_info).toBe(
      'Error: outer\n    at handler (/var/task/index.js:10:11)\n' +
        '  [cause]: TypeError: middle\n      at query (/var/task/db.js:4:9)\n' +
        '    [cause]: Error: inner\n        at connect (net.js:1:1)',
    );
    expect(shippedRecord.error).toEqual({
      name: 'Error',
      location: '/var/task/index.js:10',
      message: 'outer',
      cause: {
        name: 'TypeError',
        location: '/var/task/db.js:4',
        message: 'middle',
        cause: { name: 'Error', location: '', message: 'inner' },
      },
    });
    expect(missing).toEqual([]);
  });

  it('keeps a cause that is no Error (a string, an object without a stack) as it came', () => {
    const { record: shippedRecord } = shipped(
      record({
        name: 'Error',
        location: '',
        message: 'outer',
        stack: 'Error: outer\n    at f (a.js:1:1)',
        cause: 'timeout',
      }),
    );
    expect(shippedRecord.exc_info).toBe('Error: outer\n    at f (a.js:1:1)');
    expect(shippedRecord.error).toMatchObject({ cause: 'timeout' });
  });
});
