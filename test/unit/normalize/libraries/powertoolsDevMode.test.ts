import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

const ID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';

/**
 * Powertools for TypeScript with `POWERTOOLS_DEV` set: `LogFormatter.formatError` writes the stack
 * as an array of lines (`stack.split('\n')`), the record is indented by 4 and printed through the
 * global `console`, so on Lambda it carries the Node.js runtime's prefix
 * (aws-powertools/powertools-lambda-typescript packages/logger/src/formatter/LogFormatter.ts,
 * Logger.ts `setConsole`, `setLogIndentation`).
 */
const DEV_RECORD = JSON.stringify(
  {
    level: 'ERROR',
    message: 'This is an ERROR log',
    timestamp: '2021-12-12T22:12:39.345Z',
    service: 'serverlessAirline',
    sampling_rate: 0,
    xray_trace_id: '1-6531b558-19be6d894b8d7b025bf628ee',
    error: {
      name: 'Error',
      location: '/var/task/index.js:18',
      message: 'Unexpected error #1',
      stack: [
        'Error: Unexpected error #1',
        '    at lambdaHandler (/var/task/index.js:18:11)',
        '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
      ],
    },
  },
  null,
  4,
);
const STACK =
  'Error: Unexpected error #1\n    at lambdaHandler (/var/task/index.js:18:11)\n' +
  '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)';

describe('Powertools for TypeScript in dev mode (powertools.ts)', () => {
  it('takes an error whose stack is an array of lines for exc_info, the lines joined', () => {
    const { record, missing } = shippedLine(`${DEV_RECORD}\n`, 'powertools-fn');
    expect(record).toMatchObject({
      name: 'serverlessAirline',
      levelname: 'ERROR',
      message: 'This is an ERROR log',
      exc_info: STACK,
      error: { name: 'Error', location: '/var/task/index.js:18', message: 'Unexpected error #1' },
    });
    expect(record.error).not.toHaveProperty('stack');
    expect(missing).toEqual([]);
  });

  it('reads the same record behind the Node.js runtime prefix of console.error', () => {
    const { record, missing } = shippedLine(`2021-12-12T22:12:39.345Z\t${ID}\tERROR\t${DEV_RECORD}\n`, 'fn');
    expect(record).toMatchObject({
      name: 'serverlessAirline',
      levelname: 'ERROR',
      message: 'This is an ERROR log',
      exc_info: STACK,
      aws_request_id: ID,
    });
    expect(missing).toEqual([]);
  });
});
