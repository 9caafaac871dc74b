import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalFirehose, type LocalFirehose } from '../../tools/local-firehose/startLocalFirehose.js';
import { invokeLocal, type InvokeResult } from '../helpers/invokeLocal.js';

/**
 * Every control of SPEC §6 through `serverless invoke local`, configured as a user does: a log
 * group list given by `--param="logGroupsFile=…"` (test/fixtures/log-groups/controls.yml) and a
 * stage param on the command line, delivered to the local Firehose.
 */
const STREAM = 'logging-test';
const WORK_FOLDER = '.esbuild-controls-invoke-test';
const ARGS = ['--param=logGroupsFile=test/fixtures/log-groups/controls.yml', '--param=tags={"env":"e2e"}'];

type Row = Record<string, unknown> & { levelname: string; message: string };

interface Run {
  result: InvokeResult;
  records: Row[];
  summary: Record<string, unknown>;
  emf: Record<string, unknown>[];
}

let firehose: LocalFirehose;
const runs: Record<'payments' | 'checkout', Run> = {} as never;

async function run(file: string): Promise<Run> {
  firehose.reset();
  const result = await invokeLocal(
    file,
    { AWS_ENDPOINT_URL_FIREHOSE: firehose.url, DELIVERY_STREAM_NAME: STREAM },
    WORK_FOLDER,
    ARGS,
  );
  const records = firehose.records(STREAM).map((r) => JSON.parse(r.data.toString('utf8')) as Row);
  const lines = result.output.split('\n').filter((line) => line.startsWith('{'));
  const summaryLine = lines.find((line) => line.includes('"message":"forwarded"'));
  return {
    result,
    records,
    summary: summaryLine === undefined ? {} : (JSON.parse(summaryLine) as Record<string, unknown>),
    emf: lines
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

beforeAll(async () => {
  firehose = await startLocalFirehose({ streams: [STREAM] });
  runs.payments = await run('events/controls-payments.json');
  runs.checkout = await run('events/controls-checkout.json');
}, 600_000);

afterAll(async () => {
  await firehose.close();
});

describe('controls through serverless invoke local', () => {
  it('succeeds for both log groups', () => {
    expect(runs.payments.result.code, runs.payments.result.output).toBe(0);
    expect(runs.checkout.result.code, runs.checkout.result.output).toBe(0);
  });

  it('payments-api: folds, floors, samples per request, and says so in numbers', () => {
    const { records, summary } = runs.payments;
    // 4 requests × (START, DEBUG, INFO, WARN, END, REPORT) + one ERROR line = 25 events.
    const kept = records.filter((r) => r.levelname === 'INFO' && r.log_format === 'lambda-platform');
    const k = kept.length;
    // With these four request ids some are sampled in and some out (both paths are exercised).
    expect(k).toBeGreaterThan(0);
    expect(k).toBeLessThan(4);
    expect(records.filter((r) => r.levelname === 'WARNING')).toHaveLength(4);
    expect(records.filter((r) => r.levelname === 'ERROR')).toHaveLength(1);
    expect(records.filter((r) => r.levelname === 'DEBUG')).toHaveLength(0);
    expect(records).toHaveLength(5 + 2 * k);
    // A request sampled in keeps its INFO line and its REPORT; out, it keeps neither.
    for (const report of kept) {
      expect(
        records.filter((r) => r.aws_request_id === report.aws_request_id && r.levelname === 'INFO'),
      ).toHaveLength(2);
      expect(report).toMatchObject({
        duration_ms: 12.5,
        billed_duration_ms: 13,
        memory_size_mb: 256,
        max_memory_used_mb: 80,
        function_version: '7',
      });
      expect((report.cloudwatch as { folded_ids: string[] }).folded_ids).toHaveLength(2);
    }
    expect(summary).toMatchObject({
      events: 25,
      records: 5 + 2 * k,
      dropped: { level: 4, sampled: 2 * (4 - k), platform: 0 },
      folded: 8,
      redacted: 3 * k + 2,
    });
    // The same figures as CloudWatch metrics (EMF lines on stdout).
    const { emf } = runs.payments;
    expect(emf).toContainEqual(expect.objectContaining({ RecordsFolded: 8, ValuesRedacted: 3 * k + 2 }));
    expect(emf).toContainEqual(expect.objectContaining({ reason: 'level', RecordsDropped: 4 }));
    if (k < 4)
      expect(emf).toContainEqual(expect.objectContaining({ reason: 'sampled', RecordsDropped: 2 * (4 - k) }));
  });

  it('payments-api: redacts rules, patterns and keys, tags by the group, caps fields', () => {
    const { records } = runs.payments;
    const text = JSON.stringify(records);
    expect(text).not.toMatch(/jane\.doe@example\.com|4111 1111|ORD-123456|hunter2/);
    for (const r of records) {
      expect(r.tags).toEqual({ team: 'payments' });
      expect(r.function_version).toBe('7');
    }
    const info = records.find((r) => r.levelname === 'INFO' && r.log_format !== 'lambda-platform');
    if (info !== undefined) {
      expect(info.message).toBe(
        'charging [REDACTED:email] card [REDACTED:credit-card] for [REDACTED:pattern]',
      );
    }
    const error = records.find((r) => r.levelname === 'ERROR');
    expect(error).toMatchObject({
      message: 'card declined',
      user: { email: '[REDACTED:email]', password: '[REDACTED:key]' },
    });
    expect(JSON.parse(String(error?.fields_overflow))).toEqual({
      attempt: 2,
      provider: 'acme',
      region: 'eu-west-1',
    });
  });

  it('checkout: drops platform lines but the timeout, with the stage tags', () => {
    const { records, summary, emf } = runs.checkout;
    expect(records.map((r) => r.message)).toEqual([
      'checkout started',
      'Task timed out after 3.00 seconds',
      expect.stringMatching(/^REPORT RequestId: f6a7b8c9.*Status: timeout/),
    ]);
    for (const r of records) {
      expect(r.tags).toEqual({ env: 'e2e' });
      expect(r.function_version).toBe('$LATEST');
    }
    expect(summary).toMatchObject({ events: 9, records: 3, dropped: { level: 0, sampled: 0, platform: 6 } });
    expect(emf).toContainEqual(expect.objectContaining({ reason: 'platform', RecordsDropped: 6 }));
  });
});
