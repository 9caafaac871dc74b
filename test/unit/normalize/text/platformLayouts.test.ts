import { describe, expect, it } from 'vitest';
import { parseLine } from '../../../../src/normalize/parseLine.js';

/**
 * START, END and REPORT exactly as Lambda writes them are read at fixed places
 * (formats/lambdaPlatform.ts `parseCommonLine`); every other layout of the same lines goes to the
 * general part reader. Both must give the same record for the same content: each case here is a
 * canonical line beside a near-miss that leaves the fast reader, with the result spelled out.
 */

const ID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';

function platform(line: string) {
  const parsed = parseLine(line);
  expect(parsed.format).toBe('lambda-platform');
  return {
    message: parsed.message,
    levelname: parsed.levelname,
    aws_request_id: parsed.aws_request_id,
    lambda: parsed.fields?.lambda,
  };
}

const METRICS = { durationMs: 2.64, billedDurationMs: 3, memorySizeMB: 128, maxMemoryUsedMB: 72 };
const REPORT_TEXT = `REPORT RequestId: ${ID}\tDuration: 2.64 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 72 MB`;

describe('REPORT layouts', () => {
  it('reads the four metrics of a warm invocation, the trailing tab trimmed from the message', () => {
    expect(platform(`${REPORT_TEXT}\t`)).toEqual({
      message: REPORT_TEXT,
      levelname: 'INFO',
      aws_request_id: ID,
      lambda: { type: 'platform.report', metrics: METRICS },
    });
  });

  it('reads Init Duration after a cold start, in the line order', () => {
    const line = `${REPORT_TEXT}\tInit Duration: 150.50 ms\t`;
    const result = platform(line);
    expect(result.lambda).toEqual({
      type: 'platform.report',
      metrics: { ...METRICS, initDurationMs: 150.5 },
    });
    expect(Object.keys((result.lambda as { metrics: object }).metrics)).toEqual([
      'durationMs',
      'billedDurationMs',
      'memorySizeMB',
      'maxMemoryUsedMB',
      'initDurationMs',
    ]);
    expect(result.message).toBe(line.slice(0, -1));
  });

  it('gives the same record without the trailing tab, or with spaces for tabs (console copies)', () => {
    const expected = {
      message: REPORT_TEXT,
      levelname: 'INFO',
      aws_request_id: ID,
      lambda: { type: 'platform.report', metrics: METRICS },
    };
    expect(platform(REPORT_TEXT)).toEqual(expected);
    const spaced = REPORT_TEXT.replaceAll('\t', '    ');
    expect(platform(spaced)).toEqual({ ...expected, message: spaced });
  });

  it('keeps a status and an error type, and the level turns ERROR', () => {
    const line = `${REPORT_TEXT}\tStatus: timeout\tError Type: Runtime.Timeout\t`;
    expect(platform(line)).toEqual({
      message: line.slice(0, -1),
      levelname: 'ERROR',
      aws_request_id: ID,
      lambda: { type: 'platform.report', status: 'timeout', errorType: 'Runtime.Timeout', metrics: METRICS },
    });
  });

  it('keeps the X-Ray part of a traced invocation', () => {
    const line = `${REPORT_TEXT}\t\nXRAY TraceId: 1-5e1b4151-43a0913a12345678\tSegmentId: 0a4b3c2d1e\tSampled: true\t`;
    const result = platform(line);
    expect(result.lambda).toEqual({
      type: 'platform.report',
      metrics: METRICS,
      xray: { traceId: '1-5e1b4151-43a0913a12345678', segmentId: '0a4b3c2d1e', sampled: true },
    });
    expect(result.message).toBe(
      `${REPORT_TEXT}\t\nXRAY TraceId: 1-5e1b4151-43a0913a12345678\tSegmentId: 0a4b3c2d1e\tSampled: true`,
    );
  });

  it('leaves out a metric that is no number, and keeps the others', () => {
    const line = `REPORT RequestId: ${ID}\tDuration: n/a ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 72 MB\t`;
    expect(platform(line).lambda).toEqual({
      type: 'platform.report',
      metrics: { billedDurationMs: 3, memorySizeMB: 128, maxMemoryUsedMB: 72 },
    });
  });

  it('reads metrics in whatever order they come', () => {
    const line = `REPORT RequestId: ${ID}\tInit Duration: 1 ms\tDuration: 2 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 72 MB\t`;
    expect(Object.keys((platform(line).lambda as { metrics: object }).metrics)).toEqual([
      'initDurationMs',
      'durationMs',
      'billedDurationMs',
      'memorySizeMB',
      'maxMemoryUsedMB',
    ]);
  });
});

describe('START and END layouts', () => {
  it('reads the version, $LATEST or a number', () => {
    expect(platform(`START RequestId: ${ID} Version: $LATEST`).lambda).toEqual({
      type: 'platform.start',
      version: '$LATEST',
    });
    expect(platform(`START RequestId: ${ID} Version: 12`)).toEqual({
      message: `START RequestId: ${ID} Version: 12`,
      levelname: 'INFO',
      aws_request_id: ID,
      lambda: { type: 'platform.start', version: '12' },
    });
  });

  it('trims a trailing space or tab from the message and the version', () => {
    expect(platform(`START RequestId: ${ID} Version: 12 `)).toEqual({
      message: `START RequestId: ${ID} Version: 12`,
      levelname: 'INFO',
      aws_request_id: ID,
      lambda: { type: 'platform.start', version: '12' },
    });
    expect(platform(`END RequestId: ${ID}\t`)).toEqual({
      message: `END RequestId: ${ID}`,
      levelname: 'INFO',
      aws_request_id: ID,
      lambda: { type: 'platform.end' },
    });
  });

  it('keeps an END line with more after the id whole in the message', () => {
    const line = `END RequestId: ${ID} Extra: thing`;
    expect(platform(line)).toEqual({
      message: line,
      levelname: 'INFO',
      aws_request_id: ID,
      lambda: { type: 'platform.end' },
    });
  });

  it('reads the request id up to the first space or control character', () => {
    expect(platform(`END RequestId: ${ID}`).aws_request_id).toBe(ID);
    expect(platform(`START RequestId: undefined Version: $LATEST`).aws_request_id).toBeUndefined();
  });
});
