import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** A run still going by then is a hang: killed, and the test fails on its exit code. */
const KILL_AFTER_MS = 150_000;

function npmStart(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', 'scripts/replay-events.ts', ...args],
      { timeout: KILL_AFTER_MS, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          stdout,
          stderr,
        });
      },
    );
  });
}

describe('npm start', () => {
  it('shows per file the events, records and levels, one line per record, and the NDJSON object', async () => {
    const { code, stdout, stderr } = await npmStart(['events/bunyan.json', 'events/control-message.json']);
    expect(code, stdout + stderr).toBe(0);
    // events/sources/bunyan.json: four lines, levels 30, 40, 50 (with err.stack), 60.
    expect(stdout).toContain(
      '── events/bunyan.json: 4 events → 4 records  (INFO 1, WARNING 1, ERROR 1, CRITICAL 1)',
    );
    expect(stdout).toMatch(/\n {2}ERROR {4}myapp {24}boom\n {40}TypeError: boom\n/);
    expect(stdout).toContain('── events/control-message.json: control message: acknowledged, no records');
    expect(stdout).toMatch(/ {2}→ \.local-firehose\/logging-test\/\d{4}\/\d\d\/\d\d\/\d\d\/logging-test-1-/);
    expect(stdout).toContain('4 records delivered in 1 PutRecordBatch call(s) from 2 file(s)');
  }, 200_000);

  it('prints the raw records with --json, the summary on stderr', async () => {
    const { code, stdout, stderr } = await npmStart(['--json', 'events/bunyan.json']);
    expect(code, stderr).toBe(0);
    const records = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { levelname: string });
    expect(records.map((record) => record.levelname)).toEqual(['INFO', 'WARNING', 'ERROR', 'CRITICAL']);
    expect(stderr).toContain('── events/bunyan.json: 4 events → 4 records');
  }, 200_000);

  it('exits non-zero with the whole message when a setting is bad, instead of hanging', async () => {
    const { code, stdout } = await npmStart(['--param=deliveryConcurrency=abc', 'events/bunyan.json']);
    expect(code).toBe(1);
    expect(stdout).toContain(
      '── events/bunyan.json: failed: ConfigError: DELIVERY_CONCURRENCY: expected a whole number from 1 to 64, got "abc"',
    );
  }, 200_000);
});
