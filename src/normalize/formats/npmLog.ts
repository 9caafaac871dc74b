import { stripAnsi } from '../fields.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';

/**
 * npm's own log lines on stderr (a container's `npm start`, what the awslogs driver ships when the
 * app exits): every line of a message behind `npm <level>`. npm ≤ 9 writes through npmlog
 * (npm/cli v9 node_modules/npmlog/lib/log.js: `addLevel` display names `ERR!`, `WARN`, `notice`,
 * `http`, `timing`, `info`, `verb`, `sill`, each line `heading + ' ' + disp + ' ' + line`); npm 10
 * through its own display (lib/utils/display.js `#writeLog`, lib/utils/format.js: `npm error …`,
 * `npm warn …`, `notice`, `http`, `timing`, `info`, `verbose`, `silly`), coloured only on a
 * terminal (stripped). `ERR!`/`error` are ERROR, `WARN`/`warn` WARNING, `verb`/`verbose`/`sill`/
 * `silly` DEBUG, the others INFO; a spelling that is no level word (`ERR!`, `http`, `timing`,
 * `verb`, `sill`, `silly`) is kept as `level`. The name is `npm`, the rest of the line the message
 * (`code ELIFECYCLE`, `deprecated inflight@1.0.6: …`; npm's blank `npm ERR!` separator an empty one).
 */

const HEAD = /npm (ERR!|WARN|error|warn|notice|http|timing|info|verb|verbose|sill|silly)(?:[ \r\n]|$)/y;
const LEVELS: Readonly<Record<string, LevelName>> = {
  'ERR!': 'ERROR',
  error: 'ERROR',
  WARN: 'WARNING',
  warn: 'WARNING',
  notice: 'INFO',
  http: 'INFO',
  timing: 'INFO',
  info: 'INFO',
  verb: 'DEBUG',
  verbose: 'DEBUG',
  sill: 'DEBUG',
  silly: 'DEBUG',
};
const LEVEL_WORDS: ReadonlySet<string> = new Set(['error', 'warn', 'WARN', 'notice', 'info', 'verbose']);

export const npmLog: TextFormat = {
  name: 'npm',
  parse(line): ParsedLine | undefined {
    const first = line.charCodeAt(0);
    if (first !== 0x6e /* n */ && first !== 0x1b /* ESC */) return undefined;
    const text = first === 0x1b ? stripAnsi(line) : line;
    HEAD.lastIndex = 0;
    const head = HEAD.exec(text);
    if (head === null) return undefined;
    const spelling = head[1] as string;
    return {
      message: text.slice(HEAD.lastIndex).trimEnd(),
      levelname: LEVELS[spelling],
      name: 'npm',
      fields: LEVEL_WORDS.has(spelling) ? undefined : { level: spelling },
    };
  },
};
