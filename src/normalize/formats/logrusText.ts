import { stripAnsi } from '../fields.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { isDigit } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * logrus' `TextFormatter` on a terminal (or with `ForceColors`, the usual choice in containers
 * whose logs are read coloured): `WARN[0000] The group's number increased tremendously!  number=122`,
 * the level upper-cased and cut to four letters (`PANI FATA ERRO WARN INFO DEBU TRAC`), in
 * brackets the seconds since the program started (`%04d`) or, with `FullTimestamp`, the time, then
 * with `ReportCaller` the caller, then the message padded to 44 characters and the fields as
 * ` key=value`, the level and each key coloured. (Off a terminal it writes logfmt, logfmt.ts.)
 * The level is read (a cut spelling, `ERRO`, kept as `level`), the bracket kept as `time`, the rest stays the message as written (the
 * caller and the fields with it, as zerolog's console line keeps them), its padding at the end
 * dropped. Checked against sirupsen/logrus text_formatter.go (`printColored`) and its README
 * ("Formatters", the `WARN[0000]` example).
 */

const LEVELS: ReadonlyMap<string, LevelName> = new Map<string, LevelName>([
  ['TRAC', 'DEBUG'],
  ['DEBU', 'DEBUG'],
  ['INFO', 'INFO'],
  ['WARN', 'WARNING'],
  ['ERRO', 'ERROR'],
  ['FATA', 'CRITICAL'],
  ['PANI', 'CRITICAL'],
]);
// `[0000]` or a `FullTimestamp` time in any Go layout: well within this.
const MAX_BRACKET = 64;

export const logrusText: TextFormat = {
  name: 'logrus-text',
  parse(line): ParsedLine | undefined {
    // `\x1b[33mWARN\x1b[0m[0000] `: the level is coloured.
    if (line.charCodeAt(0) === 0x1b ? line.charCodeAt(9) !== 0x1b : line.charCodeAt(4) !== 0x5b)
      return undefined;
    const text = line.charCodeAt(0) === 0x1b ? stripAnsi(line) : line;
    const levelname = LEVELS.get(text.slice(0, 4));
    if (levelname === undefined || text.charCodeAt(4) !== 0x5b /* [ */) return undefined;
    const close = text.indexOf(']', 5);
    if (close < 6 || close > MAX_BRACKET || !isDigit(text.charCodeAt(5))) return undefined;
    // `]` then a space, or `ReportCaller`'s caller (`]/src/app/main.go:12 main.main() msg`).
    const start = text.charCodeAt(close + 1) === 0x20 ? close + 2 : close + 1;
    const { message, exc_info } = splitStack(text.slice(start).trimEnd());
    const fields: Record<string, unknown> = { time: text.slice(5, close) };
    // `ERRO`, `FATA`, `DEBU`, `TRAC`, `PANI`: no level word of their own, kept as written.
    const spelling = text.slice(0, 4);
    if (spelling !== 'INFO' && spelling !== 'WARN') fields.level = spelling;
    return { message, levelname, exc_info, fields };
  },
};
