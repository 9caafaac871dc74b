import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Quarkus' console lines (JBoss LogManager, `quarkus.log.console.format`'s default
 * `%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c{3.}] (%t) %s%e%n`, quarkus.io/guides/logging), quoted
 * from quarkusio/quarkus#1136, #10644, #34401 and quarkiverse/quarkus-mcp-server#323, and the
 * JUL `SimpleFormatter` lines a native image prints before its logging starts
 * (automatiko-io/automatiko-approval-task#7).
 */
const shipped = (line: string) => shippedLine(line, 'quarkus-fn');

describe('Quarkus console lines (quarkus.ts)', () => {
  it('names the record after the category and keeps the thread', () => {
    const { record, missing } = shipped(
      '2025-07-02 14:11:27,528 INFO  [io.quarkus] (main) mcp 1.0.0-SNAPSHOT on JVM (powered by Quarkus 3.24.1) started in 2.580s. Listening on: http://localhost:8081\n',
    );
    expect(record).toMatchObject({
      log_format: 'quarkus',
      levelname: 'INFO',
      name: 'io.quarkus',
      message:
        'mcp 1.0.0-SNAPSHOT on JVM (powered by Quarkus 3.24.1) started in 2.580s. Listening on: http://localhost:8081',
      thread: 'main',
    });
    expect(missing).toEqual([]);
  });

  it('reads a thread name with spaces and an abbreviated category', () => {
    const { record, missing } = shipped(
      "2020-07-10 17:33:27,111 WARN  [io.agr.pool] (Agroal_6655648741) Datasource '<default>': Der Verbindungsversuch schlug fehl.\n",
    );
    expect(record).toMatchObject({ levelname: 'WARNING', name: 'io.agr.pool', thread: 'Agroal_6655648741' });
    expect(missing).toEqual([]);
    expect(
      shipped(
        '2020-05-20 10:30:40,295 INFO  [io.quarkus] (Quarkus Main Thread) Installed features: [cdi, resteasy]\n',
      ).record,
    ).toMatchObject({
      name: 'io.quarkus',
      thread: 'Quarkus Main Thread',
      message: 'Installed features: [cdi, resteasy]',
    });
  });

  it('moves the exception `%e` writes after the message, and its frames, to exc_info', () => {
    const { record, missing } = shipped(
      '2023-06-28 19:18:22,880 ERROR [io.qua.ver.htt.run.QuarkusErrorHandler] (executor-thread-1) HTTP Request to /hello?name=fred failed, error id: 4f9b5ce6-3b08-41c5-af36-24eee4d1dd2b-2: org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection\n' +
        '\tat org.hibernate.exception.internal.SQLStateConversionDelegate.convert(SQLStateConversionDelegate.java:98)\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'io.qua.ver.htt.run.QuarkusErrorHandler',
      message: 'HTTP Request to /hello?name=fred failed, error id: 4f9b5ce6-3b08-41c5-af36-24eee4d1dd2b-2:',
      exc_info:
        'org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection\n' +
        '\tat org.hibernate.exception.internal.SQLStateConversionDelegate.convert(SQLStateConversionDelegate.java:98)',
      thread: 'executor-thread-1',
    });
    expect(missing).toEqual([]);
  });

  it('reads the guide’s short `%d{HH:mm:ss}` format', () => {
    const { record, missing } = shipped('14:11:07 INFO  [ExampleResource] (executor-thread-199) Hello\n');
    expect(record).toMatchObject({ log_format: 'quarkus', name: 'ExampleResource', message: 'Hello' });
    expect(missing).toEqual([]);
  });

  it('reads a native image’s JUL lines with JBoss level names', () => {
    const { record, missing } = shipped(
      'Feb 14, 2023 10:02:52 AM io.quarkus.runtime.configuration.ConfigRecorder\n' +
        "WARN: The profile 'prod' used to build the native image is different from the runtime profile 'withemail'.\n",
    );
    expect(record).toMatchObject({
      log_format: 'jul-simple',
      levelname: 'WARNING',
      name: 'io.quarkus.runtime.configuration.ConfigRecorder',
      message:
        "The profile 'prod' used to build the native image is different from the runtime profile 'withemail'.",
    });
    expect(missing).toEqual([]);
  });

  describe('coloured (`quarkus.console.color`, JBoss LogManager’s ColorPatternFormatter)', () => {
    // Each step of the pattern, literal text included, in its colour and a reset (ColorUtil.java).
    const fg = (code: string, text: string) => `\u001b[38;${code}m${text}\u001b[39m`;
    const coloured = (
      level: string,
      levelColour: string,
      category: string,
      thread: string,
      message: string,
    ) =>
      fg('5;250', '2023-11-01 10:47:57,081') +
      fg('5;251', ' ') +
      fg(levelColour, level) +
      fg('5;251', ' [') +
      fg('5;75', category) +
      fg('5;251', '] (') +
      fg('5;71', thread) +
      fg('5;251', ') ') +
      fg('5;231', message);

    it('gives the record of the same line uncoloured, without the codes', () => {
      const plain = shipped(
        '2023-11-01 10:47:57,081 WARN  [io.agr.pool] (Agroal_1) Datasource down\n',
      ).record;
      const { record, missing } = shipped(
        coloured('WARN ', '5;179', 'io.agr.pool', 'Agroal_1', 'Datasource down') + '\n',
      );
      expect(record).toMatchObject({
        log_format: 'quarkus',
        levelname: 'WARNING',
        name: 'io.agr.pool',
        message: 'Datasource down',
        thread: 'Agroal_1',
      });
      expect({ ...record, cloudwatch: undefined }).toEqual({ ...plain, cloudwatch: undefined });
      expect(JSON.stringify(record)).not.toContain('\\u001b');
      expect(missing).toEqual([]);
    });

    it('moves the red exception `%e` writes to exc_info', () => {
      const { record, missing } = shipped(
        coloured(
          'ERROR',
          '5;203',
          'io.qua.ver.htt.run.QuarkusErrorHandler',
          'executor-thread-1',
          'HTTP Request failed',
        ) +
          fg(
            '5;203',
            ': java.lang.RuntimeException: boom\n\tat org.acme.GreetingResource.hello(GreetingResource.java:14)\n',
          ) +
          '\n',
      );
      expect(record).toMatchObject({
        levelname: 'ERROR',
        name: 'io.qua.ver.htt.run.QuarkusErrorHandler',
        message: 'HTTP Request failed:',
        exc_info:
          'java.lang.RuntimeException: boom\n\tat org.acme.GreetingResource.hello(GreetingResource.java:14)',
      });
      expect(missing).toEqual([]);
    });

    it('reads true colour and an event that starts with the previous line’s reset', () => {
      const trueColour = shipped(
        '\u001b[38;2;192;192;192m14:11:07\u001b[39m\u001b[38;2;208;208;208m \u001b[39m\u001b[38;2;129;192;66mINFO \u001b[39m' +
          '\u001b[38;2;208;208;208m [\u001b[39m\u001b[38;2;68;136;255mExampleResource\u001b[39m\u001b[38;2;208;208;208m] (\u001b[39m' +
          '\u001b[38;2;68;170;68mexecutor-thread-199\u001b[39m\u001b[38;2;208;208;208m) \u001b[39m\u001b[38;2;255;255;255mHello\u001b[39m\n',
      );
      expect(trueColour.record).toMatchObject({
        log_format: 'quarkus',
        name: 'ExampleResource',
        message: 'Hello',
      });
      expect(trueColour.missing).toEqual([]);
      // quarkus-qe/quarkus-test-framework#367: the line separator coloured too.
      const reset = shipped(
        '\u001b[39m' +
          coloured('INFO ', '5;107', 'io.quarkus', 'main', 'Installed features: [cdi]') +
          '\u001b[38;5;227m\n',
      );
      expect(reset.record).toMatchObject({
        log_format: 'quarkus',
        name: 'io.quarkus',
        message: 'Installed features: [cdi]',
      });
      expect(reset.missing).toEqual([]);
    });
  });
});
