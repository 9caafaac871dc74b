import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * log4js (Node.js): the `basic` layout and the stdout appender's default `coloured` layout write
 * `[<startTime>] [<LEVEL>] <category> - <message>`, the time as date-format's ISO8601 default
 * (`yyyy-MM-ddThh:mm:ss.SSS`), the coloured one wrapping that head in the level's colour
 * (log4js-node/log4js-node lib/layouts.js `timestampLevelAndCategory`, docs/layouts.md).
 */
const shipped = (line: string) => shippedLine(line, 'node-fn');

describe('log4js basic and coloured layouts (log4js.ts)', () => {
  it('reads the level, the category as the name and the message', () => {
    const { record, missing } = shipped('[2017-03-30T07:57:00.113] [ERROR] cheese - Cheese is too ripe!\n');
    expect(record).toMatchObject({
      name: 'cheese',
      levelname: 'ERROR',
      message: 'Cheese is too ripe!',
      log_format: 'log4js',
      time: '2017-03-30T07:57:00.113',
    });
    expect(missing).toEqual([]);
  });

  it('reads the coloured layout and takes an Error printed after the message for exc_info', () => {
    const { record, missing } = shipped(
      '\u001b[31m[2023-11-01T10:47:57.081] [ERROR] orders - \u001b[39mFailed to save order 42 Error: connect ECONNREFUSED 127.0.0.1:5432\n' +
        '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)\n',
    );
    expect(record).toMatchObject({
      name: 'orders',
      levelname: 'ERROR',
      message: 'Failed to save order 42',
      exc_info:
        'Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
    });
    expect(missing).toEqual([]);
  });

  it.each([
    ['[2023-11-01T10:47:57.081] [WARN] default - slow', 'WARNING'],
    ['[2023-11-01T10:47:57.081] [TRACE] default - entering', 'DEBUG'],
    ['[2023-11-01T10:47:57.081] [FATAL] default - down', 'CRITICAL'],
  ])('maps %j to %s', (line, levelname) => {
    expect(shipped(`${line}\n`).record).toMatchObject({ levelname, name: 'default' });
  });
});
