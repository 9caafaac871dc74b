import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_AND_CONTAINER_FORMATS } from '../../helpers/formatNames.js';
import { normalizeEvent } from '../../../src/normalize/normalizeEvent.js';
import { lambdaEventSource } from '../../helpers/eventSource.js';

/**
 * AWS services' own records and container servers' lines are whole log events (SPEC §3:
 * detection is contextual): at the top of an event they are read as their format, and a Lambda
 * runtime's prefix never wraps one — a function that prints an nginx-looking line is printing
 * text, which the runtime's format keeps whole as its message (a JSON one is any JSON object).
 */
const JSON_FORMATS = new Set(['api-gateway-access', 'step-functions', 'cloudtrail']);
const FORMATS = SERVICE_AND_CONTAINER_FORMATS;
const REQUEST_ID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';
const source = lambdaEventSource('placement-fn');

function firstLine(format: string): string {
  const fixtures = JSON.parse(
    readFileSync(join(__dirname, '../../fixtures/formats', `${format}.json`), 'utf8'),
  ) as { line: string }[];
  return (fixtures[0]?.line ?? '').replace(/\n$/, '');
}

describe.each(FORMATS)('%s lines', (format) => {
  const line = firstLine(format);

  it('are read as their format at the top of an event', () => {
    expect(normalizeEvent({ id: 'e', timestamp: 0, message: `${line}\n` }, source).log_format).toBe(format);
  });

  it("are not read as it inside Node.js's prefix", () => {
    const wrapped = `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\t${line}\n`;
    const record = normalizeEvent({ id: 'e', timestamp: 0, message: wrapped }, source);
    if (JSON_FORMATS.has(format)) {
      expect(record.log_format).toBe('lambda-nodejs/json');
    } else if (/^[A-Z]+(: | - )/.test(line)) {
      // A line that opens with an upper-case level word (uvicorn's `INFO:     …`) states its
      // level where any program's line may: the generic reader takes it, not the server's format.
      expect(record.log_format).toBe('lambda-nodejs/level-word');
      expect(record.aws_request_id).toBe(REQUEST_ID);
      expect(record.message).toBe(line.replace(/^[A-Z]+(: | - ) */, ''));
    } else {
      expect(record.log_format).toBe('lambda-nodejs');
      expect(record.aws_request_id).toBe(REQUEST_ID);
      expect(record.message).toBe(line);
    }
  });
});
