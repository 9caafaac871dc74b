import { levelSpellings } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { dateTimeEnd, isDigit } from './scan.js';
import { splitLines, splitStack, type MessageAndStack } from './stacks.js';

/**
 * Sidekiq's own log lines (stdout of a Rails worker container): Sidekiq 6 and 7's default
 * `Formatters::Pretty`, `"#{time.utc.iso8601(3)} pid=#{pid} tid=#{tid}#{format_context}
 * #{severity}: #{message}"` →
 * `2024-01-01T12:00:00.123Z pid=1 tid=2ab class=HardWorker jid=b4a577edbccf1d805744efa9 elapsed=0.01 INFO: done`,
 * and `Formatters::WithoutTimestamp` (`ENV["DYNO"]`), the same without the time; Sidekiq 4 and 5's
 * `2016-11-01T11:25:15.992Z 621 TID-b250c [HardWorker JID-…] INFO: msg` (the job's words kept as
 * `context`). The level is the
 * severity before the colon (Ruby Logger's: WARN WARNING, FATAL CRITICAL, ANY INFO); `pid`
 * (a number), `tid` and the job context's pairs (`class`, `jid`, `elapsed`, `bid`, `tags`) are
 * fields. A job's failure is logged as `WARN: RuntimeError: boom` and then its backtrace as a
 * message of its own (`WARN: /app/app/workers/hard_worker.rb:5:in 'perform'` + one frame a
 * line): such a message's first frame is the message, the frames exc_info.
 * Checked against sidekiq/sidekiq lib/sidekiq/logger.rb (`Formatters::Pretty`,
 * `WithoutTimestamp`, `format_context`) and lib/sidekiq/config.rb (`ERROR_HANDLER`).
 */

const NAME = 'sidekiq';
const LEVELS = levelSpellings(['DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);
// `ANY`: Logger::UNKNOWN, a message logged whatever the level.
const SEVERITIES = new Map([...LEVELS, ['ANY', 'INFO' as const]]);
// Words read before the severity: the job context has a handful.
const MAX_WORDS = 32;

/** A message that is a Ruby backtrace (`path.rb:5:in 'm'` lines): its first frame, all of it. */
function splitBacktrace(message: string): MessageAndStack {
  const lines = splitLines(message.trimEnd());
  if (lines.length < 2 || !lines.every((l) => l.includes('.rb:') && l.includes(':in ')))
    return splitStack(message);
  return { message: lines[0] ?? '', exc_info: lines.join('\n') };
}

/** The severity word and its colon at `i` (`INFO: `), then the message. */
function severityAt(
  line: string,
  word: string,
  space: number,
  fields: Record<string, unknown>,
): ParsedLine | undefined {
  if (!word.endsWith(':')) return undefined;
  const levelname = SEVERITIES.get(word.slice(0, -1));
  if (levelname === undefined) return undefined;
  const { message, exc_info } = splitBacktrace(line.slice(space + 1));
  return { message, levelname, exc_info, fields };
}

/** Sidekiq 6+: `pid=1 tid=2ab k=v … LEVEL: msg`, pairs up to the severity and its colon. */
function parsePairs(line: string, start: number): ParsedLine | undefined {
  const fields: Record<string, unknown> = {};
  let i = start;
  for (let n = 0; n < MAX_WORDS; n++) {
    const space = line.indexOf(' ', i);
    if (space < 0) return undefined;
    const word = line.slice(i, space);
    const eq = word.indexOf('=');
    if (eq < 0) return n < 2 ? undefined : severityAt(line, word, space, fields);
    const key = word.slice(0, eq);
    const value = word.slice(eq + 1);
    if (n === 0) {
      const pid = Number(value);
      if (key !== 'pid' || !Number.isSafeInteger(pid)) return undefined;
      fields.pid = pid;
    } else if (n === 1 && key !== 'tid') return undefined;
    else fields[key] = value;
    i = space + 1;
  }
  return undefined;
}

/**
 * Sidekiq 4 and 5: `1 TID-oveahmcxw [HardWorker JID-oveaivtrg] LEVEL: msg`; the job's words are
 * kept as `context`, the thread as written (`TID-…`).
 */
function parseTid(line: string, start: number): ParsedLine | undefined {
  let i = start;
  while (isDigit(line.charCodeAt(i)) && i - start < 10) i++;
  if (i === start || !line.startsWith(' TID-', i)) return undefined;
  const fields: Record<string, unknown> = { pid: Number(line.slice(start, i)) };
  const tidEnd = line.indexOf(' ', i + 1);
  if (tidEnd < 0) return undefined;
  fields.tid = line.slice(i + 1, tidEnd);
  const contextStart = tidEnd + 1;
  i = contextStart;
  for (let n = 0; n < MAX_WORDS; n++) {
    const space = line.indexOf(' ', i);
    if (space < 0) return undefined;
    const word = line.slice(i, space);
    if (word.endsWith(':')) {
      if (i > contextStart) fields.context = line.slice(contextStart, i - 1);
      return severityAt(line, word, space, fields);
    }
    i = space + 1;
  }
  return undefined;
}

export const sidekiq: TextFormat = {
  name: NAME,
  parse(line) {
    let i = 0;
    if (isDigit(line.charCodeAt(0))) {
      const timeEnd = dateTimeEnd(line, 0);
      if (timeEnd < 0 || line.charCodeAt(timeEnd) !== 0x20) return parseTid(line, 0);
      i = timeEnd + 1;
    }
    return line.startsWith('pid=', i) ? parsePairs(line, i) : parseTid(line, i);
  },
};
