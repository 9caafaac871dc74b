import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { isMonthAt, matchShape } from './scan.js';
import { splitPhpStack } from './phpStack.js';

/**
 * PHP's own error reports (`log_errors`), as containers write them: the `error_log` file layout
 * on stderr, `[01-Jan-2024 12:00:00 UTC] PHP Fatal error:  Uncaught Error: … in /app/x.php:3`
 * (the time zone's name before the bracket); the CLI's bare `PHP Warning:  Undefined variable $x
 * in /app/a.php on line 3`; and PHP-FPM's copy of a worker's report when the official image's
 * `decorate_workers_output = no` leaves it undecorated, `NOTICE: PHP message: PHP Warning:  …`
 * (an `error_log('text')` relayed so, `NOTICE: PHP message: text`, is INFO, the text its message, the marker kept as `fpm`).
 * The level is the report's severity, as Monolog's `ErrorHandler` maps PHP's error types:
 * `Fatal error`, `Parse error` (and the core/compile ones) CRITICAL, `Recoverable fatal error`
 * ERROR, `Warning` WARNING, `Notice`, `Deprecated`, `Strict Standards` INFO. The message is the
 * report (its `PHP Fatal error:` head included, as PHP wrote it); an uncaught exception's
 * `Stack trace:` moves to exc_info; the time is kept as `time`.
 * Checked against php-src main/main.c (`php_log_err_with_severity`: `[%d-%b-%Y %H:%M:%S %e] `;
 * `php_error_cb`: `PHP %s:  %s in %s on line %d`, `error_type_str`), sapi/fpm/fpm/fpm_stdio.c
 * and docker-library/php's `docker.conf` (`decorate_workers_output = no`), and
 * Seldaek/monolog src/Monolog/ErrorHandler.php (`defaultErrorLevelMap`).
 */

const NAME = 'php-error';
const SEVERITIES: ReadonlyMap<string, LevelName> = new Map<string, LevelName>([
  ['Fatal error', 'CRITICAL'],
  ['Parse error', 'CRITICAL'],
  ['Recoverable fatal error', 'ERROR'],
  ['Warning', 'WARNING'],
  ['Notice', 'INFO'],
  ['Deprecated', 'INFO'],
  ['Strict Standards', 'INFO'],
]);
const HEAD = 'PHP ';
const FPM_HEAD = 'NOTICE: PHP message: ';
// `[01-Jan-2024 12:00:00 ` then the zone's name (`UTC`, `Europe/Berlin`) and `] `.
const TIME_SHAPE = '[dd-MMM-dddd dd:dd:dd ';
const MAX_ZONE = 40;

/** `PHP Warning:  …` at `start`: the severity's level, the report from there. */
function report(line: string, start: number): ParsedLine | undefined {
  if (!line.startsWith(HEAD, start)) return undefined;
  // `php_error_cb` writes two spaces after the colon; startup errors shown on stderr, one.
  const colon = line.indexOf(': ', start + HEAD.length);
  if (colon < 0 || colon - start > 32) return undefined;
  const levelname = SEVERITIES.get(line.slice(start + HEAD.length, colon));
  if (levelname === undefined) return undefined;
  const { message, exc_info } = splitPhpStack(line.slice(start));
  return { message, levelname, exc_info };
}

export const phpError: TextFormat = {
  name: NAME,
  parse(line) {
    const c = line.charCodeAt(0);
    if (c === 0x50 /* P */) return report(line, 0);
    if (c === 0x4e /* N */) {
      if (!line.startsWith(FPM_HEAD)) return undefined;
      // FPM's `NOTICE` is its relay's level, not the report's; `error_log('…')` text is INFO.
      // FPM's `PHP message` marker is kept as `fpm` when the report's own `PHP` does not repeat it.
      return (
        report(line, FPM_HEAD.length) ?? {
          message: line.slice(FPM_HEAD.length),
          fields: { fpm: 'PHP message' },
        }
      );
    }
    if (!matchShape(line, 0, TIME_SHAPE) || !isMonthAt(line, 4)) return undefined;
    const close = line.indexOf('] ', TIME_SHAPE.length);
    if (close < 0 || close - TIME_SHAPE.length > MAX_ZONE) return undefined;
    const parsed = report(line, close + 2);
    if (parsed !== undefined) parsed.fields = { time: line.slice(1, close) };
    return parsed;
  },
};
