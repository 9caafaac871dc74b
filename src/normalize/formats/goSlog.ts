import type { JsonFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { jsonLibraryFormat } from './jsonLibrary.js';

/**
 * Go's `log/slog` `JSONHandler`: `{"time":"2023-11-01T10:47:57.081Z","level":"INFO","msg":"…",
 * "source"?:{"function","file","line"}, …attrs}` (`time`, `level`, `source`, `msg` are
 * `slog.TimeKey`, `LevelKey`, `SourceKey`, `MessageKey`; `source` only with `AddSource`; groups
 * are nested objects). `Level.String()` writes `DEBUG`, `INFO`, `WARN`, `ERROR`, and a level between
 * them as the name below plus its offset: `INFO+2`, `DEBUG-4`, `ERROR+4` (12, the docs' custom
 * "emergency" level). An error is an attr whose value is its `Error()` text (`"err":"…"`,
 * `"error":"…"`), with no stack of its own, as in Go's other JSON loggers (goJson.ts).
 * Recognised by `msg` beside a level of that spelling (logrus and zerolog write lower case, zap
 * `ts`). A level with an offset is mapped by its number and also kept as a field.
 * Checked against Go's src/log/slog/handler.go (`commonHandler.handle`), level.go
 * (`Level.String`), json_handler.go and example_custom_levels_test.go.
 */

// slog's levels are numbers 4 apart: DEBUG -4, INFO 0, WARN 4, ERROR 8 (level.go).
const BASES: ReadonlyMap<string, number> = new Map([
  ['DEBUG', -4],
  ['INFO', 0],
  ['WARN', 4],
  ['ERROR', 8],
]);

/** The number of a level as `Level.String()` spells it (`WARN`, `INFO+2`), or `undefined`. */
function slogLevelNumber(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const exact = BASES.get(value);
  if (exact !== undefined) return exact;
  const sign = value.search(/[+-]/);
  const base = BASES.get(sign < 0 ? value : value.slice(0, sign));
  if (base === undefined) return undefined;
  if (sign < 0) return base;
  const offset = value.slice(sign + 1);
  if (!/^\d{1,4}$/.test(offset)) return undefined;
  return value.charCodeAt(sign) === 0x2b /* + */ ? base + Number(offset) : base - Number(offset);
}

/**
 * slog's level as one of the five names: below INFO is DEBUG, then INFO, WARNING, ERROR in
 * steps of 4, and from ERROR+4 (12) on CRITICAL.
 */
export function slogLevel(value: unknown): LevelName | undefined {
  const n = slogLevelNumber(value);
  if (n === undefined) return undefined;
  if (n < 0) return 'DEBUG';
  if (n < 4) return 'INFO';
  if (n < 8) return 'WARNING';
  if (n < 12) return 'ERROR';
  return 'CRITICAL';
}

/** True for a level with an offset (`INFO+2`): its spelling says more than the mapped name. */
export function hasSlogOffset(value: unknown): boolean {
  return typeof value === 'string' && slogLevelNumber(value) !== undefined && !BASES.has(value);
}

export const goSlog: JsonFormat = jsonLibraryFormat({
  name: 'go-slog',
  detect: (o) =>
    typeof o.level === 'string' && 'msg' in o && !('ts' in o) && slogLevelNumber(o.level) !== undefined,
  messageKey: 'msg',
  level: slogLevel,
  keepsLevel: hasSlogOffset,
  errorKeys: ['err', 'error'],
  stackKeys: ['stack'],
  // handler.go: time, level, source, msg, then the attributes, which are never checked against them
  // nor against each other (`logger.With("a", 1).Info("m", "a", 2)`, golang/go#59365): the last is
  // the field, an earlier one is kept under `shadowed_fields`.
  ownKeys: { head: ['time', 'level', 'source', 'msg'], othersUnder: 'shadowed_fields' },
});
