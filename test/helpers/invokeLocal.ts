import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const SERVERLESS = resolve('node_modules/osls/bin/serverless.js');

/** A run that has not exited by then is a hang: killed, and reported with code `null`. */
export const HANG_KILL_MS = 90_000;

export interface InvokeResult {
  /** The exit code; `null` when the run had to be killed (a hang). */
  code: number | null;
  output: string;
}

/**
 * `serverless invoke local -f forwarder -p <eventFile> [args]` in a child process with dummy
 * credentials, a fixed region and no metadata service, plus `env`. `workFolder` is
 * serverless-esbuild's build folder: one per test file, as it deletes its folder when done.
 */
export function invokeLocal(
  eventFile: string,
  env: Record<string, string>,
  workFolder: string,
  args: readonly string[] = [],
): Promise<InvokeResult> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [SERVERLESS, 'invoke', 'local', '-f', 'forwarder', '-p', eventFile, ...args],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_REGION: 'us-east-1',
          AWS_EC2_METADATA_DISABLED: 'true',
          ESBUILD_WORK_FOLDER: workFolder,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), HANG_KILL_MS);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(killer);
      done({ code, output });
    });
  });
}
