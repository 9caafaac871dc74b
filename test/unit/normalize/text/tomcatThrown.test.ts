import { describe, expect, it } from 'vitest';
import { encodeRecord } from '../../../../src/batch/encodeRecord.js';
import { normalizeEvent } from '../../../../src/normalize/normalizeEvent.js';
import { checkConservation } from '../../../helpers/conservation.js';
import { lambdaEventSource } from '../../../helpers/eventSource.js';

const source = lambdaEventSource('tomcat-fn');

function shipped(line: string): { record: Record<string, unknown>; missing: string[] } {
  const data = encodeRecord(
    normalizeEvent({ id: 'e1', timestamp: Date.UTC(2023, 10, 1, 10, 47, 57, 81), message: line }, source),
  ).data.toString('utf8');
  return {
    record: JSON.parse(data) as Record<string, unknown>,
    missing: checkConservation(line, data).missing,
  };
}

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
});
