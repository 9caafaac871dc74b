import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIsoTimestampAt, timeAndRequestIdEnd } from '../../../../src/normalize/formats/envelope.js';
import { isUuidAt } from '../../../../src/normalize/formats/scan.js';

/**
 * The reading `timeAndRequestIdEnd` replaced (character loops over each column), kept here as the
 * reference: the first tab after `start` closes an ISO time 19 to 40 characters wide, the next
 * one a request id that is empty, `undefined` or a UUID.
 */
function columnsEnd(line: string, start: number): number {
  const timeEnd = line.indexOf('\t', start);
  const width = timeEnd - start;
  if (width < 19 || width > 40 || !isIsoTimestampAt(line, start, timeEnd)) return -1;
  const idEnd = line.indexOf('\t', timeEnd + 1);
  if (idEnd < 0) return -1;
  const length = idEnd - timeEnd - 1;
  const id =
    length === 0 ||
    (length === 9 && line.startsWith('undefined', timeEnd + 1)) ||
    (length === 36 && isUuidAt(line, timeEnd + 1));
  return id ? idEnd : -1;
}

// Runtime lines column by column, each column one of its spellings or a near miss of one.
const TIMES = fc.oneof(
  fc.constantFrom(
    '2020-05-11T12:44:44.123Z',
    '2020-05-11T12:44:44Z',
    '2020-05-11T12:44:44.123456789+02:00',
    '2020-05-11T12:44:44',
    '2020-05-11T12:44:4',
    '2020-05-11 12:44:44.123Z',
    '2O20-05-11T12:44:44.123Z',
    '2020-05-11T12:44:44.123Z ',
  ),
  // 19 to 42 characters wide: the widest accepted is 40.
  fc.nat({ max: 23 }).map((extra) => `2020-05-11T12:44:44${'.0Z+:-'.repeat(4).slice(0, extra)}`),
);
const IDS = fc.constantFrom(
  '6f1f1f3c-58f4-4d0e-9b65-2b5e4f0b8a11',
  '6F1F1F3C-58F4-4D0E-9B65-2B5E4F0B8A11',
  '6f1f1f3c-58f4-4d0e-9b65-2b5e4f0b8a1',
  '6f1f1f3c-58f4-4d0e-9b65-2b5e4f0b8a111',
  '6f1f1f3c-58f4-4d0e-9b65-2b5e4f0b8a1g',
  '6f1f1f3c_58f4-4d0e-9b65-2b5e4f0b8a11',
  'undefined',
  'undefine',
  'null',
  'INFO',
  '',
);
const SEPARATORS = fc.constantFrom('\t', '\t', '\t', ' ', '\t\t', '');
const LINES = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom('', '[INFO]\t', 'x'),
        TIMES,
        SEPARATORS,
        IDS,
        SEPARATORS,
        fc.string({ maxLength: 8 }),
      )
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
);

describe('timeAndRequestIdEnd', () => {
  it('finds the same end of the time and request-id columns as reading them character by character (property)', () => {
    fc.assert(
      fc.property(LINES, fc.constantFrom(0, 0, 1, 7), (line, from) => {
        const start = Math.min(from, line.length);
        expect(timeAndRequestIdEnd(line, start)).toBe(columnsEnd(line, start));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the columns of a Node.js, a Python and a .NET runtime line, and turns others down', () => {
    const id = '6f1f1f3c-58f4-4d0e-9b65-2b5e4f0b8a11';
    const node = `2020-05-11T12:44:44.123Z\t${id}\tINFO\tdone`;
    expect(timeAndRequestIdEnd(node, 0)).toBe(node.indexOf('\tINFO'));
    const python = `[INFO]\t2020-05-11T12:44:44.123Z\t${id}\tdone`;
    expect(timeAndRequestIdEnd(python, 7)).toBe(python.lastIndexOf('\t'));
    expect(timeAndRequestIdEnd('2020-05-11T12:44:44.123Z\t\tinfo\tdone', 0)).toBe(25);
    expect(timeAndRequestIdEnd('2020-05-11T12:44:44.123Z\tundefined\tINFO\tx', 0)).toBe(34);
    // zap's console encoder: a level where the id would be.
    expect(timeAndRequestIdEnd('2020-05-11T12:44:44.123Z\tINFO\tapp/main.go:12\tdone', 0)).toBe(-1);
    expect(timeAndRequestIdEnd(`2020-05-11T12:44:44.123Z ${id}\tINFO\tdone`, 0)).toBe(-1);
  });
});
