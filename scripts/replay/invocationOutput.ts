/** Marker lines that scripts/replay/invokeEach.cjs writes around each invocation's output. */
export const MARK = '::cwlf-replay::';

/** What one event file's invocation printed, and how it ended. */
export interface Invocation {
  readonly file: string;
  /** The handler's result (`ForwardSummary`) or error, as `serverless invoke local` printed it. */
  readonly result: Record<string, unknown> | undefined;
  /** The handler's own `"message":"forwarded"` summary line (either input), when it logged one. */
  readonly summary: Record<string, unknown> | undefined;
  /** Exit status of the invocation; `undefined` when it never finished (the CLI failed first). */
  readonly code: number | undefined;
  /** Everything printed for it, for a failure that has no result to show. */
  readonly output: string;
}

/**
 * The last top-level JSON object that `serverless invoke local` printed (indented by 4, opened
 * by a line `{` and closed by a line `}`): the handler's result, or `{ errorMessage, errorType,
 * stackTrace }`. The handler's own one-line logs are not top-level blocks.
 */
export function printedResult(output: string): Record<string, unknown> | undefined {
  const lines = output.split('\n');
  for (let end = lines.length - 1; end >= 0; end--) {
    if (lines[end] !== '}') continue;
    const start = lines.lastIndexOf('{', end);
    if (start < 0) return undefined;
    try {
      return JSON.parse(lines.slice(start, end + 1).join('\n')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The handler's one-line summary, `{"level":"INFO","message":"forwarded",…}`. */
export function summaryLine(output: string): Record<string, unknown> | undefined {
  const line = output.split('\n').find((l) => l.startsWith('{') && l.includes('"message":"forwarded"'));
  if (line === undefined) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Splits a worker's output into its invocations. A file whose start marker has no end marker
 * (the CLI stopped, e.g. on a bad setting) gets the rest of the output and code `undefined`.
 */
export function splitInvocations(output: string): Invocation[] {
  const invocations: Invocation[] = [];
  const parts = output.split(`\n${MARK}`);
  for (const part of parts.slice(1)) {
    const newline = part.indexOf('\n');
    const header = newline < 0 ? part : part.slice(0, newline);
    const body = newline < 0 ? '' : part.slice(newline + 1);
    if (header.startsWith('start ')) {
      invocations.push({
        file: header.slice(6),
        result: printedResult(body),
        summary: summaryLine(body),
        code: undefined,
        output: body,
      });
    } else if (header.startsWith('end ')) {
      const [code = '1', ...file] = header.slice(4).split(' ');
      const last = invocations.at(-1);
      if (last !== undefined && last.file === file.join(' ')) {
        invocations[invocations.length - 1] = { ...last, code: Number(code) };
      }
    }
  }
  return invocations;
}

/** One line saying how an invocation went: its summary, or its error message whole. */
export function outcomeLine(invocation: Invocation): string {
  const result = invocation.result;
  if (result !== undefined && typeof result.errorMessage === 'string') {
    return `failed: ${typeof result.errorType === 'string' ? `${result.errorType}: ` : ''}${result.errorMessage}`;
  }
  const summary = invocation.summary;
  if (invocation.code === 0 && summary !== undefined) {
    const n = (key: string): number => Number(summary[key] ?? 0);
    const dropped = (reason: string): number => {
      const counts = summary.dropped;
      return typeof counts === 'object' && counts !== null
        ? Number((counts as Record<string, unknown>)[reason] ?? 0)
        : 0;
    };
    const records = (count: number): string => `${count} record${count === 1 ? '' : 's'}`;
    // Every event that is not a record of its own says where it went (the summary's counts).
    const notes = [
      n('droppedOwnLogGroup') > 0
        ? `${n('droppedOwnLogGroup')} from the forwarder's own log group, not forwarded`
        : '',
      n('rejoined') > 0 ? `${n('rejoined')} rejoined into the line before` : '',
      n('folded') > 0 ? `${n('folded')} folded into their REPORT` : '',
      dropped('platform') > 0 ? `${dropped('platform')} platform lines dropped` : '',
      dropped('level') > 0 ? `${dropped('level')} below minLevel dropped` : '',
      dropped('sampled') > 0 ? `${dropped('sampled')} sampled out` : '',
      n('failed') > 0 ? `${n('failed')} failed` : '',
      n('truncated') > 0 ? `${n('truncated')} truncated` : '',
      n('redacted') > 0 ? `${n('redacted')} values redacted` : '',
      n('undecodable') > 0 ? `${n('undecodable')} undecodable Kinesis record(s)` : '',
    ].filter((note) => note !== '');
    const tail = notes.length > 0 ? ` (${notes.join(', ')})` : '';
    if (summary.input === 'kinesis') {
      return `Kinesis batch of ${n('kinesisRecords')} (${n('payloads')} payloads, ${n('controlMessages')} control): ${n('events')} events → ${records(n('delivered'))}${tail}`;
    }
    return summary.messageType === 'CONTROL_MESSAGE'
      ? 'control message: acknowledged, no records'
      : `${n('events')} events → ${records(n('delivered'))}${tail}`;
  }
  // No result printed: the CLI itself failed; its error is the last lines it printed.
  const error =
    /^\s*[×✖] (.+)$/m.exec(invocation.output)?.[1] ?? /\nError:\n(.+)/.exec(invocation.output)?.[1];
  return `failed: ${error ?? invocation.output.trim().split('\n').slice(-3).join(' ')}`;
}
