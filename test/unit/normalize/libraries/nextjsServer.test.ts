import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/** The Next.js server's own lines (formats/nextjs.ts): text before, ` ⨯ Error` INFO. */
const shipped = (line: string) => shippedLine(line, 'web-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';

describe("Next.js' server output (nextjs.ts)", () => {
  it("reads 13.5+'s ⨯ as ERROR, its stack as exc_info, and ⚠ as WARNING", () => {
    const { record, missing } = shipped(' ⨯ Error: boom\n    at Page (/app/.next/server/app/page.js:1:2)\n');
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'Error: boom',
      exc_info: 'Error: boom\n    at Page (/app/.next/server/app/page.js:1:2)',
      log_format: 'nextjs',
    });
    expect(missing).toEqual([]);
    expect(shipped(' ⚠ Invalid next.config.js options detected\n').record).toMatchObject({
      levelname: 'WARNING',
      message: 'Invalid next.config.js options detected',
    });
    expect(shipped(' ✓ Ready in 1484ms\n').record).toMatchObject({ levelname: 'INFO', log_format: 'nextjs' });
  });

  it('reads a coloured symbol as the plain one', () => {
    const coloured = shipped(' \u001b[31m\u001b[1m⨯\u001b[22m\u001b[39m unhandledRejection: Error: x\n');
    expect(coloured.record).toEqual(shipped(' ⨯ unhandledRejection: Error: x\n').record);
    expect(coloured.missing).toEqual([]);
  });

  it("reads ≤ 13.4's padded words, the ones that are no level kept", () => {
    const ready = shipped('ready - started server on 0.0.0.0:3000, url: http://localhost:3000\n');
    expect(ready.record).toMatchObject({
      levelname: 'INFO',
      level: 'ready',
      message: 'started server on 0.0.0.0:3000, url: http://localhost:3000',
    });
    expect(ready.missing).toEqual([]);
    expect(shipped('error - Failed to load env\n').record.levelname).toBe('ERROR');
    expect(
      shipped('warn  - You have enabled experimental feature (appDir) in next.config.js.\n').record.levelname,
    ).toBe('WARNING');
    expect(shipped('warn - one space\n').record.log_format).toBe('text');
  });

  it("reads 13.4's later `- word` prefixes, the words that are no level kept", () => {
    const ready = shipped('- ready started server on 0.0.0.0:3000, url: http://localhost:3000\n');
    expect(ready.record).toMatchObject({
      levelname: 'INFO',
      level: 'ready',
      message: 'started server on 0.0.0.0:3000, url: http://localhost:3000',
      log_format: 'nextjs',
    });
    expect(ready.missing).toEqual([]);
    expect(
      shipped('- event compiled client and server successfully in 5.8s (295 modules)\n').record,
    ).toMatchObject({
      levelname: 'INFO',
      level: 'event',
      message: 'compiled client and server successfully in 5.8s (295 modules)',
    });
    expect(shipped('- wait compiling...\n').record).toMatchObject({ level: 'wait', message: 'compiling...' });
    expect(shipped('- info Loaded env from /app/.env\n').record).toMatchObject({
      levelname: 'INFO',
      message: 'Loaded env from /app/.env',
    });
    expect(shipped('- trace build-trace\n').record.levelname).toBe('DEBUG');
  });

  it("maps 13.4's `- warn` and `- error`, coloured or not, an error's stack as exc_info", () => {
    const warn = shipped('- warn You have enabled experimental feature (serverActions) in next.config.js.\n');
    expect(warn.record).toMatchObject({
      levelname: 'WARNING',
      message: 'You have enabled experimental feature (serverActions) in next.config.js.',
    });
    expect(warn.record.level).toBeUndefined();
    expect(
      shipped('\u001b[33m- warn\u001b[39m Port 3000 is in use, trying 3001 instead.\n').record,
    ).toMatchObject({
      levelname: 'WARNING',
      message: 'Port 3000 is in use, trying 3001 instead.',
    });
    const error = shipped('- error Error: boom\n    at Page (/app/.next/server/app/page.js:1:2)\n');
    expect(error.record).toMatchObject({
      levelname: 'ERROR',
      message: 'Error: boom',
      exc_info: 'Error: boom\n    at Page (/app/.next/server/app/page.js:1:2)',
    });
    expect(error.missing).toEqual([]);
  });

  it('leaves a dash before any other word as text', () => {
    expect(shipped('- readyness checks passed\n').record.log_format).toBe('text');
    expect(shipped('- item one\n').record.log_format).toBe('text');
  });

  it("is read behind the Node.js runtime's prefix (a Next server on Lambda)", () => {
    expect(shipped(`2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tERROR\t ⨯ Error: boom\n`).record).toMatchObject({
      levelname: 'ERROR',
      log_format: 'lambda-nodejs/nextjs',
      message: 'Error: boom',
    });
  });
});
