import { fileSize } from './buildBundles.js';
import { timeNode } from './childProcess.js';
import { median } from './stats.js';

export interface ColdStart {
  readonly bundleBytes: number;
  /** Median wall time of `node -e "require(bundle)"` minus that of `node -e ""`, ms. */
  readonly importMs: number;
  readonly runs: number;
}

/**
 * Time to load the bundled handler in a fresh Node process, as Lambda's init phase does: the
 * module's top level runs (configuration read, Firehose client created). Each variant and the
 * empty baseline are run in turn, `runs` times, and compared by their medians.
 */
export async function measureColdStart(
  bundles: Readonly<Record<string, string>>,
  runs: number,
): Promise<Record<string, ColdStart>> {
  // NODE_NO_WARNINGS: the SDK's "Node 20 support ends" notice is not part of a node22 cold start.
  const env = { DELIVERY_STREAM_NAME: 'bench-stream', NODE_NO_WARNINGS: '1' };
  const names = Object.keys(bundles);
  const times: Record<string, number[]> = { '': [] };
  for (const name of names) times[name] = [];
  // One warm-up round fills the OS file cache, as a warm Lambda host would have it.
  for (let round = -1; round < runs; round++) {
    const base = await timeNode(['-e', ''], env);
    if (round >= 0) times['']?.push(base);
    for (const name of names) {
      const path = bundles[name] ?? '';
      const ms = await timeNode(['-e', `require(${JSON.stringify(path)})`], env);
      if (round >= 0) times[name]?.push(ms);
    }
  }
  const baseline = median(times[''] ?? []);
  const out: Record<string, ColdStart> = {};
  for (const name of names) {
    out[name] = {
      bundleBytes: fileSize(bundles[name] ?? ''),
      importMs: median(times[name] ?? []) - baseline,
      runs,
    };
  }
  return out;
}
