import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `serverless package` with controls (SPEC §6): bad values are refused naming the group and the
 * key, and the accepted settings are baked into the bundle, not into Lambda's 4 KB environment.
 */
const run = promisify(execFile);
const SERVICE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const SERVERLESS = join(SERVICE_DIR, 'node_modules/.bin/serverless');
const work = mkdtempSync(join(tmpdir(), 'cwlf-controls-package-'));

interface Packaged {
  code: number;
  output: string;
  dir: string;
}

async function packageWith(name: string, args: string[]): Promise<Packaged> {
  const dir = join(work, name);
  const env = {
    ...process.env,
    AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
    DELIVERY_STREAM_NAME: undefined,
    ESBUILD_WORK_FOLDER: relative(SERVICE_DIR, join(work, `${name}-build`)),
  };
  try {
    const result = await run(SERVERLESS, ['package', '--package', dir, '--stage', name, ...args], {
      cwd: SERVICE_DIR,
      env,
    });
    return { code: 0, output: result.stdout + result.stderr, dir };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr, dir };
  }
}

const runs: Record<'good' | 'badList' | 'badParam', Packaged> = {} as never;

beforeAll(async () => {
  runs.good = await packageWith('ctlgood', [
    '--param=logGroupsFile=test/fixtures/log-groups/controls.yml',
    '--param=minLevel=INFO',
  ]);
  runs.badList = await packageWith('ctlbad', [
    '--param=logGroupsFile=test/fixtures/log-groups/controls-invalid.yml',
  ]);
  runs.badParam = await packageWith('ctlparam', [
    '--param=sampleRate=often',
    '--param=redact={"rules":["phone"]}',
  ]);
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('serverless package: controls', () => {
  it('bakes the validated settings into the bundle, and adds nothing per group to the environment', async () => {
    expect(runs.good.code, runs.good.output).toBe(0);
    const { stdout } = await run(
      'unzip',
      ['-p', join(runs.good.dir, 'cwl-forwarder.zip'), 'functions/forwarder.js'],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    // The artefact is a string literal in the bundle (esbuild picks the quotes: unescape them).
    const bundle = stdout.replaceAll('\\"', '"');
    expect(bundle.includes('"stage":{"platformLines":"keep","minLevel":"INFO"')).toBe(true);
    expect(bundle.includes('"/aws/lambda/payments-api":{"platformLines":"fold"')).toBe(true);
    const template = JSON.parse(
      readFileSync(join(runs.good.dir, 'cloudformation-template-update-stack.json'), 'utf8'),
    ) as {
      Resources: Record<string, { Properties: { Environment?: { Variables: Record<string, string> } } }>;
    };
    const variables = template.Resources.ForwarderLambdaFunction?.Properties.Environment?.Variables ?? {};
    expect(JSON.stringify(variables)).not.toContain('payments');
  });

  it('refuses bad values of a list entry, naming the entry, the group and the key', () => {
    expect(runs.badList.code).not.toBe(0);
    const { output } = runs.badList;
    expect(output).toContain('test/fixtures/log-groups/controls-invalid.yml: invalid log group list');
    expect(output).toContain(
      'entry 1 (/aws/lambda/payments-api): platformLines: expected keep, fold, drop, got "squash"',
    );
    expect(output).toContain(
      'entry 1 (/aws/lambda/payments-api): sampleRate: expected a number from 0 to 1, got 1.5',
    );
    expect(output).toMatch(
      /entry 2 \(\/aws\/lambda\/checkout\): redact\.patterns\[0\]: expected a safe regular expression \(it can backtrack catastrophically: exponential/,
    );
    expect(existsSync(join(runs.badList.dir, 'cloudformation-template-update-stack.json'))).toBe(false);
  });

  it('refuses a bad stage param, naming it', () => {
    expect(runs.badParam.code).not.toBe(0);
    expect(runs.badParam.output).toContain('param sampleRate: expected a number from 0 to 1, got "often"');
    expect(runs.badParam.output).toContain('param redact.rules: expected a list of email, ipv4');
  });
});
