import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * logback's own `JsonEncoder` (logback-classic `ch.qos.logback.classic.encoder.JsonEncoder`):
 * `sequenceNumber`, `timestamp`, `nanoseconds`, `level`, `threadName`, `loggerName`, `context`,
 * `mdc`, `kvpList`, `message` (the raw pattern), `arguments`, `formattedMessage` (off by default),
 * `throwable` (`className`, `message`, `stepArray`, `commonFramesCount`, `cause`, `suppressed`).
 */
const shipped = (line: string) => shippedLine(line, 'java-fn');

const RECORD = {
  sequenceNumber: 4,
  timestamp: 1700000000123,
  nanoseconds: 123000000,
  level: 'ERROR',
  threadName: 'main',
  loggerName: 'com.example.App',
  context: { name: 'default', birthdate: 1700000000000, properties: {} },
  mdc: {},
  kvpList: [],
  message: 'Order {} failed after {} tries',
  arguments: ['A-42', 3],
  throwable: {
    className: 'java.lang.RuntimeException',
    message: 'boom',
    stepArray: [{ className: 'com.example.App', methodName: 'run', fileName: 'App.java', lineNumber: 12 }],
    suppressed: [
      {
        className: 'java.io.IOException',
        message: 'close failed',
        stepArray: [{ className: 'com.example.Res', methodName: 'close', fileName: 'null', lineNumber: -1 }],
      },
    ],
  },
};

describe('logback JsonEncoder records (logbackJsonEncoder.ts)', () => {
  it('fills the message’s placeholders, names the record after its logger and writes the throwable as exc_info', () => {
    const { record, missing } = shipped(JSON.stringify(RECORD));
    expect(record).toMatchObject({
      log_format: 'logback-json-encoder',
      name: 'com.example.App',
      levelname: 'ERROR',
      message: 'Order A-42 failed after 3 tries',
      exc_info:
        'java.lang.RuntimeException: boom\n\tat com.example.App.run(App.java:12)\n' +
        '\tSuppressed: java.io.IOException: close failed\n\t\tat com.example.Res.close(Unknown Source)',
      arguments: ['A-42', 3],
    });
    expect(missing).toEqual([]);
  });

  it('leaves Log4j 2’s JsonLayout, which writes `thread`, to its own format', () => {
    const log4j = {
      thread: 'main',
      level: 'INFO',
      loggerName: 'com.example.App',
      message: 'hi',
      endOfBatch: false,
    };
    expect(shipped(JSON.stringify(log4j)).record.log_format).toBe('log4j2-json');
  });
});
