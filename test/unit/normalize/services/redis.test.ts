import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/** The Redis OSS / Valkey engine's own log, `pid:role date mark msg` (formats/redis.ts); text before. */
const shipped = (line: string) => shippedLine(line, 'cache-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';

describe("Redis' engine log (redis)", () => {
  it('reads the level mark and keeps the pid, the role and the time', () => {
    const { record, missing } = shipped(
      '1:M 01 Nov 2023 10:47:57.081 # Connection with replica 10.0.1.5:6379 lost.\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: 'cache-fn',
      message: 'Connection with replica 10.0.1.5:6379 lost.',
      log_format: 'redis',
      pid: 1,
      role: 'M',
      time: '01 Nov 2023 10:47:57.081',
    });
    expect(missing).toEqual([]);
  });

  it('maps the four marks and the roles', () => {
    const level = (mark: string) => shipped(`7:S 01 Nov 2023 10:47:57.081 ${mark} x\n`).record.levelname;
    expect([level('.'), level('-'), level('*'), level('#')]).toEqual(['DEBUG', 'DEBUG', 'INFO', 'WARNING']);
    expect(
      shipped('26:X 01 Nov 2023 10:47:57.081 # +sdown master mymaster 10.0.0.1 6379\n').record,
    ).toMatchObject({
      role: 'X',
      pid: 26,
    });
  });

  it("reads Redis < 3.0's [pid] head without a year", () => {
    const { record, missing } = shipped('[9] 14 May 13:19:52.866 # Server started, Redis version 2.8.4\n');
    expect(record).toMatchObject({
      levelname: 'WARNING',
      pid: 9,
      message: 'Server started, Redis version 2.8.4',
    });
    expect(missing).toEqual([]);
  });

  it('leaves other lines alone and is read only as a whole event', () => {
    expect(shipped('1:M 01 Nov 2023 10:47:57.081 ! x\n').record.log_format).toBe('text');
    const wrapped = `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\t1:M 01 Nov 2023 10:47:57.081 * x\n`;
    expect(shipped(wrapped).record.log_format).toBe('lambda-nodejs');
  });
});
