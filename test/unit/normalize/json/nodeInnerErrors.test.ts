import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

const shipped = (line: string) => shippedLine(line, 'orders-fn');
const RID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';
const FRAME = '    at charge (/var/task/index.js:12:11)';

/** What the Node.js runtime's replacer (LogPatch.js) makes of an Error. */
function replaced(
  type: string,
  message: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { errorType: type, errorMessage: message, stackTrace: [`${type}: ${message}`, FRAME], ...extra };
}

describe("Node.js errors' inner errors and causes reach exc_info", () => {
  it("Lambda JSON console.error(err): the `errors` list's stacks follow the error's, each labelled, the rest stays", () => {
    const line = JSON.stringify({
      timestamp: '2023-11-01T10:47:57.081Z',
      level: 'ERROR',
      requestId: RID,
      message: replaced('BatchError', '2 of 3 failed', {
        errors: [replaced('Error', 'a'), replaced('TypeError', 'b', { code: 'E_B' })],
      }),
    });
    const { record, missing } = shipped(line);
    expect(record.exc_info).toBe(
      `BatchError: 2 of 3 failed\n${FRAME}\n` +
        `  [errors][0]: Error: a\n  ${FRAME}\n` +
        `  [errors][1]: TypeError: b\n  ${FRAME}`,
    );
    expect(record.message_fields).toEqual({
      errorType: 'BatchError',
      errorMessage: '2 of 3 failed',
      errors: [
        { errorType: 'Error', errorMessage: 'a' },
        { errorType: 'TypeError', errorMessage: 'b', code: 'E_B' },
      ],
    });
    expect(missing).toEqual([]);
  });

  it('an inner error with a cause of its own nests one level deeper, in the order Node prints', () => {
    const line = JSON.stringify({
      timestamp: '2023-11-01T10:47:57.081Z',
      level: 'ERROR',
      requestId: RID,
      message: replaced('Error', 'outer', {
        cause: replaced('BatchError', 'mid', { errors: [replaced('Error', 'leaf')] }),
      }),
    });
    const { record, missing } = shipped(line);
    expect(record.exc_info).toBe(
      `Error: outer\n${FRAME}\n` +
        `  [cause]: BatchError: mid\n  ${FRAME}\n` +
        `    [errors][0]: Error: leaf\n    ${FRAME}`,
    );
    expect(missing).toEqual([]);
  });

  it("Lambda JSON console.error('failed', aggregateError): the [errors] block util.format printed is exc_info, not message", () => {
    const printed = `AggregateError: all failed\n${FRAME} {\n  [errors]: [\n    Error: a\n    ${FRAME},\n    TypeError: b\n    ${FRAME}\n  ]\n}`;
    const line = JSON.stringify({
      timestamp: '2023-11-01T10:47:57.081Z',
      level: 'ERROR',
      requestId: RID,
      message: `failed ${printed}`,
      errorType: 'AggregateError',
      errorMessage: 'all failed',
      stackTrace: ['AggregateError: all failed', FRAME],
    });
    const { record, missing } = shipped(line);
    expect(record.message).toBe('failed');
    expect(record.exc_info).toBe(printed);
    expect(missing).toEqual([]);
  });

  it('text format Invoke Error with an enumerable `errors` list: the same exc_info', () => {
    const payload = {
      errorType: 'BatchError',
      errorMessage: '2 of 3 failed',
      errors: [
        { errorType: 'Error', errorMessage: 'a', stack: ['Error: a', FRAME] },
        { errorType: 'TypeError', errorMessage: 'b', stack: ['TypeError: b', FRAME] },
      ],
      stack: ['BatchError: 2 of 3 failed', FRAME],
    };
    const line = `2023-11-01T10:47:57.081Z\t${RID}\tERROR\tInvoke Error \t${JSON.stringify(payload)}\n`;
    const { record, missing } = shipped(line);
    expect(record.exc_info).toBe(
      `BatchError: 2 of 3 failed\n${FRAME}\n` +
        `  [errors][0]: Error: a\n  ${FRAME}\n` +
        `  [errors][1]: TypeError: b\n  ${FRAME}`,
    );
    expect(record.errors).toEqual([
      { errorType: 'Error', errorMessage: 'a' },
      { errorType: 'TypeError', errorMessage: 'b' },
    ]);
    expect(missing).toEqual([]);
  });

  it("pino's AggregateError: `aggregateErrors` stacks join exc_info, `err` keeps their type and message", () => {
    const line = JSON.stringify({
      level: 50,
      time: 1698835677081,
      pid: 8,
      hostname: '169.254.12.45',
      err: {
        type: 'AggregateError',
        message: 'all failed',
        stack: `AggregateError: all failed\n${FRAME}`,
        aggregateErrors: [{ type: 'Error', message: 'a', stack: `Error: a\n${FRAME}` }],
      },
      msg: 'batch failed',
    });
    const { record, missing } = shipped(line);
    expect(record.message).toBe('batch failed');
    expect(record.exc_info).toBe(
      `AggregateError: all failed\n${FRAME}\n  [aggregateErrors][0]: Error: a\n  ${FRAME}`,
    );
    expect(record.err).toEqual({
      type: 'AggregateError',
      message: 'all failed',
      aggregateErrors: [{ type: 'Error', message: 'a' }],
    });
    expect(missing).toEqual([]);
  });

  it('an inner value that is no error (a string) stays where it was', () => {
    const line = JSON.stringify({
      timestamp: '2023-11-01T10:47:57.081Z',
      level: 'ERROR',
      requestId: RID,
      message: replaced('BatchError', 'failed', { errors: ['timeout', replaced('Error', 'a')] }),
    });
    const { record } = shipped(line);
    expect(record.exc_info).toBe(`BatchError: failed\n${FRAME}\n  [errors][1]: Error: a\n  ${FRAME}`);
    expect(record.message_fields).toMatchObject({
      errors: ['timeout', { errorType: 'Error', errorMessage: 'a' }],
    });
  });
});
