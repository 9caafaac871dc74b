import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Log4j 2's (and logback's) `[%-5level] %d{yyyy-MM-dd HH:mm:ss.SSS} [%t] %c{1} - %msg%n`, the
 * layout many configurations copy from the tutorials; the lines as a public spring-logging-test
 * README ("SLF4J with Log4j2") quotes them. Four-letter levels are padded (`[INFO ] `), which read
 * as an extension's `[Name] ` before; five-letter ones (`[ERROR] `) as the Java runtime's prefix
 * around a message holding the date, thread and logger.
 */
const shipped = (line: string) => shippedLine(line, 'java-fn');

describe('Log4j 2 `[%-5level] %d [%t] %c{1} - %msg` (log4j2Text.ts)', () => {
  it('reads a padded level, the logger and the thread', () => {
    const { record, missing } = shipped(
      '[INFO ] 2021-07-10 17:06:19.398 [http-nio-8080-exec-2] SpringLoggingTestApplication - Info Message!\n',
    );
    expect(record).toMatchObject({
      log_format: 'log4j2',
      levelname: 'INFO',
      name: 'SpringLoggingTestApplication',
      message: 'Info Message!',
      thread: 'http-nio-8080-exec-2',
    });
    expect(missing).toEqual([]);
  });

  it('reads `[WARN ] ` as WARNING, not as an extension named `WARN `', () => {
    const { record } = shipped(
      '[WARN ] 2021-07-10 17:06:19.399 [http-nio-8080-exec-2] SpringLoggingTestApplication - Warn Message!\n',
    );
    expect(record).toMatchObject({ levelname: 'WARNING', name: 'SpringLoggingTestApplication' });
  });

  it('takes `[ERROR] <date> …` as the layout, with its stack, not as the runtime prefix', () => {
    const { record, missing } = shipped(
      '[ERROR] 2021-07-10 17:06:19.399 [main] OrderHandler - Payment failed\n' +
        'java.lang.IllegalStateException: card declined\n\tat com.example.OrderHandler.pay(OrderHandler.java:41)\n',
    );
    expect(record).toMatchObject({
      log_format: 'log4j2',
      levelname: 'ERROR',
      name: 'OrderHandler',
      message: 'Payment failed',
      exc_info:
        'java.lang.IllegalStateException: card declined\n\tat com.example.OrderHandler.pay(OrderHandler.java:41)',
      thread: 'main',
    });
    expect(missing).toEqual([]);
  });

  it('leaves the Java runtime’s own `[ERROR] message` lines as they were', () => {
    expect(shipped('[ERROR] 2021-07-10 order rejected\n').record).toMatchObject({
      log_format: 'lambda-java',
      levelname: 'ERROR',
      message: '2021-07-10 order rejected',
    });
  });
});
