import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

const shipped = (line: string) => shippedLine(line, 'orders-api');

describe("Microsoft.Extensions.Logging's simple console with a TimestampFormat", () => {
  it('reads the level, category and event id after a time of the day, the time kept as written', () => {
    const { record, missing } = shipped('13:45:12 fail: Orders.Worker[42] Order 42 failed\n');
    expect(record).toMatchObject({
      log_format: 'dotnet-console',
      levelname: 'ERROR',
      name: 'Orders.Worker',
      message: 'Order 42 failed',
      event_id: 42,
      time: '13:45:12',
    });
    expect(missing).toEqual([]);
  });

  it('reads an ISO time and a bracketed one, and the multi-line layout with its exception', () => {
    expect(shipped('2023-11-01T10:47:57.0812345Z warn: Orders.Worker[0] slow\n').record).toMatchObject({
      levelname: 'WARNING',
      name: 'Orders.Worker',
      time: '2023-11-01T10:47:57.0812345Z',
    });
    expect(shipped('[10:47:57] info: Orders.Worker[0] started\n').record).toMatchObject({
      levelname: 'INFO',
      time: '[10:47:57]',
    });
    const { record, missing } = shipped(
      '2023-11-01 10:47:57 crit: Orders.Worker[1]\n      Worker stopped\n      System.Exception: boom\n         at Orders.Worker.Run()\n',
    );
    expect(record).toMatchObject({
      levelname: 'CRITICAL',
      message: 'Worker stopped',
      exc_info: 'System.Exception: boom\n   at Orders.Worker.Run()',
    });
    expect(missing).toEqual([]);
  });

  it("leaves winston's `timestamp level: message` lines, which have no `Category[id]`, to winston", () => {
    expect(shipped('2023-11-01T10:47:57.081Z info: listening on 8080\n').record).toMatchObject({
      log_format: 'winston-text',
      message: 'listening on 8080',
    });
  });
});
