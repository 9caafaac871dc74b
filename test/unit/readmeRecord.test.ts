import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { decodePayload } from '../../src/decode/decodePayload.js';
import { encodePayloadRecords } from '../../src/forwardLogs.js';

/** The JSON block of the README's "One record" section. */
function readmeRecord(): Record<string, unknown> {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## One record'));
  const block = /```json\n([\s\S]*?)\n```/.exec(section);
  if (block?.[1] === undefined) throw new Error('README has no JSON block under "## One record"');
  return JSON.parse(block[1]) as Record<string, unknown>;
}

describe("the README's example record", () => {
  it('is the record the forwarder delivers for that event of events/lambda-python.json', () => {
    const shown = readmeRecord();
    const config = readConfig({ DELIVERY_STREAM_NAME: 'logging-test' });
    const payload = decodePayload(JSON.parse(readFileSync('events/lambda-python.json', 'utf8')), config);
    if (payload.messageType !== 'DATA_MESSAGE')
      throw new Error('events/lambda-python.json is a control message');
    const delivered = encodePayloadRecords(payload, config).encoded.map(
      (line) => JSON.parse(line.data.toString('utf8')) as Record<string, unknown>,
    );
    const id = (shown.cloudwatch as { id: string }).id;
    const record = delivered.find((candidate) => (candidate.cloudwatch as { id: string }).id === id);
    expect(record).toEqual(shown);
    // Key order too: the README shows the record as a reader of the NDJSON sees it.
    expect(Object.keys(record ?? {})).toEqual(Object.keys(shown));
  });
});
