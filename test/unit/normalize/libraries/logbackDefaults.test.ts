import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * What a Java program prints when logback or SLF4J runs unconfigured, and Micronaut's coloured
 * default: logback 1.3+'s `TTLLLayout` (`%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36}
 * -%kvp- %msg%n`, qos-ch/logback logback-classic/.../layout/TTLLLayout.java), SLF4J 2's
 * `Reporter` lines (qos-ch/slf4j slf4j-api/.../helpers/Reporter.java) and Micronaut's
 * `logback.xml` (`%cyan(%d{HH:mm:ss.SSS}) %gray([%thread]) %highlight(%-5level)
 * %magenta(%logger{36}) - %msg%n`, Micronaut's logging guide).
 */
const shipped = (line: string) => shippedLine(line, 'java-fn');

describe("logback's TTLLLayout (no logback.xml)", () => {
  it('reads `logger -- msg`: the logger is the name, the message alone', () => {
    const { record, missing } = shipped('10:47:57.081 [main] INFO com.example.orders.App -- Started App\n');
    expect(record).toMatchObject({
      log_format: 'log4j2',
      levelname: 'INFO',
      name: 'com.example.orders.App',
      message: 'Started App',
      thread: 'main',
    });
    expect(missing).toEqual([]);
  });

  it('moves the throwable under the message to exc_info', () => {
    const { record, missing } = shipped(
      '10:47:57.081 [main] ERROR com.example.orders.App -- Payment failed\n' +
        'java.lang.IllegalStateException: card declined\n' +
        '\tat com.example.orders.App.pay(App.java:41)\n' +
        'Caused by: java.net.SocketTimeoutException: Read timed out\n' +
        '\t... 1 common frames omitted\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'com.example.orders.App',
      message: 'Payment failed',
      exc_info:
        'java.lang.IllegalStateException: card declined\n' +
        '\tat com.example.orders.App.pay(App.java:41)\n' +
        'Caused by: java.net.SocketTimeoutException: Read timed out\n' +
        '\t... 1 common frames omitted',
    });
    expect(missing).toEqual([]);
  });

  it('keeps SLF4J 2 key-value pairs (`-k="v"- `) as written, apart from the message', () => {
    const { record, missing } = shipped(
      '10:47:57.081 [main] WARN com.example.orders.App -orderId="42" step="pay"- Retrying\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: 'com.example.orders.App',
      message: 'Retrying',
      kvp: '-orderId="42" step="pay"-',
    });
    expect(missing).toEqual([]);
  });

  it('leaves the classic ` - ` separator as it was', () => {
    const { record } = shipped('10:47:57.081 [main] INFO  com.example.App - run -v --dry\n');
    expect(record).toMatchObject({ name: 'com.example.App', message: 'run -v --dry' });
    expect(record).not.toHaveProperty('kvp');
  });
});

describe("Micronaut's coloured logback pattern", () => {
  it('reads the line without its colour codes', () => {
    const { record, missing } = shipped(
      '\u001b[36m10:47:57.081\u001b[0;39m \u001b[1;30m[main]\u001b[0;39m \u001b[34mINFO \u001b[0;39m ' +
        '\u001b[35mio.micronaut.runtime.Micronaut\u001b[0;39m - Startup completed in 523ms. Server Running: http://localhost:8080\n',
    );
    expect(record).toMatchObject({
      log_format: 'log4j2',
      levelname: 'INFO',
      name: 'io.micronaut.runtime.Micronaut',
      message: 'Startup completed in 523ms. Server Running: http://localhost:8080',
      thread: 'main',
    });
    expect(missing).toEqual([]);
  });

  it('takes %highlight’s bold red ERROR and the stack', () => {
    const { record, missing } = shipped(
      '\u001b[36m10:47:57.081\u001b[0;39m \u001b[1;30m[default-nioEventLoopGroup-1-2]\u001b[0;39m ' +
        '\u001b[1;31mERROR\u001b[0;39m \u001b[35mi.m.http.server.RouteExecutor\u001b[0;39m - Unexpected error occurred: boom\n' +
        'java.lang.RuntimeException: boom\n\tat example.HelloController.index(HelloController.java:12)\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'i.m.http.server.RouteExecutor',
      message: 'Unexpected error occurred: boom',
      exc_info:
        'java.lang.RuntimeException: boom\n\tat example.HelloController.index(HelloController.java:12)',
      thread: 'default-nioEventLoopGroup-1-2',
    });
    expect(missing).toEqual([]);
  });
});

describe("SLF4J's own reports", () => {
  it.each([
    ['SLF4J(W): No SLF4J providers were found.', 'WARNING', 'No SLF4J providers were found.'],
    [
      'SLF4J(E): A SLF4J service provider failed to instantiate:',
      'ERROR',
      'A SLF4J service provider failed to instantiate:',
    ],
    [
      'SLF4J(I): Connected with provider of type [ch.qos.logback.classic.spi.LogbackServiceProvider]',
      'INFO',
      'Connected with provider of type [ch.qos.logback.classic.spi.LogbackServiceProvider]',
    ],
    [
      'SLF4J: Failed to load class "org.slf4j.impl.StaticLoggerBinder".',
      'INFO',
      'Failed to load class "org.slf4j.impl.StaticLoggerBinder".',
    ],
  ])('%s', (line, levelname, message) => {
    const { record, missing } = shipped(`${line}\n`);
    expect(record).toMatchObject({ levelname, name: 'SLF4J', message });
    expect(missing).toEqual([]);
  });
});

describe("Log4j 1.x's BasicConfigurator and SLF4J's levelInBrackets", () => {
  it('reads `%r [%t] %p %c %x - %m`: the padded time, the blank of an empty NDC', () => {
    const { record, missing } = shipped(
      '15   [main] DEBUG org.apache.http.wire  - http-outgoing-0 >> "GET / HTTP/1.1"\n',
    );
    expect(record).toMatchObject({
      log_format: 'log4j2',
      levelname: 'DEBUG',
      name: 'org.apache.http.wire',
      message: 'http-outgoing-0 >> "GET / HTTP/1.1"',
      relative_ms: 15,
      thread: 'main',
    });
    expect(missing).toEqual([]);
  });

  it('reads `[thread] [LEVEL] logger - msg`', () => {
    const { record, missing } = shipped('[main] [WARN] com.example.App - Retrying\n');
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: 'com.example.App',
      message: 'Retrying',
      thread: 'main',
    });
    expect(missing).toEqual([]);
  });
});

describe("SLF4J SimpleLogger's sample dateTimeFormat", () => {
  it('reads `yyyy-MM-dd HH:mm:ss:SSS Z`, the time kept as written', () => {
    const { record, missing } = shipped(
      '2023-11-01 10:47:57:081 +0000 [main] INFO com.example.App - Hello\n',
    );
    expect(record).toMatchObject({
      log_format: 'log4j2',
      levelname: 'INFO',
      name: 'com.example.App',
      message: 'Hello',
      time: '2023-11-01 10:47:57:081 +0000',
    });
    expect(missing).toEqual([]);
  });
});

describe("the OpenTelemetry Java agent's own lines", () => {
  it('keeps its `[otel.javaagent <time>]` head as written; thread, level and logger are read', () => {
    const { record, missing } = shipped(
      '[otel.javaagent 2023-11-01 10:47:57:081 +0000] [main] INFO io.opentelemetry.javaagent.tooling.VersionLogger - opentelemetry-javaagent - version: 1.32.0\n',
    );
    expect(record).toMatchObject({
      log_format: 'log4j2',
      levelname: 'INFO',
      name: 'io.opentelemetry.javaagent.tooling.VersionLogger',
      message: 'opentelemetry-javaagent - version: 1.32.0',
      prefix: 'otel.javaagent 2023-11-01 10:47:57:081 +0000',
      thread: 'main',
    });
    expect(missing).toEqual([]);
  });
});
