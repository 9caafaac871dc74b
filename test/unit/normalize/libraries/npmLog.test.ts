import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/** npm's own stderr lines (formats/npmLog.ts): text before, `npm ERR!` INFO. */
const shipped = (line: string) => shippedLine(line, 'api-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';

describe("npm's log lines (npmLog.ts)", () => {
  it("reads npmlog's ERR! and WARN (npm ≤ 9): the level, npm as the name", () => {
    const { record, missing } = shipped('npm ERR! code ELIFECYCLE\n');
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'npm',
      message: 'code ELIFECYCLE',
      log_format: 'npm',
      level: 'ERR!',
    });
    expect(missing).toEqual([]);
    expect(shipped('npm WARN deprecated request@2.88.2: request has been deprecated\n').record).toMatchObject(
      {
        levelname: 'WARNING',
        message: 'deprecated request@2.88.2: request has been deprecated',
      },
    );
    expect(shipped('npm ERR! \n').record).toMatchObject({ levelname: 'ERROR', message: '' });
  });

  it("reads npm 10's lower-case levels and the quieter ones", () => {
    expect(shipped('npm error Lifecycle script `start` failed with error:\n').record).toMatchObject({
      levelname: 'ERROR',
      message: 'Lifecycle script `start` failed with error:',
    });
    expect(shipped('npm warn config production Use `--omit=dev` instead.\n').record.levelname).toBe(
      'WARNING',
    );
    expect(
      shipped('npm notice New major version of npm available! 10.8.2 -> 11.7.0\n').record.levelname,
    ).toBe('INFO');
    const http = shipped('npm http fetch GET 200 https://registry.npmjs.org/x 50ms\n');
    expect(http.record).toMatchObject({ levelname: 'INFO', level: 'http' });
    expect(http.missing).toEqual([]);
    expect(shipped('npm verb exit 1\n').record).toMatchObject({ levelname: 'DEBUG', level: 'verb' });
  });

  it('reads a coloured line as the plain one', () => {
    const coloured = shipped('\u001b[1mnpm\u001b[22m \u001b[31merror\u001b[39m code E404\n');
    expect(coloured.record).toEqual(shipped('npm error code E404\n').record);
    expect(coloured.missing).toEqual([]);
  });

  it('leaves npm commands and text inside a runtime prefix alone', () => {
    expect(shipped('npm run build\n').record.log_format).toBe('text');
    expect(shipped('npm install failed\n').record.log_format).toBe('text');
    expect(shipped(`2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\tnpm ERR! x\n`).record.log_format).toBe(
      'lambda-nodejs',
    );
  });
});
