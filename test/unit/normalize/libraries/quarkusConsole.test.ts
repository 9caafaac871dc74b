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
});
