import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * logback-contrib's `JsonLayout` (`ch.qos.logback.contrib.json.classic.JsonLayout` with
 * `JacksonJsonFormatter`): `timestamp` (epoch ms as a string, or `timestampFormat`'s text),
 * `level`, `thread`, `mdc`, `logger`, `message`, `raw-message`, `context`, `exception`
 * (qos-ch/logback-contrib json/classic/.../JsonLayout.java).
 */
const shipped = (line: string) => shippedLine(line, 'java-fn').record;

const EXCEPTION =
  'java.lang.IllegalStateException: card declined\n' +
  '\tat com.example.orders.OrderService.pay(OrderService.java:57)\n' +
  'Caused by: java.net.SocketTimeoutException: Read timed out\n' +
  '\tat java.base/java.net.SocketInputStream.socketRead0(Native Method)\n' +
  '\t... 1 common frames omitted\n';

const RECORD = {
  timestamp: '1700000000123',
  level: 'ERROR',
  thread: 'http-nio-8080-exec-1',
  mdc: { orderId: 'A-42' },
  logger: 'com.example.orders.OrderService',
  message: 'Payment failed for order A-42',
  context: 'default',
  exception: EXCEPTION,
};

describe('logback-contrib JsonLayout records (logbackJsonLayout.ts)', () => {
  it('names the record after its logger and moves the exception, causes included, to exc_info', () => {
    const record = shipped(`${JSON.stringify(RECORD)}\n`);
    expect(record).toMatchObject({
      log_format: 'logback-json',
      name: 'com.example.orders.OrderService',
      levelname: 'ERROR',
      message: 'Payment failed for order A-42',
      exc_info: EXCEPTION.trimEnd(),
    });
    expect(record).not.toHaveProperty('exception');
    expect(record).not.toHaveProperty('logger');
    expect(shippedLine(JSON.stringify(RECORD), 'java-fn').missing).toEqual([]);
  });

  it('keeps the layout’s own timestamp, thread, MDC and context as fields', () => {
    expect(shipped(JSON.stringify(RECORD))).toMatchObject({
      timestamp: '1700000000123',
      thread: 'http-nio-8080-exec-1',
      mdc: { orderId: 'A-42' },
      context: 'default',
    });
  });

  it('reads logback’s WARN and TRACE as WARNING and DEBUG', () => {
    expect(shipped(JSON.stringify({ ...RECORD, level: 'WARN', exception: undefined }))).toMatchObject({
      levelname: 'WARNING',
      log_format: 'logback-json',
    });
    expect(shipped(JSON.stringify({ ...RECORD, level: 'TRACE', exception: undefined })).levelname).toBe(
      'DEBUG',
    );
  });

  it('leaves Lambda’s own Java JSON records, which have a logger but no thread, to Lambda’s format', () => {
    const lambda = {
      timestamp: '2023-11-01T10:47:57.081Z',
      level: 'INFO',
      message: 'order accepted',
      logger: 'com.example.Handler',
      AWSRequestId: '2a4c6e8f-1b3d-4f5a-9c7e-2d4f6a8c1e3b',
    };
    expect(shipped(JSON.stringify(lambda))).toMatchObject({
      log_format: 'lambda-json',
      name: 'com.example.Handler',
      aws_request_id: '2a4c6e8f-1b3d-4f5a-9c7e-2d4f6a8c1e3b',
    });
  });
});
