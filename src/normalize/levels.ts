import type { LevelName } from './record.js';

// Lower-case spellings of every level name the supported formats write, to Python's names.
// TRACE→DEBUG, WARN→WARNING, FATAL→CRITICAL per SPEC §3; the rest are the same levels as
// other libraries spell them (zap's dpanic/panic, .NET's Information/Critical, syslog's).
const BY_NAME: ReadonlyMap<string, LevelName> = new Map<string, LevelName>([
  ['trace', 'DEBUG'],
  ['verbose', 'DEBUG'],
  ['debug', 'DEBUG'],
  ['dbug', 'DEBUG'],
  ['trce', 'DEBUG'],
  ['fine', 'DEBUG'],
  ['finer', 'DEBUG'],
  ['finest', 'DEBUG'],
  ['silly', 'DEBUG'],
  ['info', 'INFO'],
  ['information', 'INFO'],
  ['informational', 'INFO'],
  ['notice', 'INFO'],
  ['http', 'INFO'],
  ['config', 'INFO'],
  ['warn', 'WARNING'],
  ['warning', 'WARNING'],
  ['error', 'ERROR'],
  // Microsoft.Extensions.Logging's console label for Error, also the .NET Lambda runtime's.
  ['fail', 'ERROR'],
  ['err', 'ERROR'],
  ['eror', 'ERROR'],
  ['severe', 'ERROR'],
  ['critical', 'CRITICAL'],
  ['crit', 'CRITICAL'],
  ['fatal', 'CRITICAL'],
  ['panic', 'CRITICAL'],
  ['dpanic', 'CRITICAL'],
  ['alert', 'CRITICAL'],
  ['emerg', 'CRITICAL'],
  ['emergency', 'CRITICAL'],
]);

/**
 * {@link BY_NAME} under the spellings lines use most (`info`, `INFO`, `Info`), looked up as they
 * come before the trimmed, lower-cased lookup, which makes two strings: the same answers.
 */
const BY_SPELLING: ReadonlyMap<string, LevelName> = new Map(
  [...BY_NAME].flatMap(([name, level]) => [
    [name, level],
    [name.toUpperCase(), level],
    [`${name.charAt(0).toUpperCase()}${name.slice(1)}`, level],
  ]),
);

/**
 * Maps a level as a line spells it to one of the five names, or `undefined` when the value is
 * no level at all. Numbers follow pino/bunyan (10/20 DEBUG, 30 INFO, 40 WARNING, 50 ERROR,
 * 60 CRITICAL); formats with other numeric scales map before calling this.
 */
export function toLevelName(value: unknown): LevelName | undefined {
  if (typeof value === 'string') {
    const exact = BY_SPELLING.get(value);
    if (exact !== undefined) return exact;
    const found = BY_NAME.get(value.trim().toLowerCase());
    if (found !== undefined) return found;
    const n = Number(value);
    return value.trim() !== '' && Number.isInteger(n) ? pinoLevel(n) : undefined;
  }
  if (typeof value === 'number') return pinoLevel(value);
  return undefined;
}

/**
 * pino/bunyan numeric levels: https://getpino.io/#/docs/api?id=levels. Under 10 (trace) is no
 * level of theirs: a syslog 3 (error) or a zerolog 3 read as DEBUG would be dropped by `minLevel`.
 */
export function pinoLevel(value: number): LevelName | undefined {
  if (!Number.isFinite(value) || value < 10) return undefined;
  if (value < 30) return 'DEBUG';
  if (value < 40) return 'INFO';
  if (value < 50) return 'WARNING';
  if (value < 60) return 'ERROR';
  return 'CRITICAL';
}

/**
 * SPEC §3's level names as a line spells them in upper case, with the aliases it names (TRACE,
 * WARN, FATAL): what a bare `[LEVEL]`, a level word or a runtime's JSON `level` may say.
 */
export const SPEC_LEVEL_WORDS = [
  'TRACE',
  'DEBUG',
  'INFO',
  'WARN',
  'WARNING',
  'ERROR',
  'CRITICAL',
  'FATAL',
] as const;

/**
 * The lookup of exactly the level spellings one format writes, each mapped by
 * {@link toLevelName}: a format recognises its lines by its own spellings, while what each
 * spelling means stays in this one table.
 */
export function levelSpellings(spellings: readonly string[]): ReadonlyMap<string, LevelName> {
  const levels = new Map<string, LevelName>();
  for (const spelling of spellings) {
    const level = toLevelName(spelling);
    if (level === undefined) throw new TypeError(`no level name for ${JSON.stringify(spelling)}`);
    levels.set(spelling, level);
  }
  return levels;
}
