import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * The `debug` package's layouts (formats/debugJs.ts) and Prisma's tags: text before, the time and
 * the namespace left in the message.
 */
const shipped = (line: string) => shippedLine(line, 'api-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';

describe("the debug package's lines (debugJs.ts)", () => {
  it('reads debug ≥ 3 off a terminal: the ISO time kept, the namespace as the name', () => {
    const { record, missing } = shipped('2023-11-01T10:47:57.081Z express:router dispatching GET /\n');
    expect(record).toMatchObject({
      levelname: 'INFO',
      name: 'express:router',
      message: 'dispatching GET /',
      log_format: 'debug',
      time: '2023-11-01T10:47:57.081Z',
    });
    expect(missing).toEqual([]);
  });

  it("reads debug 2.x's toUTCString() time (Express 4)", () => {
    const { record, missing } = shipped(
      'Thu, 21 Dec 2017 17:43:51 GMT express:router query : /probes/ready\n',
    );
    expect(record).toMatchObject({
      name: 'express:router',
      message: 'query : /probes/ready',
      time: 'Thu, 21 Dec 2017 17:43:51 GMT',
    });
    expect(missing).toEqual([]);
  });

  it('reads the coloured terminal layout as the plain one, the diff kept', () => {
    const coloured = shipped(
      '  \u001b[38;5;167;1mknex:query \u001b[0mselect 1 \u001b[38;5;167m+2s\u001b[0m\n',
    );
    expect(coloured.record).toMatchObject({
      name: 'knex:query',
      message: 'select 1',
      timestamp_diff: '+2s',
      levelname: 'INFO',
    });
    expect(coloured.missing).toEqual([]);
    expect(shipped('  knex:query select 1 +2s\n').record).toEqual(coloured.record);
  });

  it("takes a level from the namespace's last segment", () => {
    expect(
      shipped('2023-11-01T10:47:57.081Z typeorm:query:error QueryFailedError: boom\n').record,
    ).toMatchObject({
      levelname: 'ERROR',
      name: 'typeorm:query:error',
    });
    expect(shipped('2023-11-01T10:47:57.081Z app:warn disk low\n').record.levelname).toBe('WARNING');
    expect(shipped('2023-11-01T10:47:57.081Z app:40 disk low\n').record.levelname).toBe('INFO');
  });

  it("reads Prisma Client's log tags and @prisma/debug's undated lines", () => {
    expect(shipped('prisma:error Invalid `prisma.user.findMany()` invocation\n').record).toMatchObject({
      levelname: 'ERROR',
      name: 'prisma:error',
      message: 'Invalid `prisma.user.findMany()` invocation',
    });
    expect(shipped('prisma:query SELECT 1\n').record).toMatchObject({
      levelname: 'INFO',
      message: 'SELECT 1',
    });
    const { record, missing } = shipped(
      'prisma:client:libraryEngine sending request, this.libraryStarted: false +2ms\n',
    );
    expect(record).toMatchObject({
      name: 'prisma:client:libraryEngine',
      message: 'sending request, this.libraryStarted: false',
      timestamp_diff: '+2ms',
    });
    expect(missing).toEqual([]);
  });

  it("inside the Node.js runtime's prefix (debug.log = console.log), the prefix's level unless the namespace states one", () => {
    const info = shipped(
      `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\t2023-11-01T10:47:57.081Z express:router dispatching GET /\n`,
    ).record;
    expect(info).toMatchObject({
      levelname: 'INFO',
      name: 'express:router',
      log_format: 'lambda-nodejs/debug',
      aws_request_id: REQUEST_ID,
    });
    const error = shipped(
      `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\tprisma:error Connection refused\n`,
    ).record;
    expect(error).toMatchObject({ levelname: 'ERROR', name: 'prisma:error', message: 'Connection refused' });
  });

  it('leaves a time before a word without a namespace as text', () => {
    for (const line of [
      '2023-11-01T10:47:57.081Z Server started\n',
      '2023-11-01T10:47:57.081Z http://example.com is down\n',
      '2023-11-01T10:47:57.081Z 10:47:57 tick\n',
      '2023-11-01T10:47:57.081Z Error: boom\n',
      // A key and its value in the message: a namespace's later segments start with a letter.
      '2023-11-01T10:47:57.081Z user:42 logged in\n',
      'Error: boom +5ms\n',
      'note: took +5ms\n',
    ]) {
      expect(shipped(line).record.log_format, line).toBe('text');
    }
  });
});
