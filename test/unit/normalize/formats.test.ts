import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSON_CONVENTION_FORMATS } from '../../helpers/formatNames.js';
import { normalizeEvent, type EventSource } from '../../../src/normalize/normalizeEvent.js';
import { lambdaEventSource } from '../../helpers/eventSource.js';

/**
 * Table-driven: every fixture under test/fixtures/formats/<format>.json is a line exactly as the
 * runtime or library writes it (per the source named in the format's file), with the record
 * fields it must produce, worked out by hand. The file's name is the format expected to claim
 * the line (`log_format`) unless a fixture names another (`"format"`: a runtime line whose body
 * is a structured line, a sibling format of the same runtime).
 */
interface Fixture {
  note?: string;
  format?: string;
  line: string;
  expect: {
    levelname: string;
    message: string;
    name?: string;
    exc_info?: string;
    aws_request_id?: string;
    /** Only python-json-logger records keep an `asctime` of their own. */
    asctime?: string;
    fields?: Record<string, unknown>;
  };
}

const DIR = join(__dirname, '../../fixtures/formats');
const FORMATS = readdirSync(DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length))
  .sort();

// Formats whose error lines carry no stack: a timeout, a killed runtime, a failed extension; the
// AWS services' records and the web servers' lines, which state a failure but never a trace; the
// C++ runtime's and the AWS SDK for C++'s one-line reports; Rust's env_logger (Rust has no exceptions).
const STACKLESS = new Set([
  'env-logger',
  'lambda-cpp',
  'lambda-platform',
  'lambda-extension',
  'lambda-json-platform',
  'api-gateway-access',
  'api-gateway-execution',
  'cloudtrail',
  'rds-postgresql',
  'rds-mysql',
  'vpc-flow-logs',
  'access-log',
  'nginx-error',
  'php-fpm',
]);

const source: EventSource = lambdaEventSource('fixture-fn');
const TIMESTAMP = Date.UTC(2023, 10, 1, 10, 47, 57, 81);

function load(format: string): Fixture[] {
  return JSON.parse(readFileSync(join(DIR, `${format}.json`), 'utf8')) as Fixture[];
}

describe('format fixtures', () => {
  it('cover the formats SPEC §3 lists, text and JSON, the JSON conventions included', () => {
    expect(FORMATS).toEqual(
      expect.arrayContaining([
        'lambda-nodejs',
        'lambda-python',
        'lambda-java',
        'lambda-dotnet',
        'ruby-logger',
        'go-log',
        'lambda-platform',
        'lambda-json',
        'lambda-json-platform',
        'python-json-logger',
        'python-logging',
        'powertools',
        'pino',
        'bunyan',
        'winston',
        'logrus',
        'zap',
        'zerolog',
        'log4j2',
        'text',
        ...JSON_CONVENTION_FORMATS,
      ]),
    );
  });
});

// Formats whose lines state no level at all: the slow and general query logs (every record INFO),
// the audit log (a failed operation's code makes it WARNING, never ERROR).
const LEVELLESS = new Set(['rds-mysql-slow', 'rds-mysql-general', 'rds-mysql-audit']);
/** Formats whose writer has no level above WARN (Jetty's StdErrLog: DBUG, INFO, WARN). */
const WARNING_AT_WORST = new Set(['jetty']);

describe.each(FORMATS)('format %s', (format) => {
  const fixtures = load(format);

  it('has at least three real-shaped lines, one of them an error (with its stack, where the format has one)', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(3);
    if (LEVELLESS.has(format)) return;
    const stackless = STACKLESS.has(format);
    const worst = WARNING_AT_WORST.has(format) ? 'WARNING' : 'ERROR';
    expect(
      fixtures.some((f) => f.expect.levelname === worst && (stackless || f.expect.exc_info !== undefined)),
    ).toBe(true);
  });

  it.each(fixtures.map((f, i) => [i, f.note ?? f.line.slice(0, 80), f] as const))(
    'line %i (%s) becomes the expected record',
    (i, _label, fixture) => {
      const record = normalizeEvent({ id: `id-${i}`, timestamp: TIMESTAMP, message: fixture.line }, source);
      const want = fixture.expect;
      expect(record.log_format).toBe(fixture.format ?? format);
      expect(record.levelname).toBe(want.levelname);
      expect(record.message).toBe(want.message);
      expect(record.name).toBe(want.name ?? 'fixture-fn');
      expect(record.exc_info).toBe(want.exc_info);
      expect(record.aws_request_id).toBe(want.aws_request_id);
      expect(record.asctime).toBe(want.asctime ?? '2023-11-01T10:47:57+0000');
      expect(record['@timestamp']).toBe('2023-11-01T10:47:57.081Z');
      expect(record.cloudwatch).toEqual({ ...source, defaultName: undefined, id: `id-${i}` });
      for (const [key, value] of Object.entries(want.fields ?? {})) expect(record[key], key).toEqual(value);
    },
  );
});
