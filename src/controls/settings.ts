import { LEVEL_NAMES, type LevelName } from '../normalize/record.js';

/**
 * The controls of SPEC §6 and their validation, shared by packaging (config/validateLogGroupList.ts,
 * config/controlsArtefact.ts) and the function's cold start (src/controls/controlsArtefact.ts):
 * the same module decides what a value may be, so a value packaging accepted is one the function
 * accepts, and the messages name the same keys.
 */

/** What to do with Lambda's own START / END / REPORT lines (and their platform JSON records). */
export const PLATFORM_LINE_MODES = ['keep', 'fold', 'drop'] as const;
export type PlatformLineMode = (typeof PLATFORM_LINE_MODES)[number];

/** Built-in redaction rules (src/controls/redactionRules.ts). */
export const REDACTION_RULES = [
  'email',
  'ipv4',
  'aws-access-key-id',
  'jwt',
  'bearer-token',
  'credit-card',
] as const;
export type RedactionRuleName = (typeof REDACTION_RULES)[number];

export interface RedactSettings {
  readonly rules: readonly RedactionRuleName[];
  /** Custom regular expressions (JavaScript syntax, no flags); a match becomes `[REDACTED:pattern]`. */
  readonly patterns: readonly string[];
  /** Field keys, lower case; their values become `[REDACTED:key]` at any depth. */
  readonly keys: readonly string[];
}

/** The controls for one log group (or the whole stage). */
export interface ControlSettings {
  readonly platformLines: PlatformLineMode;
  /** Records under it are dropped; ERROR and CRITICAL never are. */
  readonly minLevel: LevelName;
  /** Records under this level are sampled at {@link sampleRate}; `DEBUG` samples nothing. */
  readonly sampleBelow: LevelName;
  /** Probability (0-1) that a request's records under {@link sampleBelow} are kept. */
  readonly sampleRate: number;
  readonly redact: RedactSettings;
  /** Added under `tags` on every record. */
  readonly tags: Readonly<Record<string, string>>;
  /** Fields of a structured line kept as fields (the rest go to `fields_overflow`); 0: no cap. */
  readonly maxFields: number;
  /** Nesting kept as fields (deeper objects go to `fields_overflow`); 0: no cap. */
  readonly maxDepth: number;
}

/**
 * Field caps, picked so one shared daily index stays well under OpenSearch's default of 1,000
 * mapped fields (`index.mapping.total_fields.limit`): the forwarder's own fields map to about 50
 * (core, `cloudwatch.*`, `lambda.*` of the platform lines, the fold figures), so 100 fields per
 * line leave room for several applications' distinct fields in one index, and depth 5 covers the
 * usual `request.headers.x` / `error.cause.stack` nesting. Every field beyond is still in the
 * record, in `fields_overflow`.
 * https://opensearch.org/docs/latest/install-and-configure/configuring-opensearch/index-settings/
 */
export const DEFAULT_MAX_FIELDS = 100;
export const DEFAULT_MAX_DEPTH = 5;

/** Every control off (field caps aside, which SPEC §6 leaves on by default). */
export const DEFAULT_CONTROL_SETTINGS: ControlSettings = Object.freeze({
  platformLines: 'keep',
  minLevel: 'DEBUG',
  sampleBelow: 'DEBUG',
  sampleRate: 1,
  redact: Object.freeze({ rules: [], patterns: [], keys: [] }),
  tags: Object.freeze({}),
  maxFields: DEFAULT_MAX_FIELDS,
  maxDepth: DEFAULT_MAX_DEPTH,
});

/** The keys a log group list entry (or the stage's params) may set. */
export const CONTROL_KEYS = [
  'platformLines',
  'minLevel',
  'sampleBelow',
  'sampleRate',
  'redact',
  'tags',
  'maxFields',
  'maxDepth',
] as const;
export type ControlKey = (typeof CONTROL_KEYS)[number];

/** One refused value: the key, what it may be, what it was. */
export interface ControlProblem {
  readonly key: string;
  readonly expected: string;
  readonly received: unknown;
}

/** Raw control values (a list entry's extra keys, or the stage params), as YAML or JSON gave them. */
export type ControlInput = Readonly<Partial<Record<ControlKey, unknown>>>;

/**
 * A checker for custom patterns, returning why a pattern is refused or `undefined`. Packaging
 * passes one that looks for catastrophic backtracking (config/patternSafety.ts); at cold start
 * the patterns are only compiled, as packaging already checked them.
 */
export type PatternCheck = (pattern: string) => string | undefined;

/** Tag keys and values: what OpenSearch and CloudWatch accept as a keyword without surprise. */
const MAX_TAGS = 50;
const MAX_TAG_LENGTH = 256;
const MAX_PATTERNS = 20;
const MAX_PATTERN_LENGTH = 500;
const MAX_KEYS = 100;
const MAX_CAP = 10_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Params come as strings from `--param`: `"0.1"`, `'{"team":"payments"}'`, `"email,ipv4"`. */
function fromText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return value;
    }
  }
  return text;
}

function numberOf(value: unknown): number | undefined {
  const v = fromText(value);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function levelOf(value: unknown): LevelName | undefined {
  const v = fromText(value);
  if (typeof v !== 'string') return undefined;
  const upper = v.toUpperCase();
  const name = upper === 'WARN' ? 'WARNING' : upper;
  return (LEVEL_NAMES as readonly string[]).includes(name) ? (name as LevelName) : undefined;
}

function stringList(value: unknown): string[] | undefined {
  const v = fromText(value);
  if (v === undefined || v === null || v === '') return [];
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (Array.isArray(v) && v.every((item) => typeof item === 'string')) return v;
  return undefined;
}

function readRedact(
  value: unknown,
  problems: ControlProblem[],
  checkPattern: PatternCheck | undefined,
): RedactSettings | undefined {
  const text = fromText(value);
  if (text === '' || text === null) return DEFAULT_CONTROL_SETTINGS.redact;
  // `--param="redact=email,ipv4"`: a list of rules alone.
  const v = typeof text === 'string' ? { rules: text } : text;
  if (!isRecord(v)) {
    problems.push({ key: 'redact', expected: 'a map { rules, patterns, keys }', received: value });
    return undefined;
  }
  const before = problems.length;
  const unknown = Object.keys(v).filter((key) => !['rules', 'patterns', 'keys'].includes(key));
  for (const key of unknown) {
    problems.push({
      key: `redact.${key}`,
      expected: 'no such key (rules, patterns, keys)',
      received: v[key],
    });
  }
  const rules = stringList(v.rules);
  if (rules === undefined || rules.some((rule) => !(REDACTION_RULES as readonly string[]).includes(rule))) {
    problems.push({
      key: 'redact.rules',
      expected: `a list of ${REDACTION_RULES.join(', ')}`,
      received: v.rules,
    });
  }
  const patterns = Array.isArray(v.patterns) || v.patterns === undefined ? (v.patterns ?? []) : undefined;
  if (
    patterns === undefined ||
    patterns.length > MAX_PATTERNS ||
    !patterns.every((p: unknown) => typeof p === 'string' && p !== '' && p.length <= MAX_PATTERN_LENGTH)
  ) {
    problems.push({
      key: 'redact.patterns',
      expected: `a list of at most ${MAX_PATTERNS} regular expressions of 1-${MAX_PATTERN_LENGTH} characters`,
      received: v.patterns,
    });
  } else {
    patterns.forEach((pattern: string, i: number) => {
      const why = compileError(pattern) ?? checkPattern?.(pattern);
      if (why !== undefined) {
        problems.push({
          key: `redact.patterns[${i}]`,
          expected: `a safe regular expression (${why})`,
          received: pattern,
        });
      }
    });
  }
  const keys = stringList(v.keys);
  if (keys === undefined || keys.length > MAX_KEYS || keys.some((key) => key === '')) {
    problems.push({
      key: 'redact.keys',
      expected: `a list of at most ${MAX_KEYS} field names`,
      received: v.keys,
    });
  }
  if (problems.length > before || rules === undefined || patterns === undefined || keys === undefined)
    return undefined;
  return Object.freeze({
    rules: Object.freeze([...new Set(rules as RedactionRuleName[])]),
    patterns: Object.freeze([...(patterns as string[])]),
    keys: Object.freeze([...new Set(keys.map((key) => key.toLowerCase()))]),
  });
}

function compileError(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'g');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function readTags(value: unknown, problems: ControlProblem[]): Readonly<Record<string, string>> | undefined {
  const v = fromText(value);
  if (v === '' || v === null) return DEFAULT_CONTROL_SETTINGS.tags;
  const expected = `a map of at most ${MAX_TAGS} tags, keys and values strings of 1-${MAX_TAG_LENGTH} characters`;
  if (!isRecord(v)) {
    problems.push({ key: 'tags', expected, received: value });
    return undefined;
  }
  const tags: Record<string, string> = {};
  const entries = Object.entries(v);
  let ok = entries.length <= MAX_TAGS;
  for (const [key, tag] of entries) {
    // YAML reads `version: 2` as a number: a scalar tag value is kept as its text.
    const text = typeof tag === 'number' || typeof tag === 'boolean' ? String(tag) : tag;
    if (
      key === '' ||
      key.length > MAX_TAG_LENGTH ||
      typeof text !== 'string' ||
      text.length > MAX_TAG_LENGTH
    ) {
      problems.push({ key: `tags.${key}`, expected, received: tag });
      ok = false;
      continue;
    }
    tags[key] = text;
  }
  if (!ok) {
    if (entries.length > MAX_TAGS)
      problems.push({ key: 'tags', expected, received: `${entries.length} tags` });
    return undefined;
  }
  return Object.freeze(tags);
}

function readCap(
  value: unknown,
  key: 'maxFields' | 'maxDepth',
  problems: ControlProblem[],
): number | undefined {
  const n = numberOf(value);
  if (n === undefined || !Number.isInteger(n) || n < 0 || n > MAX_CAP) {
    problems.push({ key, expected: `a whole number from 0 (no cap) to ${MAX_CAP}`, received: value });
    return undefined;
  }
  return n;
}

/**
 * Reads control values over `base` (the stage's settings for a log group's entry, the defaults
 * for the stage's params): each key present replaces the base's value whole (a group's `redact`
 * replaces the stage's `redact`, it does not add to it). Returns the settings, frozen, and every
 * refused value; a key with a refused value keeps the base's value in the returned settings.
 * `undefined` and `''` (an unset param) leave a key as it is in `base`.
 */
export function readControlSettings(
  input: ControlInput,
  base: ControlSettings = DEFAULT_CONTROL_SETTINGS,
  checkPattern?: PatternCheck,
): { settings: ControlSettings; problems: ControlProblem[] } {
  const problems: ControlProblem[] = [];
  const set = (key: ControlKey): boolean => {
    const value = input[key];
    return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
  };
  let { platformLines, minLevel, sampleBelow, sampleRate, redact, tags, maxFields, maxDepth } = base;
  if (set('platformLines')) {
    const v = fromText(input.platformLines);
    if (typeof v === 'string' && (PLATFORM_LINE_MODES as readonly string[]).includes(v)) {
      platformLines = v as PlatformLineMode;
    } else {
      problems.push({
        key: 'platformLines',
        expected: PLATFORM_LINE_MODES.join(', '),
        received: input.platformLines,
      });
    }
  }
  for (const key of ['minLevel', 'sampleBelow'] as const) {
    if (!set(key)) continue;
    const level = levelOf(input[key]);
    if (level === undefined) problems.push({ key, expected: LEVEL_NAMES.join(', '), received: input[key] });
    else if (key === 'minLevel') minLevel = level;
    else sampleBelow = level;
  }
  if (set('sampleRate')) {
    const rate = numberOf(input.sampleRate);
    if (rate === undefined || rate < 0 || rate > 1) {
      problems.push({ key: 'sampleRate', expected: 'a number from 0 to 1', received: input.sampleRate });
    } else sampleRate = rate;
  }
  if (set('redact')) redact = readRedact(input.redact, problems, checkPattern) ?? redact;
  if (set('tags')) tags = readTags(input.tags, problems) ?? tags;
  if (set('maxFields')) maxFields = readCap(input.maxFields, 'maxFields', problems) ?? maxFields;
  if (set('maxDepth')) maxDepth = readCap(input.maxDepth, 'maxDepth', problems) ?? maxDepth;
  const settings: ControlSettings = Object.freeze({
    platformLines,
    minLevel,
    sampleBelow,
    sampleRate,
    redact,
    tags,
    maxFields,
    maxDepth,
  });
  return { settings, problems };
}

/** `problem` as one line of an error message: `sampleRate: expected a number from 0 to 1, got "2"`. */
export function describeProblem(problem: ControlProblem): string {
  return `${problem.key}: expected ${problem.expected}, got ${problem.received === undefined ? 'nothing' : JSON.stringify(problem.received)}`;
}

/** Only the control keys of a list entry or of the params (the others are not controls). */
export function controlInputOf(fields: Readonly<Record<string, unknown>>): ControlInput {
  const input: Partial<Record<ControlKey, unknown>> = {};
  for (const key of CONTROL_KEYS) if (fields[key] !== undefined) input[key] = fields[key];
  return input;
}

/** Whether a record level is under `floor`. */
export function isUnder(level: LevelName, floor: LevelName): boolean {
  return LEVEL_NAMES.indexOf(level) < LEVEL_NAMES.indexOf(floor);
}

/** Whether every control is off: the pipeline then runs exactly as it does without controls. */
export function controlsOff(settings: ControlSettings): boolean {
  return (
    settings.platformLines === 'keep' &&
    settings.minLevel === 'DEBUG' &&
    (settings.sampleRate === 1 || settings.sampleBelow === 'DEBUG') &&
    settings.redact.rules.length === 0 &&
    settings.redact.patterns.length === 0 &&
    settings.redact.keys.length === 0 &&
    Object.keys(settings.tags).length === 0 &&
    settings.maxFields === 0 &&
    settings.maxDepth === 0
  );
}
