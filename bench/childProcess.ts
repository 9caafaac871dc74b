import { execFile } from 'node:child_process';

/** Dummy credentials and region: the SDK never looks for real ones, and only loopback is used. */
export const OFFLINE_AWS_ENV: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK',
  AWS_SECRET_ACCESS_KEY: 'bench-secret',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/**
 * Node flags of the interleaved speed rounds, which force a full GC before every run so that no
 * contender pays for another's garbage. V8 frees a hidden class (map) no live object uses after
 * two full GCs (`--retain-maps-for-n-gc=2`), and throws away the optimized code that depends on
 * it ("weak objects" deopts). With five contenders, five forced GCs fall between two runs of one,
 * so every round freed maps of the pipeline's (its decoded events, its parsed JSON lines, its
 * records) and ~17 of its optimized functions with them: +25–29 % pipeline time, the peers (a few
 * functions each) unchanged. Lambda forces no GC: 12 invocations of the handler with Lambda's
 * 128 MB heap flags had 3 such deopts, all in the second. A map's count of unused GCs only
 * restarts at a GC that finds an object using it, and at a forced GC nothing of the previous run
 * is alive, so the count runs down across rounds whatever runs: with 16, every third or fourth
 * round still re-warmed (pipeline runs of 113–137 ms among 87–101). Kept for the life of the
 * process, as a warm Lambda function's maps are (its GCs come during invocations, its objects
 * alive) (bench/README.md, "Forced GCs and hidden classes").
 */
export const FORCED_GC_NODE_FLAGS = ['--expose-gc', '--retain-maps-for-n-gc=100000'] as const;

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
