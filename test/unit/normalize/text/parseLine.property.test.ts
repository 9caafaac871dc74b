import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParsedLine } from '../../../../src/normalize/logFormat.js';
import { parseLine } from '../../../../src/normalize/parseLine.js';
import { LEVEL_NAMES } from '../../../../src/normalize/record.js';

/**
 * Invariants of the text side, for any string:
 * 1. `parseLine` returns (never throws) a string `message`, a `levelname` that is absent (the
 *    record then says INFO) or one of the five names, and an `exc_info` that is absent or a
 *    non-empty string with `\n` (never `\r`) between its lines.
 * 2. Nothing of the text is lost: when no format claims the line (plain text), and for the body
 *    of a Node.js, Python or .NET runtime line, every whitespace-separated token of the text is
 *    found in `message + "\n" + exc_info`. Splitting a message from its stack only ever cuts at
 *    line breaks or at the space before an exception's name, and re-indentation only changes
 *    whitespace, so tokens survive whole.
 */

// Pieces that steer arbitrary text into the stack-splitting paths.
const PIECES = fc.oneof(
  { weight: 4, arbitrary: fc.string() },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '\n',
      '\r',
      '\r\n',
      '\t',
      ' ',
      '\u00a0',
      'Error: boom',
      'Failed to charge TypeError: x',
      '    at f (/var/task/index.js:1:2)',
      '\tat a.B.c(B.java:1)',
      '   at N.C.M() in /f.cs:line 4',
      '\t... 3 more',
      'Caused by: java.io.IOException: disk',
      'Traceback (most recent call last):',
      '  File "/var/task/app.py", line 1, in h',
      "KeyError: 'x'",
      'java.lang.IllegalStateException: boom',
    ),
  },
);
const TEXT = fc.array(PIECES, { maxLength: 30 }).map((parts) => parts.join(''));

const PREFIXES = [
  '2023-11-01T10:47:57.081Z\t8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01\tINFO\t',
  '2023-11-01T10:47:57.081Z\tundefined\tERROR\t',
  '[WARNING]\t2023-11-01T10:47:57.081Z\t8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01\t',
  '2023-11-01T10:47:57.081Z\t\tfail\t',
];

function checkShape(parsed: ParsedLine): void {
  expect(typeof parsed.message).toBe('string');
  if (parsed.levelname !== undefined) expect(LEVEL_NAMES).toContain(parsed.levelname);
  if (parsed.exc_info !== undefined) {
    expect(parsed.exc_info).not.toBe('');
    expect(parsed.exc_info).not.toContain('\r');
  }
}

function checkTokensKept(text: string, parsed: ParsedLine): void {
  const kept = `${parsed.message}\n${parsed.exc_info ?? ''}`;
  for (const token of text.split(/\s+/)) {
    if (token !== '') expect(kept, `token ${JSON.stringify(token)}`).toContain(token);
  }
}

describe('parseLine on any text', () => {
  it('returns a well-formed result for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), TEXT), (line) => {
        checkShape(parseLine(line));
      }),
      { numRuns: 2000 },
    );
  });

  it('loses no token of a line it reads as plain text', () => {
    fc.assert(
      fc.property(TEXT, (line) => {
        const parsed = parseLine(line);
        if (parsed.format === 'text') checkTokensKept(line, parsed);
      }),
      { numRuns: 2000 },
    );
  });

  it('loses no token of the body of a runtime line', () => {
    const body = TEXT.filter((text) => !text.trimStart().startsWith('{') && !text.startsWith('Invoke Error'));
    fc.assert(
      fc.property(fc.constantFrom(...PREFIXES), body, (prefix, text) => {
        const parsed = parseLine(prefix + text);
        checkShape(parsed);
        checkTokensKept(text, parsed);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps pinned counterexamples fixed', () => {
    // Past failures stay here as examples.
    for (const line of ['Error: x\n    at f (a.js:1:1)', 'a Error:\n\tat b', '\u00a0Error\n   at x']) {
      const parsed = parseLine(line);
      checkShape(parsed);
      if (parsed.format === 'text') checkTokensKept(line, parsed);
    }
  });
});
