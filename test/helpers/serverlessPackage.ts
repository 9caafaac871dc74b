import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * `serverless package` on the real serverless.yml, offline, into a folder of the caller's; the
 * CloudFormation template it wrote is read back for the assertions.
 */

const run = promisify(execFile);
export const SERVICE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const SERVERLESS = join(SERVICE_DIR, 'node_modules/.bin/serverless');

export interface CfnResource {
  Type: string;
  Properties: Record<string, unknown>;
  DependsOn?: string[];
  Condition?: string;
}
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs: Record<string, { Value: unknown }>;
}
export interface Packaged {
  /** Exit code of `serverless package` (0: packaged). */
  code: number;
  /** Its stdout and stderr. */
  output: string;
  template: CfnTemplate | undefined;
  /** The function's package (`cwl-forwarder.zip`), when one was written. */
  zip: Buffer | undefined;
}

/**
 * Packages stage `name` into `<work>/<name>` with the given CLI args (`--param=…`); `shell` adds
 * variables to the CLI's environment (a stray one left by a local run, say).
 */
export async function serverlessPackage(
  work: string,
  name: string,
  args: readonly string[],
  shell: Readonly<Record<string, string>> = {},
): Promise<Packaged> {
  const dir = join(work, name);
  const env = {
    ...process.env,
    // No stream name from this process's shell: only `shell` may set one.
    DELIVERY_STREAM_NAME: undefined,
    ...shell,
    // Loopback only, whatever the framework might try to reach.
    AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
    // Its own build folder: serverless-esbuild deletes the folder at the end of each run.
    ESBUILD_WORK_FOLDER: relative(SERVICE_DIR, join(work, `${name}-build`)),
  };
  let code = 0;
  let output: string;
  try {
    const result = await run(SERVERLESS, ['package', '--package', dir, '--stage', name, ...args], {
      cwd: SERVICE_DIR,
      env,
    });
    output = result.stdout + result.stderr;
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    code = failed.code;
    output = failed.stdout + failed.stderr;
  }
  const file = join(dir, 'cloudformation-template-update-stack.json');
  const template = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CfnTemplate) : undefined;
  const zip = join(dir, 'cwl-forwarder.zip');
  return { code, output, template, zip: existsSync(zip) ? readFileSync(zip) : undefined };
}

/** The template of a run that must have packaged; otherwise fails with its output. */
export function templateOf(packaged: Packaged): CfnTemplate {
  if (packaged.template === undefined) throw new Error(`serverless package failed:\n${packaged.output}`);
  return packaged.template;
}

/** The resources of one type, with their logical ids. */
export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}
