import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

const RID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';
const shipped = (body: string, method = 'INFO') =>
  shippedLine(`2023-11-01T10:47:57.081Z\t${RID}\t${method}\t${body}\n`, 'orders-fn');

describe('console.log(object) in the Node.js text format (util.inspect output)', () => {
  it('takes the level word an inspected record states, keeping its text whole as the message', () => {
    const body = "{ level: 'error', message: 'payment failed', orderId: 'o-1' }";
    const { record, missing } = shipped(body);
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: body,
      aws_request_id: RID,
      log_format: 'lambda-nodejs/node-inspect',
    });
    expect(missing).toEqual([]);
  });

  it('reads the broken layout on the telemetry fd (\\n) and on stdout (\\r)', () => {
    for (const nl of ['\n', '\r']) {
      const body = `{${nl}  level: 'warn',${nl}  msg: 'slow',${nl}  user: { id: 7, roles: [ 'admin' ] }${nl}}`;
      expect(shipped(body).record.levelname).toBe('WARNING');
    }
  });

  it("keeps console.log's level for objects that are no record", () => {
    for (const body of [
      "{ level: 'debug', transports: [ 'console' ] }", // a logger's options: no message
      "{ message: 'x', level: 'loud' }", // no level word
      "{ message: 'x', options: { level: 'error' } }", // a nested level is not the object's
      "{ message: \"it's level: 'error'\" }", // inside a string
      "{ message: 'x', level: 3 }",
    ]) {
      const { record } = shipped(body);
      expect(record.levelname, body).toBe('INFO');
      expect(record.message).toBe(body);
    }
  });

  it('moves a stack printed inside the object to exc_info, at the level the object states', () => {
    const body =
      "{\n  level: 'warn',\n  message: 'retrying',\n  err: Error: timeout\n      at call (/var/task/index.js:3:9)\n}";
    const { record, missing } = shipped(body);
    expect(record.levelname).toBe('WARNING');
    expect(record.exc_info).toBe('Error: timeout\n      at call (/var/task/index.js:3:9)');
    expect(missing).toEqual([]);
  });

  it("does not read a Python dict's repr (quoted keys) at the top of an event", () => {
    const { record } = shippedLine("{'level': 'error', 'message': 'x'}", 'orders-fn');
    expect(record.levelname).toBe('INFO');
  });
  it("reads winston's format.prettyPrint() records (util.inspect of the info) at the top of an event", () => {
    const line =
      "{\n  user: { id: 1, roles: [ 'a', 'b' ] },\n  level: 'error',\n  message: 'charge failed'\n}";
    const { record, missing } = shippedLine(line, 'orders-fn');
    expect(record).toMatchObject({ levelname: 'ERROR', message: line, log_format: 'node-inspect' });
    expect(missing).toEqual([]);
  });
});
