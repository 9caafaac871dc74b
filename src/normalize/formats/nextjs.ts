import { stripAnsi } from '../fields.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { splitStack } from './stacks.js';

/**
 * The Next.js server's own output (vercel/next.js packages/next/src/build/output/log.ts), in a
 * container (`next start`, the standalone `server.js`) or behind the Node.js runtime's prefix
 * (a Next server on Lambda). Next 13.5+ writes `' ' + prefix + ' ' + message` (`prefixedLog`):
 * ` ⨯ ` error (console.error), ` ⚠ ` warn (console.warn), ` ✓ ` event, ` ○ ` wait, ` ▲ ` ready,
 * ` » ` trace, coloured with picocolors on a terminal (stripped). Next ≤ 13.4's early releases wrote
 * `console.log(prefix, …message)` with the word padded to a dash: `error - `, `warn  - `,
 * `info  - `, `ready - `, `event - `, `wait  - `, `trace - `; 13.4's later releases, before 13.5's
 * symbols, the dash first, `- ready started server on 0.0.0.0:3000, url: http://localhost:3000`,
 * `- event compiled client and server successfully in 5.8s (295 modules)`, `- wait compiling...`,
 * `- warn …`, `- error …`, `- info …`, `- trace …` (the prefix, a space, the message; coloured or
 * not), as `next dev` and `next start` printed them in the output users pasted (the corpus cites
 * it). `⨯`/`error` are ERROR, `⚠`/`warn` WARNING, `»`/`trace` DEBUG, the rest INFO; a word that
 * is no level (`ready`, `event`, `wait`) is kept as `level`. A stack printed with an error (` ⨯ Error: boom\n    at …`) is the exc_info.
 * Next's info lines (`   msg`, three spaces) state nothing to tell them by, and are left as text.
 */

const SYMBOLS: Readonly<Record<string, LevelName>> = {
  '⨯': 'ERROR',
  '⚠': 'WARNING',
  '✓': 'INFO',
  '○': 'INFO',
  '▲': 'INFO',
  '»': 'DEBUG',
};
const WORD_HEAD = /(error|warn|info|ready|event|wait|trace) {1,2}- /y;
// 13.4's later `- word `: the word after the dash, then a space or the end of its line.
const DASH_HEAD = /- (error|warn|info|ready|event|wait|trace)(?: |$|(?=\n))/y;
const WORDS: Readonly<Record<string, LevelName>> = {
  error: 'ERROR',
  warn: 'WARNING',
  info: 'INFO',
  ready: 'INFO',
  event: 'INFO',
  wait: 'INFO',
  trace: 'DEBUG',
};
// The padding prefixes() gives each word: `warn  - `, `ready - `.
const PADDED = new Set(['warn', 'info', 'wait']);

/** A word that is no level (`ready`, `event`, `wait`) is kept as `level`. */
function kept(word: string): Record<string, unknown> | undefined {
  return word === 'ready' || word === 'event' || word === 'wait' ? { level: word } : undefined;
}

/** 13.4's later `- ready started server on …`. */
function parseDashed(text: string): ParsedLine | undefined {
  DASH_HEAD.lastIndex = 0;
  const head = DASH_HEAD.exec(text);
  if (head === null) return undefined;
  const word = head[1] as string;
  const { message, exc_info } = splitStack(text.slice(DASH_HEAD.lastIndex).trimEnd());
  return { message, levelname: WORDS[word], exc_info, fields: kept(word) };
}

export const nextjs: TextFormat = {
  name: 'nextjs',
  parse(line): ParsedLine | undefined {
    const first = line.charCodeAt(0);
    if (first !== 0x20 && first !== 0x1b && first !== 0x2d /* - */ && (first < 0x61 || first > 0x77))
      return undefined;
    // A colour code first (≤ 13.4's chalk word) or right after the leading space (13.5+'s symbol).
    const coloured = first === 0x1b || (first === 0x20 && line.charCodeAt(1) === 0x1b);
    const text = coloured ? stripAnsi(line) : line;
    if (text.charCodeAt(0) === 0x20 /* space */) {
      const levelname = SYMBOLS[text.charAt(1)];
      if (levelname === undefined || text.charCodeAt(2) !== 0x20) return undefined;
      const rest = text.slice(3).trimEnd();
      if (rest === '') return undefined;
      const { message, exc_info } = splitStack(rest);
      return { message, levelname, exc_info };
    }
    if (text.charCodeAt(0) === 0x2d /* - */) return parseDashed(text);
    WORD_HEAD.lastIndex = 0;
    const head = WORD_HEAD.exec(text);
    if (head === null) return undefined;
    const word = head[1] as string;
    // The exact padding: one space before the dash for five-letter words, two for the others.
    if ((head[0].length - word.length === 4) !== PADDED.has(word)) return undefined;
    const { message, exc_info } = splitStack(text.slice(WORD_HEAD.lastIndex).trimEnd());
    return { message, levelname: WORDS[word], exc_info, fields: kept(word) };
  },
};
