import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParsedLine } from '../../../../src/normalize/logFormat.js';
import { requestIdOf } from '../../../../src/normalize/formats/envelope.js';
import { lambdaPlatform, parseCommonLine } from '../../../../src/normalize/formats/lambdaPlatform.js';

// The reading of START/END/REPORT that `parseCommonLine` replaced (at fixed places, a character
// loop for the id, the whole line searched for line breaks and double spaces), kept here as the
// reference: the regex must accept exactly the lines it accepted, with the same record.
const REPORT_PARTS: readonly string[] = [
  '\tDuration: ',
  '\tBilled Duration: ',
  '\tMemory Size: ',
  '\tMax Memory Used: ',
  '\tInit Duration: ',
];

function requestIdEnd(line: string, start: number): number {
  let end = start;
  while (end < line.length && line.charCodeAt(end) > 0x20) end++;
  return end;
}

function fixedPlaces(line: string, keyword: string, type: string): ParsedLine | undefined {
  if (line.includes('\n') || line.includes('\r') || line.includes('  ')) return undefined;
  const idStart = keyword.length + 12;
  const idEnd = requestIdEnd(line, idStart);
  const aws_request_id = requestIdOf(line.slice(idStart, idEnd));
  let lambda: Record<string, unknown>;
  let message = line;
  if (keyword === 'END') {
    if (idEnd !== line.length) return undefined;
    lambda = { type };
  } else if (keyword === 'START') {
    const versionStart = idEnd + 10;
    if (!line.startsWith(' Version: ', idEnd) || versionStart >= line.length || line.includes('\t', idEnd)) {
      return undefined;
    }
    if (line.charCodeAt(versionStart) <= 0x20 || line.charCodeAt(line.length - 1) <= 0x20) return undefined;
    lambda = { type, version: line.slice(versionStart) };
  } else {
    const values: number[] = [];
    let at = idEnd;
    for (const part of REPORT_PARTS) {
      if (at === line.length - 1 && values.length >= 4) break;
      if (!line.startsWith(part, at)) return undefined;
      const valueStart = at + part.length;
      const tab = line.indexOf('\t', valueStart);
      if (tab < 0) return undefined;
      const value = Number.parseFloat(line.slice(valueStart, tab));
      if (Number.isNaN(value) || line.charCodeAt(valueStart) <= 0x20) return undefined;
      values.push(value);
      at = tab;
    }
    if (at !== line.length - 1) return undefined;
    const metrics: Record<string, number> = {
      durationMs: values[0] as number,
      billedDurationMs: values[1] as number,
      memorySizeMB: values[2] as number,
      maxMemoryUsedMB: values[3] as number,
    };
    if (values.length === 5) metrics.initDurationMs = values[4] as number;
    lambda = { type, metrics };
    message = line.slice(0, at);
  }
  return { message, levelname: 'INFO', aws_request_id, fields: { lambda }, format: 'lambda-platform' };
}

const IDS = fc.constantFrom(
  '6f1f1f3c-58f4-4d0e-9b65-2b5e4f0b8a11',
  '',
  'undefined',
  'a\u00a0b',
  'x\u0001y',
  'id with space',
  'id\twith\ttab',
  'id\n',
  '\ud83d\ude00',
);
const VALUES = fc.constantFrom(
  '434.61 ms',
  '435 ms',
  '256 MB',
  '1e3 ms',
  '',
  ' 5 ms',
  '5  ms',
  '5 ms ',
  'x ms',
  '-1',
  '5\n',
  '5\r',
  '0x1F',
  'Infinity',
  '.5',
);
const VERSIONS = fc.constantFrom('$LATEST', '12', '', ' 1', '1 ', '1  2', '1 2', 'a\tb', 'v\n', '\u00a0');
const REPORT_KEYS = [
  '\tDuration: ',
  '\tBilled Duration: ',
  '\tMemory Size: ',
  '\tMax Memory Used: ',
  '\tInit Duration: ',
];
const TAILS = fc.constantFrom('', '', '\t', ' ', '\t\t', '\n', 'x', '\tXRAY TraceId: 1');

const LINES = fc.oneof(
  fc.tuple(IDS, TAILS).map(([id, tail]) => ['END', `END RequestId: ${id}${tail}`] as const),
  fc
    .tuple(IDS, fc.constantFrom(' Version: ', ' Version:', '  Version: ', '\tVersion: '), VERSIONS, TAILS)
    .map(
      ([id, label, version, tail]) => ['START', `START RequestId: ${id}${label}${version}${tail}`] as const,
    ),
  fc
    .tuple(IDS, fc.array(VALUES, { minLength: 3, maxLength: 6 }), fc.boolean(), TAILS)
    .map(([id, values, shuffle, tail]) => {
      const keys = shuffle ? [...REPORT_KEYS].reverse() : REPORT_KEYS;
      const body = values.map((value, i) => `${keys[i % keys.length] ?? ''}${value}`).join('');
      return ['REPORT', `REPORT RequestId: ${id}${body}\t${tail}`] as const;
    }),
);

const TYPES: Record<string, string> = {
  START: 'platform.start',
  END: 'platform.end',
  REPORT: 'platform.report',
};

describe('START, END and REPORT lines read by one regex', () => {
  it('accepts exactly the lines the fixed-place reading accepted, with the same record (property)', () => {
    fc.assert(
      fc.property(LINES, ([keyword, line]) => {
        const type = TYPES[keyword] ?? '';
        expect(parseCommonLine(line, keyword, type)).toEqual(fixedPlaces(line, keyword, type));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads the lines Lambda writes', () => {
    const id = '6f1f1f3c-58f4-4d0e-9b65-2b5e4f0b8a11';
    const report = `REPORT RequestId: ${id}\tDuration: 434.61 ms\tBilled Duration: 435 ms\tMemory Size: 256 MB\tMax Memory Used: 114 MB\tInit Duration: 180.21 ms\t`;
    expect(lambdaPlatform.parse(report, { parseBody: () => ({ message: '' }) })).toEqual({
      message: report.slice(0, -1),
      levelname: 'INFO',
      aws_request_id: id,
      fields: {
        lambda: {
          type: 'platform.report',
          metrics: {
            durationMs: 434.61,
            billedDurationMs: 435,
            memorySizeMB: 256,
            maxMemoryUsedMB: 114,
            initDurationMs: 180.21,
          },
        },
      },
      format: 'lambda-platform',
    } satisfies ParsedLine);
    expect(
      parseCommonLine(`START RequestId: ${id} Version: $LATEST`, 'START', 'platform.start')?.fields,
    ).toEqual({
      lambda: { type: 'platform.start', version: '$LATEST' },
    });
    expect(parseCommonLine(`END RequestId: ${id}`, 'END', 'platform.end')?.aws_request_id).toBe(id);
  });
});
