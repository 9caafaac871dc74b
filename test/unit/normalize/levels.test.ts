import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toLevelName } from '../../../src/normalize/levels.js';

const WORDS = [
  'trace',
  'debug',
  'info',
  'information',
  'notice',
  'warn',
  'warning',
  'error',
  'fail',
  'critical',
  'fatal',
  'panic',
  'emergency',
];

/** `text` with each letter's case chosen by `upper`. */
function cased(text: string, upper: readonly boolean[]): string {
  return Array.from({ length: text.length }, (_, i) =>
    upper[i % upper.length] === true ? text.charAt(i).toUpperCase() : text.charAt(i),
  ).join('');
}

describe('toLevelName', () => {
  it('maps the usual spellings of the level words', () => {
    expect(
      ['INFO', 'info', 'Info', ' Information ', 'WARN', 'Warning', 'Error', 'FATAL', 'Critical'].map(
        toLevelName,
      ),
    ).toEqual(['INFO', 'INFO', 'INFO', 'INFO', 'WARNING', 'WARNING', 'ERROR', 'CRITICAL', 'CRITICAL']);
    expect([30, '40', 'x', '', 'INFOO', 'In fo'].map(toLevelName)).toEqual([
      'INFO',
      'WARNING',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads any spelling as its trimmed, lower-case form reads (property)', () => {
    const spellings = fc.oneof(
      fc
        .tuple(fc.constantFrom(...WORDS), fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }))
        .map(([word, upper]) => cased(word, upper)),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(spellings, fc.constantFrom('', ' ', '\t'), (spelling, pad) => {
        expect(toLevelName(spelling)).toBe(toLevelName(`${pad}${spelling.toLowerCase()}${pad}`));
      }),
      { numRuns: 2000 },
    );
  });
});
