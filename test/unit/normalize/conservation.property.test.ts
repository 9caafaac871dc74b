import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeRecord } from '../../../src/batch/encodeRecord.js';
import { normalizeEvent } from '../../../src/normalize/normalizeEvent.js';
import { checkConservation } from '../../helpers/conservation.js';
import { lambdaEventSource } from '../../helpers/eventSource.js';

/**
 * SPEC §3's conservation invariant over every line of the format fixtures and the real-world
 * corpus (picked up by listing their directories, so a new format's fixtures are covered the day
 * they land), as they are and mutated the ways real lines grow: a token appended, a second line,
 * a Python traceback, a V8 `at` frame, a Java `Caused by:`, extra JSON keys (odd keys and
 * numbers JSON cannot hold among them), and wrapped in each runtime's prefix. See
 * test/helpers/conservation.ts for what a token is and the only re-expressions allowed.
 */

const FIXTURE_DIRS = ['formats', 'corpus'].map((dir) => join(__dirname, '../../fixtures', dir));

interface Line {
  readonly file: string;
  readonly line: string;
}

function fixtureLines(): Line[] {
  const lines: Line[] = [];
  for (const dir of FIXTURE_DIRS) {
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
      const entries = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { line?: unknown }[];
      for (const entry of entries) {
        if (typeof entry.line === 'string')
          lines.push({ file: `${dir.split('/').pop()}/${file}`, line: entry.line });
      }
    }
  }
  return lines;
}

const LINES = fixtureLines();
const source = lambdaEventSource('conserve-fn');
const REQUEST_ID = '0f0e0d0c-1b1a-4c3d-8e5f-a0b1c2d3e4f5';

function missingTokens(line: string): string[] {
  const record = normalizeEvent(
    { id: 'e1', timestamp: Date.UTC(2023, 10, 1, 10, 47, 57, 81), message: line },
    source,
  );
  return checkConservation(line, encodeRecord(record).data.toString('utf8')).missing;
}

/** The line without the newline(s) CloudWatch keeps at its end. */
function body(line: string): string {
  return line.replace(/[\r\n]+$/u, '');
}

// Tokens no fixture holds, so a token found in the record came from the mutation.
const word = fc.stringMatching(/^[a-z][a-z0-9]{3,8}$/u).map((w) => `qz${w}`);
const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));

const jsonValue: fc.Arbitrary<string> = fc.oneof(
  word.map((w) => JSON.stringify(w)),
  words.map((w) => JSON.stringify(w)),
  fc.constantFrom('1e400', '-1e400', '12.50', '1E+2', '0.000001', '-0', '7'),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.constantFrom('true', 'false', 'null', '{}', '[]'),
  word.map((w) => `{"${w}":{"${w}x":"${w}y"}}`),
  fc.tuple(word, fc.integer()).map(([w, n]) => `["${w}",${n},{"${w}k":null}]`),
);
const jsonKey = fc.oneof(
  word,
  fc.constantFrom(
    '__proto__',
    'constructor',
    'code',
    '$metadata',
    'extra',
    'previous',
    'cloudwatch',
    'hasOwnProperty',
  ),
);

/**
 * `"key":value` members inserted right after the line's first `{` (or a JSON object appended).
 * A key the line already has is not added again: RFC 8259 §4 leaves duplicate names' meaning to
 * the reader (JSON.parse keeps the last), so such a line is no line of a well-behaved logger.
 */
const extraJsonKeys = fc
  .array(fc.tuple(jsonKey, jsonValue), { minLength: 1, maxLength: 3 })
  .map((members) => (line: string) => {
    const fresh = members.filter(
      ([key], i) => !line.includes(`${JSON.stringify(key)}:`) && members.findIndex(([k]) => k === key) === i,
    );
    const inserted = (fresh.length > 0 ? fresh : [['qzfresh', '1'] as const])
      .map(([key, value]) => `${JSON.stringify(key)}:${value}`)
      .join(',');
    const brace = line.indexOf('{"');
    if (brace < 0) return `${line} {${inserted}}`;
    return `${line.slice(0, brace + 1)}${inserted},${line.slice(brace + 1)}`;
  });

const PREFIXES: Readonly<Record<string, string>> = {
  node: `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\t`,
  'node-error': `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tERROR\t`,
  python: `[INFO]\t2023-11-01T10:47:57.081Z\t${REQUEST_ID}\t`,
  java: '[WARN] ',
  dotnet: `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tfail\t`,
  'dotnet-no-level': `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\t`,
  ruby: `I, [2023-11-01T10:47:57.081234 #8]  INFO ${REQUEST_ID} -- : `,
  'custom-go': '2023/11/01 10:47:57 ',
  'custom-rust': ` INFO Lambda runtime invoke{requestId="${REQUEST_ID}" xrayTraceId="Root=1-65425b3d-0a1b2c3d4e5f6a7b8c9d0e1f;Parent=1a2b3c4d5e6f7a8b;Sampled=0"}: `,
};

type Mutation = (line: string) => string;

const mutations: Readonly<Record<string, fc.Arbitrary<Mutation>>> = {
  'a token appended': word.map((w) => (line: string) => `${line} ${w}`),
  'a second line': words.map((w) => (line: string) => `${line}\n${w}`),
  'a traceback': word.map(
    (w) => (line: string) =>
      `${line}\nTraceback (most recent call last):\n  File "/var/task/${w}.py", line 3, in handler\n    ${w}()\nValueError: ${w}`,
  ),
  'an at frame': word.map((w) => (line: string) => `${line}\n    at ${w} (/var/task/index.js:1:2)`),
  'Caused by:': word.map(
    (w) => (line: string) =>
      `${line}\nCaused by: java.lang.IllegalStateException: ${w}\n\tat com.example.${w}.run(X.java:7)`,
  ),
  'extra JSON keys': extraJsonKeys,
  "a runtime's prefix": fc
    .constantFrom(...Object.values(PREFIXES))
    .map((prefix) => (line: string) => prefix + line),
};

describe('conservation (SPEC §3): every token of a line survives in its record', () => {
  it('reads every fixture file: formats and corpus', () => {
    expect(LINES.length).toBeGreaterThan(400);
  });

  it.each(LINES.map((l, i) => [i, l.file, l] as const))(
    'fixture line %i (%s) as it is',
    (_i, _file, { line }) => {
      expect(missingTokens(line)).toEqual([]);
    },
  );

  describe.each(Object.entries(mutations))('mutated: %s', (_name, mutation) => {
    it('keeps every token of every fixture line', () => {
      fc.assert(
        fc.property(fc.constantFrom(...LINES), mutation, ({ line }, mutate) => {
          const mutated = `${mutate(body(line))}\n`;
          expect(missingTokens(mutated), JSON.stringify(mutated)).toEqual([]);
        }),
        { numRuns: 400 },
      );
    });
  });

  it('wraps every fixture line in every runtime prefix', () => {
    for (const { line } of LINES) {
      for (const prefix of Object.values(PREFIXES)) {
        const wrapped = prefix + line;
        expect(missingTokens(wrapped), JSON.stringify(wrapped)).toEqual([]);
      }
    }
  });
});
