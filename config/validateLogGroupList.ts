import {
  CONTROL_KEYS,
  controlInputOf,
  describeProblem,
  readControlSettings,
  type ControlInput,
  type PatternCheck,
} from '../src/controls/settings.js';

/**
 * Validation of the log group list (`config/log-groups.yml` and its per-stage variants), run by
 * `config/subscriptions.cjs` while Serverless resolves `functions.forwarder.events`, so a bad
 * list stops `serverless package`/`deploy` before CloudFormation sees it.
 */

/** One subscription of the forwarder to a log group, as the list file states it. */
export interface LogGroupSubscription {
  /** Name of an existing CloudWatch Logs log group. */
  readonly logGroup: string;
  /** CloudWatch Logs filter pattern; `''` forwards every event. */
  readonly filter: string;
  /** The entry's own controls (SPEC §6: `platformLines`, `minLevel`, …), over the stage's. */
  readonly controls: ControlInput;
}

/** Where the list came from and whose list it is, for the checks and the messages. */
export interface LogGroupListContext {
  /** The list file, as shown in messages (relative to the service directory). */
  readonly source: string;
  /** The forwarder's own log group, which must never be subscribed (loop guard). */
  readonly ownLogGroup: string;
  /** Checks custom redaction patterns (config/patternSafety.ts); without it they are only compiled. */
  readonly checkPattern?: PatternCheck;
}

/** The log group list is unusable; the message names the file, the entry and what to change. */
export class LogGroupListError extends Error {
  override name = 'LogGroupListError';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: invalid log group list:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/**
 * Log group names: 1-512 characters of `a-z A-Z 0-9 _ - / . #`.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html
 */
export const LOG_GROUP_NAME_PATTERN = /^[a-zA-Z0-9_\-/.#]{1,512}$/;

/**
 * Filter patterns: at most 1,024 characters.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html
 */
export const MAX_FILTER_PATTERN_LENGTH = 1024;

/**
 * Subscription filters per log group: 2 (a hard quota; a third is refused at deploy time).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html
 */
export const MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP = 2;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ENTRY_KEYS: ReadonlySet<string> = new Set(['logGroup', 'filter', ...CONTROL_KEYS]);

/**
 * Reads one entry: `- /aws/lambda/x` or `- { logGroup: /aws/lambda/x, filter: '...', <controls> }`.
 */
function readEntry(
  entry: unknown,
  label: string,
  problems: string[],
  checkPattern: PatternCheck | undefined,
): LogGroupSubscription | undefined {
  const fields: Record<string, unknown> = isRecord(entry) ? entry : { logGroup: entry };
  const unknownKeys = Object.keys(fields).filter((key) => !ENTRY_KEYS.has(key));
  if (unknownKeys.length > 0) {
    problems.push(
      `${label}: unknown key(s) ${unknownKeys.join(', ')} (expected logGroup, optional filter and ` +
        `controls ${CONTROL_KEYS.join(', ')})`,
    );
  }
  const { logGroup, filter = '' } = fields;
  if (typeof logGroup !== 'string' || !LOG_GROUP_NAME_PATTERN.test(logGroup)) {
    problems.push(
      `${label}: ${JSON.stringify(logGroup ?? null)} is not a log group name ` +
        '(1-512 characters of letters, digits, _ - / . #)',
    );
    return undefined;
  }
  if (typeof filter !== 'string' || filter.length > MAX_FILTER_PATTERN_LENGTH) {
    problems.push(
      `${label} (${logGroup}): filter must be a string of at most ${MAX_FILTER_PATTERN_LENGTH} characters ` +
        "('' forwards every event)",
    );
    return undefined;
  }
  const controls = controlInputOf(fields);
  const { problems: refused } = readControlSettings(controls, undefined, checkPattern);
  for (const problem of refused) problems.push(`${label} (${logGroup}): ${describeProblem(problem)}`);
  return { logGroup, filter, controls };
}

/**
 * Checks the parsed list file and returns its subscriptions in file order. Collects every
 * problem (malformed names or filters, duplicates, more than two filters on one group, the
 * forwarder's own log group) and throws one {@link LogGroupListError} listing them all.
 * `null` (an empty file) is an empty list.
 */
export function validateLogGroupList(input: unknown, context: LogGroupListContext): LogGroupSubscription[] {
  if (input === null || input === undefined) return [];
  if (!Array.isArray(input)) {
    throw new LogGroupListError(context.source, [
      'expected a YAML list of entries such as "- logGroup: /aws/lambda/my-function"',
    ]);
  }
  const problems: string[] = [];
  const subscriptions: LogGroupSubscription[] = [];
  const filtersByGroup = new Map<string, string[]>();
  const controlsByGroup = new Map<string, { label: string; controls: ControlInput }>();
  input.forEach((entry: unknown, index) => {
    const label = `entry ${index + 1}`;
    const subscription = readEntry(entry, label, problems, context.checkPattern);
    if (subscription === undefined) return;
    const { logGroup, filter, controls } = subscription;
    if (logGroup === context.ownLogGroup) {
      problems.push(
        `${label}: ${logGroup} is the forwarder's own log group; subscribing it would feed the ` +
          "forwarder's logs back to itself in a loop (AWS also refuses it at deploy time). Remove this entry.",
      );
      return;
    }
    const filters = filtersByGroup.get(logGroup) ?? [];
    filtersByGroup.set(logGroup, filters);
    if (filters.includes(filter)) {
      problems.push(
        `${label}: duplicate of an earlier entry (${logGroup} with filter ${JSON.stringify(filter)})`,
      );
      return;
    }
    filters.push(filter);
    // One set of controls per log group: a payload does not say which of its filters matched.
    const earlier = controlsByGroup.get(logGroup);
    if (earlier === undefined) controlsByGroup.set(logGroup, { label, controls });
    else if (JSON.stringify(earlier.controls) !== JSON.stringify(controls)) {
      problems.push(
        `${label} (${logGroup}): controls differ from ${earlier.label}'s; a log group has one set of ` +
          'controls (a payload does not say which filter matched it): give both entries the same',
      );
    }
    if (filters.length === MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP + 1) {
      problems.push(
        `${label}: ${logGroup} has more than ${MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP} filters; ` +
          'CloudWatch Logs allows at most 2 subscription filters per log group',
      );
    }
    subscriptions.push(subscription);
  });
  if (problems.length > 0) throw new LogGroupListError(context.source, problems);
  return subscriptions;
}
