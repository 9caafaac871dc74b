import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Dropwizard's default layout, `%-5p [%d{ISO8601,UTC}] %c: %m%n%rEx` (dropwizard/dropwizard
 * dropwizard-logging DropwizardLayout.java): lines as dropwizard/dropwizard#109 and #2623 quote
 * them. They were read as Rust `tracing` lines, the date and logger left in the message.
 */
const shipped = (line: string) => shippedLine(line, 'dropwizard-svc');

describe('Dropwizard layout (dropwizard.ts)', () => {
  it('names the record after the logger; the message alone', () => {
    const { record, missing } = shipped(
      'INFO  [2019-01-31 09:57:07,022] org.eclipse.jetty.server.AbstractConnector: Stopped application@471ac7e2{HTTP/1.1,[http/1.1]}{0.0.0.0:8080}\n',
    );
    expect(record).toMatchObject({
      log_format: 'dropwizard',
      levelname: 'INFO',
      name: 'org.eclipse.jetty.server.AbstractConnector',
      message: 'Stopped application@471ac7e2{HTTP/1.1,[http/1.1]}{0.0.0.0:8080}',
    });
    expect(missing).toEqual([]);
  });

  it('moves the `! `-prefixed throwable to exc_info as Java prints it', () => {
    const { record, missing } = shipped(
      'ERROR [2012-06-11 01:22:58,722] com.yammer.dropwizard.jersey.LoggingExceptionMapper: Error handling a request: 46b4c2d7ea57bef0\n' +
        '! java.lang.RuntimeException: boom\n' +
        '! at java.lang.Thread.run(Thread.java:680)\n' +
        'Caused by: ! org.codehaus.jackson.map.JsonMappingException: Can not deserialize\n' +
        '!... 56 common frames omitted\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'com.yammer.dropwizard.jersey.LoggingExceptionMapper',
      message: 'Error handling a request: 46b4c2d7ea57bef0',
      exc_info:
        'java.lang.RuntimeException: boom\n\tat java.lang.Thread.run(Thread.java:680)\n' +
        'Caused by: org.codehaus.jackson.map.JsonMappingException: Can not deserialize\n\t... 56 common frames omitted',
    });
    expect(missing).toEqual([]);
  });

  it('keeps the health-check notice framed in `!` as the message', () => {
    const { record, missing } = shipped(
      'WARN  [2024-01-15 10:23:45,123] io.dropwizard.setup.AdminEnvironment: \n!    THIS APPLICATION HAS NO HEALTHCHECKS.    !\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      message: '!    THIS APPLICATION HAS NO HEALTHCHECKS.    !',
    });
    expect(record).not.toHaveProperty('exc_info');
    expect(missing).toEqual([]);
  });

  it('leaves Rust `tracing` lines to their format', () => {
    expect(shipped('INFO my_app::handler: request done\n').record.log_format).not.toBe('dropwizard');
  });
});
