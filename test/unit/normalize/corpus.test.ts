import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DataMessage } from '../../../src/decode/subscriptionPayload.js';
import { normalizeEvent, type EventSource } from '../../../src/normalize/normalizeEvent.js';
import { normalizePayload } from '../../../src/normalize/normalizePayload.js';
import { lambdaEventSource } from '../../helpers/eventSource.js';

/**
 * The real-world corpus: test/fixtures/corpus/<format>.json holds, for every format SPEC §3
 * lists, lines as they appear in CloudWatch Logs, each with the public source it was taken from
 * and the record fields worked out by hand from SPEC §3. A field the entry leaves out has its
 * SPEC default: `name` the function's (`/aws/lambda/corpus-fn`), `asctime` the event's time, no
 * `exc_info`, no `aws_request_id`.
 */
interface CorpusEntry {
  line: string;
  source: string;
  expect: {
    levelname: string;
    message: string;
    name?: string;
    exc_info?: string;
    aws_request_id?: string;
    asctime?: string;
  };
}

const DIR = join(__dirname, '../../fixtures/corpus');
const FILES = readdirSync(DIR)
  .filter((file) => file.endsWith('.json'))
  .sort();
const source: EventSource = lambdaEventSource('corpus-fn');
const TIMESTAMP = Date.UTC(2023, 10, 1, 10, 47, 57, 81);

function load(file: string): CorpusEntry[] {
  return JSON.parse(readFileSync(join(DIR, file), 'utf8')) as CorpusEntry[];
}

/** The five SPEC fields and the request id the entry promises, defaults filled in. */
function wanted(entry: CorpusEntry): Record<string, unknown> {
  const want = entry.expect;
  return {
    asctime: want.asctime ?? '2023-11-01T10:47:57+0000',
    name: want.name ?? 'corpus-fn',
    levelname: want.levelname,
    message: want.message,
    exc_info: want.exc_info,
    aws_request_id: want.aws_request_id,
  };
}

function got(record: Record<string, unknown>): Record<string, unknown> {
  const { asctime, name, levelname, message, exc_info, aws_request_id } = record;
  return { asctime, name, levelname, message, exc_info, aws_request_id };
}

describe('real-world corpus', () => {
  it('covers every format of SPEC §3 with at least eight sourced lines', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(21);
    for (const file of FILES) {
      const entries = load(file);
      expect(entries.length, file).toBeGreaterThanOrEqual(8);
      for (const entry of entries) expect(entry.source, file).not.toBe('');
    }
  });

  describe.each(FILES)('%s', (file) => {
    const entries = load(file);

    it.each(entries.map((entry, i) => [i, entry.line.slice(0, 70), entry] as const))(
      'line %i (%j) gives the hand-worked record',
      (i, _label, entry) => {
        const record = normalizeEvent({ id: `id-${i}`, timestamp: TIMESTAMP, message: entry.line }, source);
        expect(got(record)).toEqual(wanted(entry));
        expect(record['@timestamp']).toBe('2023-11-01T10:47:57.081Z');
      },
    );

    it('gives the same records, in order, as one subscription payload', () => {
      const payload: DataMessage = {
        messageType: 'DATA_MESSAGE',
        owner: source.owner,
        logGroup: source.logGroup,
        logStream: source.logStream,
        subscriptionFilters: ['cwl-forwarder'],
        logEvents: entries.map((entry, i) => ({ id: `id-${i}`, timestamp: TIMESTAMP, message: entry.line })),
      };
      const records = normalizePayload(payload);
      expect(records.map(got)).toEqual(entries.map(wanted));
      expect(records.map((record) => record.cloudwatch.id)).toEqual(entries.map((_, i) => `id-${i}`));
    });
  });
});
