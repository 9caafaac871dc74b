import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { requestParts, statusLevel } from './accessLog.js';
import { matchShape } from './scan.js';
import { firstSpace, isAddressStart } from './uvicorn.js';

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

/**
 * PHP-FPM's access log, which the official `php:*-fpm` images write to stderr (`docker.conf`:
 * `access.log = /proc/self/fd/2`) in FPM's default `access.format`, `%R - %u %t "%m %r" %s`:
 * `172.18.0.4 -  06/Sep/2019:13:47:22 +0000 "GET /index.php" 200` (no brackets round the time;
 * `%u` empty when there is no user, so two spaces; `-` for `%R` when FPM has no address). The
 * message is the line; its parts are fields under the access log's names; the level follows the
 * status (5xx ERROR, 4xx WARNING); what a longer `access.format` adds is kept as `trailing`.
 * Checked against php-src sapi/fpm/fpm/fpm_log.c (`fpm_log_write`, the default format in
 * fpm_conf.c) and docker-library/php's `docker.conf`; lines in ModestCoders/dockerfiles#18.
 */
export const phpFpmAccess: TextFormat = {
  name: 'php-fpm-access',
  parse(line) {
    if (!isAddressStart(line.charCodeAt(0)) && line.charCodeAt(0) !== 0x2d /* - */) return undefined;
    const hostEnd = firstSpace(line, 64);
    if (hostEnd <= 0 || !line.startsWith(' - ', hostEnd)) return undefined;
    const userEnd = line.indexOf(' ', hostEnd + 3);
    if (userEnd < 0 || userEnd - hostEnd > 256) return undefined;
    const timeStart = userEnd + 1;
    // `06/Sep/2019:13:47:22 +0000 "`
    if (!matchShape(line, timeStart, 'dd/MMM/dddd:dd:dd:dd ') || !line.startsWith(' "', timeStart + 26))
      return undefined;
    const quote = line.indexOf('" ', timeStart + 28);
    if (quote < 0 || !matchShape(line, quote + 2, 'ddd')) return undefined;
    const after = line.charCodeAt(quote + 5);
    if (!Number.isNaN(after) && after !== 0x20) return undefined;
    const status = Number(line.slice(quote + 2, quote + 5));
    const fields: Record<string, unknown> = { remote_addr: line.slice(0, hostEnd) };
    const user = line.slice(hostEnd + 3, userEnd);
    if (user !== '') fields.remote_user = user;
    fields.time_local = line.slice(timeStart, timeStart + 26);
    const request = line.slice(timeStart + 28, quote);
    fields.request = request;
    requestParts(request, fields, ['request_method', 'request_uri', 'server_protocol']);
    fields.status = status;
    const trailing = line.slice(quote + 5).trim();
    if (trailing !== '') fields.trailing = trailing;
    return { message: line, levelname: statusLevel(status), fields };
  },
};
