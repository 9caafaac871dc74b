import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { splitLines, isMultiLine } from './stacks.js';
import { timeEnd } from './scan.js';

/**
 * Elixir's Logger console backend (Phoenix and other BEAM containers), default format
 * `$time $metadata[$level] $message` (or `$date $time …`): `17:00:32.537 [error] GenServer
 * #PID<0.123.0> terminating`, with metadata `17:00:32.537 request_id=F6x2 [info] GET /orders`. The metadata's
 * `key=value` pairs become fields; an Erlang/Elixir error report's `** (Kind) reason` line and
 * the frames under it move to exc_info. Levels: debug, info/notice → INFO, warning/warn,
 * error, critical/alert/emergency → CRITICAL.
 * Checked against elixir-lang/elixir lib/logger/lib/logger/formatter.ex (`@default_pattern`
 * `"\n$time $metadata[$level] $message\n"`) and Exception.format_banner (`** (RuntimeError) …`).
 */

const NAME = 'elixir-logger';
const LEVELS = levelSpellings([
  'debug',
  'info',
  'notice',
  'warning',
  'warn',
  'error',
  'critical',
  'alert',
  'emergency',
]);
const MAX_METADATA = 1024;

function isDigitAt(line: string, at: number): boolean {
  const c = line.charCodeAt(at);
  return c >= 0x30 && c <= 0x39;
}

function splitReport(text: string): { message: string; exc_info?: string | undefined } {
  if (!isMultiLine(text)) return { message: text };
  const lines = splitLines(text);
  const at = lines.findIndex((line, k) => k > 0 && line.startsWith('** ('));
  if (at < 0) return { message: text };
  return { message: lines.slice(0, at).join('\n').trimEnd(), exc_info: lines.slice(at).join('\n').trimEnd() };
}

export const elixirLogger: TextFormat = {
  name: NAME,
  parse(line) {
    const c = line.charCodeAt(0);
    if (c < 0x30 || c > 0x39) return undefined;
    // `$time`, or `$date $time` (`2017-03-25 00:40:55.646`).
    const dated = line.charCodeAt(4) === 0x2d && line.charCodeAt(10) === 0x20;
    const i = dated ? timeEnd(line, 11) : timeEnd(line, 0);
    if (i < 0 || line.charCodeAt(i) !== 0x20) return undefined;
    if (dated && line.charCodeAt(7) !== 0x2d) return undefined;
    if (dated) for (let k = 0; k < 10; k++) if (k !== 4 && k !== 7 && !isDigitAt(line, k)) return undefined;
    const open = line.indexOf('[', i);
    if (open < 0 || open - i > MAX_METADATA) return undefined;
    const close = line.indexOf('] ', open);
    if (close < 0 || close - open > 10) return undefined;
    const levelname = LEVELS.get(line.slice(open + 1, close));
    if (levelname === undefined) return undefined;
    const metadata = line.slice(i + 1, open).trim();
    let fields: Record<string, unknown> | undefined;
    if (metadata !== '') {
      fields = {};
      for (const pair of metadata.split(' ')) {
        const eq = pair.indexOf('=');
        // Metadata is `key=value` pairs only: anything else is no Logger line.
        if (eq <= 0) return undefined;
        fields[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
    }
    const { message, exc_info } = splitReport(line.slice(close + 2));
    return { message, levelname, exc_info, fields };
  },
};
