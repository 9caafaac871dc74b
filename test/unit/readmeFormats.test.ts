import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeEvent } from '../../src/normalize/normalizeEvent.js';
import { JSON_FORMATS, TEXT_FORMATS } from '../../src/normalize/formats/index.js';
import { lambdaEventSource } from '../helpers/eventSource.js';

/**
 * The README's "Formats" list is how a user learns which `log_format` values to filter on in
 * Kibana: it names every one the normalizer can write, the formats' own names and those a parser
 * sets for a variant (`go-panic`, `aws-sdk-cpp`, …), here found by reading every corpus line.
 */
const README = readFileSync('README.md', 'utf8');
const listed = (name: string) => README.includes(`\`${name}\``);

describe('README: the format list', () => {
  it("names every format's log_format", () => {
    const names = [...TEXT_FORMATS, ...JSON_FORMATS].map((format) => format.name);
    expect(names.filter((name) => !listed(name))).toEqual([]);
  });

  it('names every log_format the corpus lines are read as', () => {
    const dir = join(__dirname, '../fixtures/corpus');
    const seen = new Set<string>();
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
      const entries = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { line: string }[];
      for (const [i, entry] of entries.entries()) {
        const record = normalizeEvent(
          { id: `id-${i}`, timestamp: Date.UTC(2023, 10, 1), message: entry.line },
          lambdaEventSource('corpus-fn'),
        );
        for (const part of String(record.log_format).split('/')) seen.add(part);
      }
    }
    expect([...seen].filter((name) => !listed(name)).sort()).toEqual([]);
  });
});
