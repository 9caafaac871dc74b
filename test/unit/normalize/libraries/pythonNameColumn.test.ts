import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

const shipped = (line: string) => shippedLine(line, 'app-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';

describe('Python logging text with padded columns (pythonLoggingText.ts, pythonNameColumn.ts)', () => {
  it("reads the logging cookbook's `%(asctime)s %(name)-12s %(levelname)-8s %(message)s`", () => {
    const { record, missing } = shipped('2023-11-01 10:47:57,081 myapp.area1  WARNING  Jail zesty vixen\n');
    expect(record).toMatchObject({
      name: 'myapp.area1',
      levelname: 'WARNING',
      message: 'Jail zesty vixen',
      log_format: 'python-logging',
    });
    expect(missing).toEqual([]);
  });

  it('reads `%(asctime)s %(levelname)-8s %(name)-20s %(message)s`: the name in its column', () => {
    const { record, missing } = shipped('2023-11-01 10:47:57,081 WARNING  app.db               slow query\n');
    expect(record).toMatchObject({ name: 'app.db', levelname: 'WARNING', message: 'slow query' });
    expect(missing).toEqual([]);
  });

  it('reads `%(asctime)s %(levelname)-8s %(name)s - %(message)s` inside the Python runtime prefix', () => {
    const { record, missing } = shipped(
      `[WARNING]\t2023-11-01T10:47:57.081Z\t${REQUEST_ID}\t2023-11-01 10:47:57,081 WARNING  app.db - slow query\n`,
    );
    expect(record).toMatchObject({
      name: 'app.db',
      levelname: 'WARNING',
      message: 'slow query',
      aws_request_id: REQUEST_ID,
      log_format: 'lambda-python/python-logging',
    });
    expect(missing).toEqual([]);
  });

  it('keeps the first word of an unpadded `%(levelname)-8s %(message)s` in the message', () => {
    expect(shipped('2023-11-01 10:47:57,081 ERROR    payment failed\n').record).toMatchObject({
      name: 'app-fn',
      levelname: 'ERROR',
      message: 'payment failed',
    });
  });

  it("reads `datefmt='%H:%M:%S'` with the name and level: `10:47:57 app INFO hello`", () => {
    for (const line of ['10:47:57 app INFO hello', '10:47:57,081 - app - INFO - hello']) {
      const { record, missing } = shipped(`${line}\n`);
      expect(record).toMatchObject({
        name: 'app',
        levelname: 'INFO',
        message: 'hello',
        log_format: 'python-logging',
      });
      expect(missing).toEqual([]);
    }
  });
});
