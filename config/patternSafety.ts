import type { PatternCheck } from '../src/controls/settings.js';

/**
 * The packaging-time check of custom redaction patterns for catastrophic backtracking, with
 * recheck (https://makenowjust-labs.github.io/recheck/), which decides whether a regular
 * expression can take exponential or polynomial time on some input and gives that input. Its
 * pure JavaScript backend is used: no JVM or native binary is started, so packaging works
 * offline on any machine. A pattern that is not linear is refused: at CloudWatch's 256 KB per
 * event, even a quadratic one takes minutes on one line.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html
 */

interface RecheckDiagnostics {
  status: 'safe' | 'vulnerable' | 'unknown';
  complexity?: { type: string; summary?: string };
  attack?: { pattern?: string; string?: string };
  error?: { kind: string; message?: string };
}
type CheckSync = (source: string, flags: string, params?: Record<string, unknown>) => RecheckDiagnostics;

let checkSync: CheckSync | undefined;

function recheck(): CheckSync {
  // The backend is chosen from the environment when recheck runs: pure JavaScript, in this
  // process (its default synchronous path runs a worker thread, which hangs inside Serverless).
  process.env.RECHECK_BACKEND = 'pure';
  process.env.RECHECK_SYNC_BACKEND = 'pure';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  checkSync ??= (require('recheck') as { checkSync: CheckSync }).checkSync;
  return checkSync;
}

/** Refuses a pattern recheck finds super-linear (or cannot decide within its time budget). */
export const checkPatternSafety: PatternCheck = (pattern) => {
  const result = recheck()(pattern, 'g', { timeout: 10_000 });
  if (result.status === 'safe') return undefined;
  if (result.status === 'vulnerable') {
    const attack = result.attack?.pattern ?? result.attack?.string;
    return (
      `it can backtrack catastrophically: ${result.complexity?.summary ?? result.complexity?.type ?? 'super-linear'} ` +
      `time${attack === undefined ? '' : ` on input like ${attack}`}`
    );
  }
  return `recheck could not show it runs in linear time (${result.error?.kind ?? 'unknown'})`;
};
