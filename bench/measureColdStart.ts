import { fileSize } from './buildBundles.js';
import { runNode, timeNode } from './childProcess.js';
import { median } from './stats.js';

export interface ColdStart {
  readonly bundleBytes: number;
  /** Median wall time of `node -e "require(bundle)"` minus that of `node -e ""`, ms. */
  readonly importMs: number;
  /** Median wall time of the `require` call alone, timed inside the fresh process, ms. */
  readonly requireWallMs: number;
  /** Median CPU time (user + system) of the `require` call alone, ms: steadier on a busy machine. */
  readonly requireCpuMs: number;
  readonly runs: number;
}

/** Times `require(path)` inside the fresh process, wall and CPU. */
function requireTimer(path: string): string {
  return [
    'const c = process.cpuUsage(), t = process.hrtime.bigint();',
    `require(${JSON.stringify(path)});`,
    'const w = Number(process.hrtime.bigint() - t) / 1e6, u = process.cpuUsage(c);',
    'console.log(JSON.stringify({ wall: w, cpu: (u.user + u.system) / 1000 }));',
  ].join(' ');
}

/**
 * Time to load the bundled handler in a fresh Node process, as Lambda's init phase does: the
 * module's top level runs (configuration read, Firehose client and metrics created). Each
 * variant and the empty baseline take turns, `runs` times after a warm-up round (which fills the
 * OS file cache, as a warm Lambda host has it), and are compared by their medians.
 */
export async function measureColdStart(
  bundles: Readonly<Record<string, string>>,
  runs: number,
): Promise<Record<string, ColdStart>> {
  // NODE_NO_WARNINGS: the SDK's "Node 20 support ends" notice is not part of a node22 cold start.
  const env = { DELIVERY_STREAM_NAME: 'bench-stream', NODE_NO_WARNINGS: '1' };
  const names = Object.keys(bundles);
  const baseline: number[] = [];
  const spawned: Record<string, number[]> = {};
  const inside: Record<string, { wall: number; cpu: number }[]> = {};
  for (const name of names) {
    spawned[name] = [];
    inside[name] = [];
  }
  for (let round = -1; round < runs; round++) {
    const base = await timeNode(['-e', ''], env);
    if (round >= 0) baseline.push(base);
    for (const name of names) {
      const path = bundles[name] ?? '';
      const ms = await timeNode(['-e', `require(${JSON.stringify(path)})`], env);
      const timed = await runNode<{ wall: number; cpu: number }>(['-e', requireTimer(path)], env);
      if (round >= 0) {
        spawned[name]?.push(ms);
        inside[name]?.push(timed);
      }
    }
  }
  const base = median(baseline);
  const out: Record<string, ColdStart> = {};
  for (const name of names) {
    const timed = inside[name] ?? [];
    out[name] = {
      bundleBytes: fileSize(bundles[name] ?? ''),
      importMs: median(spawned[name] ?? []) - base,
      requireWallMs: median(timed.map((t) => t.wall)),
      requireCpuMs: median(timed.map((t) => t.cpu)),
      runs,
    };
  }
  return out;
}
