import { describe, expect, it } from 'vitest';
import { normalizeEvent } from '../../../../src/normalize/normalizeEvent.js';
import { lambdaEventSource } from '../../../helpers/eventSource.js';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * logrus' `TextFormatter` on a terminal (or `ForceColors`): `LEVL[0000] <message padded to 44> key=value`
 * (sirupsen/logrus text_formatter.go `printColored`).
 */
const shipped = (line: string) => shippedLine(line, 'go-fn');

describe("logrus' terminal text line (logrusText.ts)", () => {
  it('reads the cut level and keeps the message and its fields as written', () => {
    const { record, missing } = shipped(
      'ERRO[0001] failed to connect                            error="dial tcp: connection refused"\n',
    );
    expect(record).toMatchObject({
      log_format: 'logrus-text',
      levelname: 'ERROR',
      message: 'failed to connect                            error="dial tcp: connection refused"',
      level: 'ERRO',
      time: '0001',
    });
    expect(missing).toEqual([]);
  });

  it('reads WARN, FATA and the FullTimestamp bracket, dropping the padding at the end', () => {
    expect(shipped('WARN[0000] disk almost full\n').record).toMatchObject({ levelname: 'WARNING' });
    expect(shipped('FATA[0000] The ice breaks!\n').record).toMatchObject({
      levelname: 'CRITICAL',
      level: 'FATA',
    });
    const { record, missing } = shipped(
      'INFO[2015-03-26T01:27:38-04:00] started                                      \n',
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      message: 'started',
      time: '2015-03-26T01:27:38-04:00',
    });
    expect(missing).toEqual([]);
  });

  it('reads the coloured line without its colour codes', () => {
    const { record, missing } = shipped(
      '\u001b[33mWARN\u001b[0m[0000] disk almost full                             \u001b[33mfree_mb\u001b[0m=120\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      message: 'disk almost full                             free_mb=120',
    });
    expect(missing).toEqual([]);
  });

  it("leaves other bracketed heads and a Node.js function's line to the other formats", () => {
    expect(shipped('INFO[x] not logrus\n').record).toMatchObject({ log_format: 'text', levelname: 'INFO' });
    const node = normalizeEvent(
      {
        id: 'e1',
        timestamp: 0,
        message: '2023-11-01T10:47:57.081Z\t0c0e8a3a-7a8b-4d7f-9c2e-1b2c3d4e5f60\tINFO\tERRO[0000] copied\n',
      },
      lambdaEventSource('node-fn'),
    );
    expect(node).toMatchObject({ levelname: 'INFO', message: 'ERRO[0000] copied' });
  });
});
