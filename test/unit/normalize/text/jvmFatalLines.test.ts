import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * The JVM's and the `java` launcher's fatal lines (javaRuntime.ts): HotSpot's
 * `-XX:+ExitOnOutOfMemoryError` exit (src/hotspot/share/utilities/debug.cpp,
 * `report_java_out_of_memory`), a failing `UncaughtExceptionHandler`'s report, and the launcher's
 * `java.launcher.cls.error1` (`Error: Could not find or load main class {0}\nCaused by: {1}: {2}`).
 * A process that prints them is exiting or broken: ERROR, as SPEC §3 wants runtime crashes.
 */
const shipped = (line: string) => shippedLine(line, 'java-fn');

describe('JVM fatal lines', () => {
  it.each([
    'Terminating due to java.lang.OutOfMemoryError: Java heap space',
    'Exception: java.lang.OutOfMemoryError thrown from the UncaughtExceptionHandler in thread "main"',
    'Error: Unable to access jarfile /app/app.jar',
    'Error: Could not create the Java Virtual Machine.',
  ])('%s is ERROR, the line its message', (line) => {
    const { record, missing } = shipped(`${line}\n`);
    expect(record).toMatchObject({ log_format: 'lambda-java', levelname: 'ERROR', message: line });
    expect(missing).toEqual([]);
  });

  it('keeps the launcher’s `Caused by:` line as exc_info', () => {
    const { record, missing } = shipped(
      'Error: Could not find or load main class com.example.Main\nCaused by: java.lang.ClassNotFoundException: com.example.Main\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'Error: Could not find or load main class com.example.Main',
      exc_info: 'Caused by: java.lang.ClassNotFoundException: com.example.Main',
    });
    expect(missing).toEqual([]);
  });

  it('leaves other `Error: ` and `Exception: ` text as it was', () => {
    expect(shipped('Error: something else\n').record).toMatchObject({
      log_format: 'text',
      levelname: 'INFO',
    });
    expect(shipped('Exception: boom\n').record).toMatchObject({ log_format: 'text', levelname: 'INFO' });
  });
});
