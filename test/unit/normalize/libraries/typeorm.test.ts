import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/** TypeORM's console and file loggers (formats/typeorm.ts): text before, a failed query INFO. */
const shipped = (line: string) => shippedLine(line, 'api-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';

describe("TypeORM's loggers (typeorm.ts)", () => {
  it('reads a failed query as ERROR, the SQL and its parameters kept in the message', () => {
    const line = 'query failed: SELECT * FROM "user" WHERE "id" = $1 -- PARAMETERS: [42]\n';
    const { record, missing } = shipped(line);
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: line.trimEnd(),
      log_format: 'typeorm',
    });
    expect(missing).toEqual([]);
  });

  it('reads a slow query and its execution time as WARNING, a query as INFO', () => {
    expect(shipped('query is slow: SELECT pg_sleep(2)\n').record.levelname).toBe('WARNING');
    expect(shipped('execution time: 2004\n').record).toMatchObject({
      levelname: 'WARNING',
      log_format: 'typeorm',
    });
    expect(shipped('query: START TRANSACTION\n').record).toMatchObject({
      levelname: 'INFO',
      log_format: 'typeorm',
    });
  });

  it("reads advanced-console's colours as the plain line", () => {
    const { record, missing } = shipped(
      '\u001b[4m\u001b[31mquery failed:\u001b[39m\u001b[24m \u001b[94mSELECT\u001b[39m 1\n',
    );
    expect(record).toMatchObject({ levelname: 'ERROR', message: 'query failed: SELECT 1' });
    expect(missing).toEqual([]);
  });

  it("wins over the Node.js runtime prefix's INFO (advanced-console writes through console.log)", () => {
    expect(
      shipped(`2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\tquery failed: ROLLBACK\n`).record,
    ).toMatchObject({
      levelname: 'ERROR',
      log_format: 'lambda-nodejs/typeorm',
      aws_request_id: REQUEST_ID,
    });
  });

  it("reads the file logger's [time][LABEL]: lines, the time and label kept", () => {
    const { record, missing } = shipped('[2023-11-01T10:47:57.081Z][SLOW QUERY: 1203 ms]: SELECT 1\n');
    expect(record).toMatchObject({
      levelname: 'WARNING',
      message: 'SELECT 1',
      time: '2023-11-01T10:47:57.081Z',
      label: 'SLOW QUERY: 1203 ms',
    });
    expect(missing).toEqual([]);
    expect(shipped('[2023-11-01T10:47:57.081Z][FAILED QUERY]: SELECT 1\n').record.levelname).toBe('ERROR');
    expect(shipped('[2023-11-01T10:47:57.081Z][QUERY]: SELECT 1\n').record.levelname).toBe('INFO');
  });

  it('leaves a query label before anything but SQL, and a non-numeric execution time, as text', () => {
    expect(shipped('query: something else\n').record.log_format).toBe('text');
    expect(shipped('execution time: was long\n').record.log_format).toBe('text');
  });
});
