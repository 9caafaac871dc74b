import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

const shipped = (line: string) => shippedLine(line, 'tomcat-fn');

const HEAD = '01-Nov-2023 10:47:57.081 SEVERE [main] org.apache.catalina.core.StandardContext.listenerStart';

describe("Tomcat's OneLineFormatter with a throwable", () => {
  it('leaves no newline at the end of the message; the tab-indented stack is exc_info as Java prints it', () => {
    const { record, missing } = shipped(
      `${HEAD} Listener failed\n\tjava.lang.IllegalStateException: boom\n\t\tat a.B.c(B.java:1)\n\tCaused by: java.lang.Error\n\t\t... 1 more\n`,
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'Listener failed',
      exc_info:
        'java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)\nCaused by: java.lang.Error\n\t... 1 more',
    });
    expect(missing).toEqual([]);
  });

  it('moves a throwable with no frames, and keeps a multi-line message whole', () => {
    const { record } = shipped(`${HEAD} first line\nsecond line\r\n\tjava.lang.IllegalStateException\r\n`);
    expect(record).toMatchObject({
      message: 'first line\nsecond line',
      exc_info: 'java.lang.IllegalStateException',
    });
  });

  it("moves the frames of a thread a web application left running (clearReferencesThreads' 'Stack trace of thread:') to exc_info", () => {
    const { record, missing } = shipped(
      '01-Nov-2023 10:47:57.081 WARNING [main] org.apache.catalina.loader.WebappClassLoaderBase.clearReferencesThreads The web application [ROOT] appears to have started a thread named [pool-1-thread-1] but has failed to stop it. This is very likely to create a memory leak. Stack trace of thread:\n java.base@17.0.2/jdk.internal.misc.Unsafe.park(Native Method)\n java.base@17.0.2/java.lang.Thread.run(Thread.java:833)\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: 'org.apache.catalina.loader.WebappClassLoaderBase.clearReferencesThreads',
      message:
        'The web application [ROOT] appears to have started a thread named [pool-1-thread-1] but has failed to stop it. This is very likely to create a memory leak. Stack trace of thread:',
      exc_info:
        'java.base@17.0.2/jdk.internal.misc.Unsafe.park(Native Method)\njava.base@17.0.2/java.lang.Thread.run(Thread.java:833)',
    });
    expect(missing).toEqual([]);
  });

  it('keeps a message that only mentions a stack trace whole', () => {
    const { record } = shipped(`${HEAD} Stack trace of thread:\nnot a frame\n`);
    expect(record).toMatchObject({ message: 'Stack trace of thread:\nnot a frame' });
    expect(record.exc_info).toBeUndefined();
  });
});
