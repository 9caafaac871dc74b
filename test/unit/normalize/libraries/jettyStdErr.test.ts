import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Jetty 9's built-in StdErrLog (eclipse/jetty.project jetty-util StdErrLog.java `format`):
 * `time:LEVEL:logger:thread: message`, a throwable on the next lines (jettyStdErr.ts).
 */
const shipped = (line: string) => shippedLine(line, 'jetty-fn');

describe("Jetty's StdErrLog (jettyStdErr.ts)", () => {
  it('reads the level, the abbreviated logger as the name, the thread and the stack', () => {
    const { record, missing } = shipped(
      '2019-03-27 10:25:32.100:WARN:oejw.WebAppContext:qtp1-12: Failed startup of context\n' +
        'java.lang.IllegalStateException: No such servlet: default\n' +
        '\tat org.eclipse.jetty.servlet.ServletHandler.initialize(ServletHandler.java:747)\n',
    );
    expect(record).toMatchObject({
      log_format: 'jetty',
      levelname: 'WARNING',
      name: 'oejw.WebAppContext',
      message: 'Failed startup of context',
      thread: 'qtp1-12',
      time: '2019-03-27 10:25:32.100',
      exc_info:
        'java.lang.IllegalStateException: No such servlet: default\n' +
        '\tat org.eclipse.jetty.servlet.ServletHandler.initialize(ServletHandler.java:747)',
    });
    expect(missing).toEqual([]);
  });

  it("names the root logger's lines after the function, and takes no other level word", () => {
    const { record, missing } = shipped('2019-03-27 10:25:31.623:INFO::main: Logging initialized @316ms\n');
    expect(record).toMatchObject({
      log_format: 'jetty',
      levelname: 'INFO',
      name: 'jetty-fn',
      thread: 'main',
    });
    expect(missing).toEqual([]);
    expect(shipped('2019-03-27 10:25:31.623:NOTE::main: x\n').record.log_format).not.toBe('jetty');
  });

  it("reads Jetty 10+'s jetty-slf4j-impl lines, whose INFO and WARN are padded to five", () => {
    const { record, missing } = shipped(
      '2021-01-26 16:15:51.004:WARN :oejw.WebAppContext:main: Failed startup of context\n' +
        'java.lang.IllegalStateException: No such servlet: default\n' +
        '\tat org.eclipse.jetty.servlet.ServletHandler.initialize(ServletHandler.java:734)\n',
    );
    expect(record).toMatchObject({
      log_format: 'jetty',
      levelname: 'WARNING',
      name: 'oejw.WebAppContext',
      message: 'Failed startup of context',
      thread: 'main',
      exc_info:
        'java.lang.IllegalStateException: No such servlet: default\n' +
        '\tat org.eclipse.jetty.servlet.ServletHandler.initialize(ServletHandler.java:734)',
    });
    expect(missing).toEqual([]);
    expect(shipped('2023-05-02 09:12:44.501:ERROR:oejs.HttpChannel:qtp1-19: /api\n').record).toMatchObject({
      log_format: 'jetty',
      levelname: 'ERROR',
      message: '/api',
    });
    expect(shipped('2021-01-26 16:15:50.283:INFO :oejs.Server:main: jetty-10.0.1\n').record).toMatchObject({
      levelname: 'INFO',
      name: 'oejs.Server',
      message: 'jetty-10.0.1',
    });
  });
});
