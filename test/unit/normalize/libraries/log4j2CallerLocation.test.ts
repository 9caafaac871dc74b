import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Log4j 2 PatternLayout with the caller's class and location before ` - `: the "Migrating from
 * Log4j 1.x" samples of the Log4j 2 manual, `%d %-5p [%t] %C{2} (%F:%L) - %m%n`, and the same
 * without `[%t]` (carlos-emr/carlos src/main/resources/log4j2.xml). `%F` and `%L` write nothing
 * without a location and `%C` writes `?` (apache/logging-log4j2 log4j-core's
 * FileLocationPatternConverter, LineLocationPatternConverter, ClassNamePatternConverter).
 */
const shipped = (line: string) => shippedLine(line, 'java-fn');

describe('Log4j 2 %C{2} (%F:%L) layout (log4j2Text.ts)', () => {
  it('names the record after the class and keeps the file and line', () => {
    const { record, missing } = shipped('2012-11-02 14:34:02,781 DEBUG test.Bar (Bar.java:42) - Hello\n');
    expect(record).toMatchObject({
      log_format: 'log4j2',
      levelname: 'DEBUG',
      name: 'test.Bar',
      message: 'Hello',
      file: 'Bar.java',
      line: 42,
    });
    expect(missing).toEqual([]);
  });

  it('reads the thread the manual’s sample writes before the class', () => {
    const { record, missing } = shipped(
      '2012-11-02 14:34:02,781 INFO  [main] test.Bar (Bar.java:42) - Hello - again (2)\n',
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      name: 'test.Bar',
      message: 'Hello - again (2)',
      thread: 'main',
      file: 'Bar.java',
      line: 42,
    });
    expect(missing).toEqual([]);
  });

  it('moves the stack that follows to exc_info', () => {
    const { record, missing } = shipped(
      '2023-11-01 10:47:57,081 ERROR orders.OrderService (OrderService.java:57) - Order 42 failed\n' +
        'java.lang.IllegalStateException: stock is negative\n' +
        '\tat com.example.orders.OrderService.reserve(OrderService.java:57)\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'orders.OrderService',
      message: 'Order 42 failed',
      exc_info:
        'java.lang.IllegalStateException: stock is negative\n' +
        '\tat com.example.orders.OrderService.reserve(OrderService.java:57)',
      file: 'OrderService.java',
      line: 57,
    });
    expect(missing).toEqual([]);
  });

  it('reads a line without a location (`? (:)`, Log4j 1.x `? (?:?)`) with the function’s name', () => {
    const a = shipped('2023-11-01 10:47:57,081 WARN  [main] ? (:) - Retrying\n');
    expect(a.record).toMatchObject({
      log_format: 'log4j2',
      levelname: 'WARNING',
      name: 'java-fn',
      message: 'Retrying',
    });
    expect(a.record).not.toHaveProperty('file');
    expect(a.missing).toEqual([]);
    const b = shipped('2023-11-01 10:47:57,081 WARN  [main] ? (?:?) - Retrying\n');
    expect(b.record).toMatchObject({ name: 'java-fn', message: 'Retrying', line: '?' });
    expect(b.missing).toEqual([]);
  });

  it('reads Hadoop’s `%c{2} (%F:%M(%L))`, the method kept as `method`', () => {
    const { record, missing } = shipped(
      '2015-04-17 07:46:14,278 [main] WARN  impl.MetricsConfig (MetricsConfig.java:loadFirst(125)) - Cannot locate configuration\n',
    );
    expect(record).toMatchObject({
      log_format: 'log4j2',
      levelname: 'WARNING',
      name: 'impl.MetricsConfig',
      message: 'Cannot locate configuration',
      thread: 'main',
      file: 'MetricsConfig.java',
      method: 'loadFirst',
      line: 125,
    });
    expect(missing).toEqual([]);
    expect(
      shipped(
        '2024-04-15 09:45:51,311 WARN  [main] util.NativeCodeLoader (NativeCodeLoader.java:<clinit>(60)) - x\n',
      ).record,
    ).toMatchObject({ name: 'util.NativeCodeLoader', method: '<clinit>', line: 60, message: 'x' });
  });

  it('leaves a parenthesis that is no location to the other formats', () => {
    const { record } = shipped('2023-11-01 10:47:57,081 INFO  app (see docs) - Hello\n');
    expect(record.log_format).not.toBe('log4j2');
    expect(record.message).toContain('(see docs)');
  });
});
