import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DECLARATIONS, TEXT_FORMATS } from '../../../src/normalize/formats/index.js';
import type { ParseContext } from '../../../src/normalize/logFormat.js';
import { normalizeEvent } from '../../../src/normalize/normalizeEvent.js';
import { lambdaEventSource } from '../../helpers/eventSource.js';

/**
 * SPEC §3: "what a runtime's prefix wraps is read only as what that runtime's programs write".
 * Each case is a line as the runtime writes it around a body that another language's logger
 * would write; the record must read the body as that runtime's program printed it.
 */
const source = lambdaEventSource('context-fn');
const REQUEST_ID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';
const NODE = `2026-11-20T09:15:03.655Z\t${REQUEST_ID}\t`;
const PYTHON = `[INFO]\t2026-11-20T09:15:03.655Z\t${REQUEST_ID}\t`;

function recordOf(line: string) {
  return normalizeEvent({ id: '1', timestamp: Date.UTC(2026, 10, 20, 9, 15, 3, 655), message: line }, source);
}

describe('contextual detection', () => {
  it('reads a Node.js console.log whose text starts with ERROR as that text, at the level console.log wrote', () => {
    const record = recordOf(`${NODE}INFO\tERROR budget report:\tsku\tqty\tprice\n`);
    expect(record.levelname).toBe('INFO');
    expect(record.message).toBe('ERROR budget report:\tsku\tqty\tprice');
    expect(record.aws_request_id).toBe(REQUEST_ID);
    expect(record.log_format).toBe('lambda-nodejs');
  });

  it('does not read Rust tracing inside the Python runtime prefix', () => {
    const record = recordOf(`${PYTHON}WARN resolving host example.com\n`);
    expect(record.levelname).toBe('INFO');
    expect(record.message).toBe('WARN resolving host example.com');
    expect(record.log_format).toBe('lambda-python');
  });

  it('does not read Python logging or Ruby Logger text inside the Node.js runtime prefix', () => {
    const python = recordOf(`${NODE}WARN\tERROR:payments:card declined\n`);
    expect([python.levelname, python.name, python.message]).toEqual([
      'WARNING',
      'context-fn',
      'ERROR:payments:card declined',
    ]);
    const ruby = recordOf(`${NODE}INFO\tE, [2026-11-20T09:15:03.655123 #8] ERROR -- app: boom\n`);
    expect([ruby.levelname, ruby.name, ruby.message]).toEqual([
      'INFO',
      'context-fn',
      'E, [2026-11-20T09:15:03.655123 #8] ERROR -- app: boom',
    ]);
  });

  it('still reads a Rust tracing line where a Rust function writes it: at the top of the event', () => {
    const record = recordOf('ERROR budget report: sku qty price\n');
    expect(record.levelname).toBe('ERROR');
    expect(record.message).toBe('budget report: sku qty price');
    expect(record.log_format).toBe('rust-tracing');
  });

  it("still reads what a runtime's own programs print inside its prefix", () => {
    const pino = recordOf(`${NODE}INFO\t{"level":50,"time":1795000000000,"msg":"charge failed","pid":8}\n`);
    expect([pino.log_format, pino.levelname, pino.message]).toEqual([
      'lambda-nodejs/pino',
      'ERROR',
      'charge failed',
    ]);
    const logging = recordOf(`${PYTHON}2026-11-20 09:15:03,655 app.orders WARNING stock low\n`);
    expect([logging.log_format, logging.levelname, logging.name, logging.message]).toEqual([
      'lambda-python/python-logging',
      'WARNING',
      'app.orders',
      'stock low',
    ]);
  });

  it('tries a format that declares nothing everywhere: logfmt inside the Node.js prefix', () => {
    const record = recordOf(`${NODE}INFO\tlevel=warn msg="disk almost full" free=3%\n`);
    expect(record.log_format).toBe('lambda-nodejs/logfmt');
    expect(record.levelname).toBe('WARNING');
    expect(record.message).toBe('disk almost full');
    expect(record.free).toBe('3%');
  });
});

/** Every fixture and corpus line, and the bodies the runtimes' prefixes wrap in them. */
function knownLines(): string[] {
  const lines: string[] = [];
  for (const dir of ['formats', 'corpus']) {
    const path = join(__dirname, '../../fixtures', dir);
    for (const file of readdirSync(path).filter((name) => name.endsWith('.json'))) {
      for (const entry of JSON.parse(readFileSync(join(path, file), 'utf8')) as { line: string }[]) {
        const line = entry.line.replace(/[\r\n]+$/, '');
        lines.push(line);
        // `<ISO>\t<id>\t<LEVEL>\t<body>` and `[LEVEL]\t<ISO>\t<id>\t<body>`: the body alone.
        const columns = line.split('\t');
        if (columns.length > 3) lines.push(columns.slice(3).join('\t'));
        // With and without a leading space, a BOM and other starts no declaration lists.
        lines.push(` ${line}`, `\ufeff${line}`, `é${line}`);
      }
    }
  }
  return lines;
}

describe('format declarations', () => {
  const lines = knownLines();
  const context: ParseContext = { parseBody: (body) => ({ message: body }) };

  it.each(
    TEXT_FORMATS.filter((format) => DECLARATIONS.get(format)?.firstChars !== undefined).map(
      (format) => [format.name, format] as const,
    ),
  )('%s claims only lines starting with a character it declares', (_name, format) => {
    const firstChars = DECLARATIONS.get(format)?.firstChars ?? '';
    const claimedOutside = lines.filter(
      (line) => format.parse(line, context) !== undefined && !firstChars.includes(line.charAt(0)),
    );
    expect(claimedOutside).toEqual([]);
  });

  it('declares only known places, and envelopes only at the top of an event', () => {
    const places = new Set(['top', 'nodejs', 'python', 'java', 'dotnet', 'ruby', 'go', 'custom']);
    for (const declaration of DECLARATIONS.values()) {
      for (const place of declaration.appearsIn ?? []) expect(places.has(place)).toBe(true);
      if (declaration.wraps !== undefined) expect(declaration.appearsIn).toEqual(['top']);
    }
  });
});
