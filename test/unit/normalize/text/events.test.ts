import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSON_CONVENTION_FORMATS, SERVICE_AND_CONTAINER_FORMATS } from '../../../helpers/formatNames.js';
import { decodePayload } from '../../../../src/decode/decodePayload.js';
import { defaultNameOf } from '../../../../src/normalize/defaultName.js';
import { normalizePayload } from '../../../../src/normalize/normalizePayload.js';

/**
 * The replayable samples in events/ (what `serverless invoke local -p events/<format>.json`
 * sends) carry the fixture lines of their format; decoded and normalized they give the
 * fixture's records, so the samples cannot drift from what the fixtures promise. Lambda samples
 * wrap the lines in START … END / REPORT, which come out INFO.
 */
const FORMATS = [
  'lambda-nodejs',
  'lambda-python',
  'lambda-java',
  'lambda-dotnet',
  'dotnet-console',
  'dotnet-lambda-ilogger',
  'ruby-logger',
  'go-log',
  'lambda-platform',
  'lambda-extension',
  'log4j2',
  'spring-boot',
  'python-logging',
  'logfmt',
  'runtime-crash',
  'text',
  ...SERVICE_AND_CONTAINER_FORMATS,
  ...JSON_CONVENTION_FORMATS,
];

interface Fixture {
  format?: string;
  line: string;
  expect: { levelname: string; message: string; name?: string; exc_info?: string; aws_request_id?: string };
}

const root = join(__dirname, '../../../..');

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(join(root, path), 'utf8'));
}

describe.each(FORMATS)('events/%s.json', (format) => {
  it('normalizes to the records its fixtures promise', () => {
    const payload = decodePayload(readJson(`events/${format}.json`), { maxPayloadBytes: 32 * 1024 * 1024 });
    if (payload.messageType !== 'DATA_MESSAGE') throw new Error('expected a DATA_MESSAGE');
    const records = normalizePayload(payload);
    const fixtures = readJson(`test/fixtures/formats/${format}.json`) as Fixture[];
    const wrapped = records.length === fixtures.length + 3;
    const body = wrapped ? records.slice(1, -2) : records;
    expect(body).toHaveLength(fixtures.length);
    const defaultName = defaultNameOf(payload.logGroup, payload.logStream);
    body.forEach((record, i) => {
      const { expect: want, format: expectedFormat } = fixtures[i] as Fixture;
      expect(record.log_format).toBe(expectedFormat ?? format);
      expect(record).toMatchObject({
        levelname: want.levelname,
        message: want.message,
        name: want.name ?? defaultName,
      });
      expect(record.exc_info).toBe(want.exc_info);
      expect(record.aws_request_id).toBe(want.aws_request_id);
    });
    if (wrapped) {
      for (const record of [records[0], ...records.slice(-2)]) {
        expect(record).toMatchObject({ levelname: 'INFO', log_format: 'lambda-platform' });
      }
    }
  });
});
