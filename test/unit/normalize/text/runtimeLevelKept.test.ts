import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

const shipped = (line: string) => shippedLine(line, 'app-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';
const PINO_ERROR = '{"level":50,"time":1698835677081,"msg":"charge failed"}';

describe("a runtime prefix's level that a structured body contradicts is kept as runtime_level", () => {
  it('Node.js: a pino error line written with console.log keeps INFO as runtime_level', () => {
    const { record, missing } = shipped(`2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\t${PINO_ERROR}\n`);
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'charge failed',
      aws_request_id: REQUEST_ID,
      runtime_level: 'INFO',
    });
    expect(missing).toEqual([]);
  });

  it('Node.js: the same line written with console.error states no second level', () => {
    const { record } = shipped(`2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tERROR\t${PINO_ERROR}\n`);
    expect(record).toMatchObject({ levelname: 'ERROR', message: 'charge failed' });
    expect(record).not.toHaveProperty('runtime_level');
  });

  it('a plain-text body takes the prefix level and carries no runtime_level', () => {
    const { record } = shipped(`2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tWARN\tdisk almost full\n`);
    expect(record).toMatchObject({ levelname: 'WARNING', message: 'disk almost full' });
    expect(record).not.toHaveProperty('runtime_level');
  });

  it("Java's `[INFO]` bracket before a JSON error body keeps INFO", () => {
    const { record, missing } = shipped(
      '[INFO] {"level":"ERROR","logger":"com.example.Pay","message":"charge failed"}\n',
    );
    expect(record).toMatchObject({
      name: 'com.example.Pay',
      levelname: 'ERROR',
      message: 'charge failed',
      runtime_level: 'INFO',
    });
    expect(missing).toEqual([]);
  });
});
