import { execFile } from 'node:child_process';

/** Dummy credentials and region: the SDK never looks for real ones, and only loopback is used. */
export const OFFLINE_AWS_ENV: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK',
  AWS_SECRET_ACCESS_KEY: 'bench-secret',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/**
 * Runs `node <args>` in a fresh process (asynchronously, so a server in this process keeps
 * answering) and parses the one JSON line it prints.
 */
export function runNode<T>(args: readonly string[], env: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { env: { ...process.env, ...OFFLINE_AWS_ENV, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`node ${args.join(' ')} failed: ${stderr || error.message}`, { cause: error }));
          return;
        }
        try {
          resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as T);
        } catch (cause) {
          reject(new Error(`node ${args.join(' ')} printed no JSON: ${stdout.slice(0, 200)}`, { cause }));
        }
      },
    );
  });
}

/** Wall time of one fresh `node <args>` process, in ms. */
export function timeNode(args: readonly string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    execFile(
      process.execPath,
      args,
      { env: { ...process.env, ...OFFLINE_AWS_ENV, ...env } },
      (error, _o, stderr) => {
        if (error)
          reject(new Error(`node ${args.join(' ')} failed: ${stderr || error.message}`, { cause: error }));
        else resolve(Number(process.hrtime.bigint() - start) / 1e6);
      },
    );
  });
}
