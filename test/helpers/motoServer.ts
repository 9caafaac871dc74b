import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './freePort.js';

/**
 * Python moto's `moto_server` (5.2.1 on this project's machines): a real, independent
 * implementation of the S3, SQS, Kinesis and Firehose APIs, started on 127.0.0.1 for one test
 * file. Tests that need it skip with {@link MOTO_SKIP_REASON} where it is not installed.
 */
export interface MotoServer {
  /** `http://127.0.0.1:<port>`: give it to the SDK as `endpoint` or `AWS_ENDPOINT_URL`. */
  readonly endpoint: string;
  /** Stops the server (and waits until its process is gone). */
  stop(): Promise<void>;
}

/** The command, overridable for machines where it lives elsewhere. */
const MOTO_COMMAND = process.env.MOTO_SERVER ?? 'moto_server';

function probe(): string | undefined {
  const result = spawnSync(MOTO_COMMAND, ['--help'], { encoding: 'utf8', timeout: 30_000 });
  if (result.error !== undefined) return `${MOTO_COMMAND} not found (${result.error.message})`;
  if (result.status !== 0) return `${MOTO_COMMAND} --help exited ${String(result.status)}`;
  return undefined;
}

/** Why moto tests are skipped on this machine, or `undefined` when `moto_server` runs. */
export const MOTO_SKIP_REASON: string | undefined = probe();

async function waitUntilUp(endpoint: string, child: ChildProcess, deadline: number): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with code ${String(child.exitCode)}`);
    try {
      // moto answers its dashboard path once it serves requests.
      const response = await fetch(`${endpoint}/moto-api/`);
      await response.arrayBuffer();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`moto_server did not answer on ${endpoint} in time`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Starts `moto_server` on a free loopback port; resolves once it answers requests. */
export async function startMotoServer(timeoutMs = 60_000): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(MOTO_COMMAND, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  try {
    await waitUntilUp(endpoint, child, Date.now() + timeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
