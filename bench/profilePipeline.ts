import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runNode } from './childProcess.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface HotSpot {
  /** Function name and the source file it came from (from the bundle's module comments). */
  readonly where: string;
  /** Share of all samples spent in the function itself (self time), percent. */
  readonly selfPercent: number;
}

/** esbuild's non-minified bundles start each module with a `// path/to/file.ts` comment. */
function moduleStarts(bundleText: string): { line: number; file: string }[] {
  const starts: { line: number; file: string }[] = [];
  bundleText.split('\n').forEach((text, line) => {
    if (/^\/\/ (src|bench|functions|node_modules)\/\S+\.(ts|js|cjs|mjs)$/.test(text)) {
      starts.push({ line, file: text.slice(3) });
    }
  });
  return starts;
}

function sourceOf(starts: readonly { line: number; file: string }[], line: number): string {
  let file = '';
  for (const start of starts) {
    if (start.line > line) break;
    file = start.file;
  }
  return file;
}

/**
 * Runs the speed probe under `node --cpu-prof` and ranks functions by self time, attributing
 * bundled code back to its source file. Native work (gunzip, JSON.parse, GC) keeps V8's names.
 */
export async function profilePipeline(
  probeBundle: string,
  eventFile: string,
  dir: string,
  top: number,
): Promise<{ hotSpots: HotSpot[]; profile: string }> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await runNode(['--cpu-prof', `--cpu-prof-dir=${dir}`, probeBundle, 'pipeline', eventFile, '10']);
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no .cpuprofile written in ${dir}`);
  const profile = join(dir, file);
  const nodes = (JSON.parse(readFileSync(profile, 'utf8')) as { nodes: ProfileNode[] }).nodes;
  const starts = moduleStarts(readFileSync(probeBundle, 'utf8'));
  const self = new Map<string, number>();
  let total = 0;
  for (const node of nodes) {
    const hits = node.hitCount ?? 0;
    total += hits;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName === '' ? '(anonymous)' : functionName;
    let where = name;
    if (url.endsWith('probe.cjs')) where = `${name}  ${sourceOf(starts, lineNumber)}`;
    else if (url !== '') where = `${name}  ${url.replace(/^node:/, 'node:')}`;
    self.set(where, (self.get(where) ?? 0) + hits);
  }
  const hotSpots = [...self.entries()]
    .filter(([where]) => where !== '(idle)' && where !== '(program)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, hits]) => ({ where, selfPercent: (100 * hits) / Math.max(1, total) }));
  return { hotSpots, profile };
}
