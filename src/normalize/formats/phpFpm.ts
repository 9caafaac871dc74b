import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { matchShape } from './scan.js';

/**
 * PHP-FPM's own log (Bref's `php-XX-fpm` runtimes start it with `--force-stderr`, so its lines
 * reach the function's log group): `[13-Oct-2023 08:01:38] NOTICE: fpm is running, pid 11`,
 * `[19-Jan-2019 20:52:38] WARNING: [pool default] child 14 said into stderr: "My log"`.
 * Levels as FPM names them: DEBUG, NOTICE (INFO), WARNING, ERROR, ALERT (CRITICAL); the message
 * is the rest, whole (`[pool default]` names the pool the line is about).
 * Checked against php-src sapi/fpm/fpm/zlog.c (`zlog_ex`: `[%d-%b-%Y %H:%M:%S] `, `level_names`)
 * and the lines quoted in brefphp/bref#188 and brefphp/bref#1663.
 */

const NAME = 'php-fpm';
const LEVELS = levelSpellings(['DEBUG', 'NOTICE', 'WARNING', 'ERROR', 'ALERT']);
// `[13-Oct-2023 08:01:38] `: the shape of the time, `d` a digit, `M` a letter.
const TIME_SHAPE = '[dd-MMM-dddd dd:dd:dd] ';

export const phpFpm: TextFormat = {
  name: NAME,
  parse(line) {
    if (!matchShape(line, 0, TIME_SHAPE)) return undefined;
    const start = TIME_SHAPE.length;
    const colon = line.indexOf(': ', start);
    if (colon < 0 || colon - start > 7) return undefined;
    const levelname = LEVELS.get(line.slice(start, colon));
    if (levelname === undefined) return undefined;
    return { message: line.slice(colon + 2), levelname };
  },
};
