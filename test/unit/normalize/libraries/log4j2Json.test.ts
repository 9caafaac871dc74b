import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Log4j 2's `JsonLayout` (`<JsonLayout compact="true" eventEol="true"/>`): `instant` (or, before
 * 2.11, `timeMillis`), `thread`, `level`, `loggerName`, `message`, `thrown` with its
 * `extendedStackTrace` frames and `cause`, `endOfBatch`, `loggerFqcn`, `contextMap`, `threadId`,
 * `threadPriority` (apache/logging-log4j2 log4j-core/.../layout/JsonLayout.java and the manual's
 * "JSON Layout" example).
 */
const shipped = (line: string) => shippedLine(line, 'java-fn');

const THROWN = {
  commonElementCount: 0,
  localizedMessage: 'boom',
  message: 'boom',
  name: 'java.lang.IllegalStateException',
  extendedStackTrace: [
    {
      class: 'com.example.App',
      method: 'run',
      file: 'App.java',
      line: 12,
      exact: true,
      location: 'classes/',
      version: '?',
    },
    {
      class: 'com.example.App',
      method: 'main',
      file: 'App.java',
      line: 5,
      exact: true,
      location: 'classes/',
      version: '?',
    },
  ],
  cause: {
    commonElementCount: 1,
    localizedMessage: 'reset',
    message: 'reset',
    name: 'java.io.IOException',
    extendedStackTrace: [
      {
        class: 'com.example.Net',
        method: 'read',
        file: 'Net.java',
        line: 3,
        exact: false,
        location: 'classes/',
        version: '?',
      },
    ],
  },
};

describe("Log4j 2's JsonLayout (log4j2Json.ts)", () => {
  it('reads level, loggerName as the name and message', () => {
    const { record, missing } = shipped(
      '{"instant":{"epochSecond":1698835677,"nanoOfSecond":81000000},"thread":"main","level":"WARN","loggerName":"com.example.App","message":"careful","endOfBatch":false,"loggerFqcn":"org.apache.logging.log4j.spi.AbstractLogger","threadId":1,"threadPriority":5}\n',
    );
    expect(record).toMatchObject({
      name: 'com.example.App',
      levelname: 'WARNING',
      message: 'careful',
      log_format: 'log4j2-json',
      thread: 'main',
    });
    expect(missing).toEqual([]);
  });

  it('writes `thrown` into exc_info as Java prints it, its causes included, and keeps it', () => {
    const { record, missing } = shipped(
      JSON.stringify({
        timeMillis: 1698835677081,
        thread: 'main',
        level: 'ERROR',
        loggerName: 'com.example.App',
        message: 'Failed',
        thrown: THROWN,
        endOfBatch: false,
        loggerFqcn: 'org.apache.logging.log4j.spi.AbstractLogger',
        threadId: 1,
        threadPriority: 5,
      }) + '\n',
    );
    expect(record).toMatchObject({
      name: 'com.example.App',
      levelname: 'ERROR',
      message: 'Failed',
      exc_info:
        'java.lang.IllegalStateException: boom\n\tat com.example.App.run(App.java:12)\n\tat com.example.App.main(App.java:5)\n' +
        'Caused by: java.io.IOException: reset\n\tat com.example.Net.read(Net.java:3)',
      thrown: THROWN,
    });
    expect(missing).toEqual([]);
  });
});
