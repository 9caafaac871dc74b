import { ConfigError } from '../errors.js';
import { compileControls, type CompiledControls } from './applyControls.js';
import {
  DEFAULT_CONTROL_SETTINGS,
  describeProblem,
  readControlSettings,
  type ControlInput,
  type ControlProblem,
  type PatternCheck,
} from './settings.js';

/**
 * The controls artefact: the stage's control params and each log group's overrides, as the log
 * group list and serverless.yml state them. Packaging validates it and bakes it into the bundle
 * (config/controls.cjs → esbuild `define` of {@link ARTEFACT_GLOBAL}), because Lambda's
 * environment holds at most 4 KB in all, too little for one setting per group
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html). The function reads
 * it again at cold start with the same validation, so `serverless invoke local` and a deployment
 * run exactly what packaging accepted.
 */
export interface ControlsArtefact {
  readonly stage: ControlInput;
  readonly groups: Readonly<Record<string, ControlInput>>;
}

/** The identifier esbuild replaces with the artefact's JSON text. */
export const ARTEFACT_GLOBAL = '__CWL_FORWARDER_CONTROLS__';

declare const __CWL_FORWARDER_CONTROLS__: string | undefined;

/** The artefact's text baked into this bundle, or `undefined` outside a packaged bundle (tests). */
export function bundledArtefactText(): string | undefined {
  return typeof __CWL_FORWARDER_CONTROLS__ === 'string' ? __CWL_FORWARDER_CONTROLS__ : undefined;
}

/** The controls of every log group, ready to run. */
export interface ControlsByLogGroup {
  /** The stage's controls, for log groups without overrides. */
  readonly stage: CompiledControls;
  forLogGroup(logGroup: string): CompiledControls;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A problem, with where it is: `param sampleRate` or `/aws/lambda/x: sampleRate`. */
export interface PlacedProblem extends ControlProblem {
  readonly where: string;
}

/**
 * Validates an artefact: the stage's params over the defaults, each group's overrides over the
 * stage's settings. Returns the compiled controls and every problem, each named by where it is.
 */
export function validateControlsArtefact(
  artefact: ControlsArtefact,
  checkPattern?: PatternCheck,
): { controls: ControlsByLogGroup; problems: PlacedProblem[] } {
  const problems: PlacedProblem[] = [];
  const stageRead = readControlSettings(artefact.stage, DEFAULT_CONTROL_SETTINGS, checkPattern);
  for (const problem of stageRead.problems) problems.push({ ...problem, where: 'param' });
  const stage = compileControls(stageRead.settings);
  const groups = new Map<string, CompiledControls>();
  for (const [logGroup, input] of Object.entries(artefact.groups)) {
    const read = readControlSettings(input, stageRead.settings, checkPattern);
    for (const problem of read.problems) problems.push({ ...problem, where: logGroup });
    groups.set(logGroup, compileControls(read.settings));
  }
  const controls: ControlsByLogGroup = Object.freeze({
    stage,
    forLogGroup: (logGroup: string) => groups.get(logGroup) ?? stage,
  });
  return { controls, problems };
}

const ARTEFACT_VARIABLE = 'controls (bundled log group settings)';

/**
 * Reads the artefact's text at cold start; no text (a bundle built without it, tests) means
 * every control at its default. Throws {@link ConfigError} naming the group and the key.
 */
export function readControlsArtefact(text: string | undefined): ControlsByLogGroup {
  if (text === undefined || text.trim() === '') {
    return validateControlsArtefact({ stage: {}, groups: {} }).controls;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(ARTEFACT_VARIABLE, 'JSON', text.slice(0, 200));
  }
  if (!isRecord(parsed) || !isRecord(parsed.stage) || !isRecord(parsed.groups)) {
    throw new ConfigError(ARTEFACT_VARIABLE, '{ "stage": {…}, "groups": {…} }', text.slice(0, 200));
  }
  const groups = parsed.groups;
  for (const [group, input] of Object.entries(groups)) {
    if (!isRecord(input))
      throw new ConfigError(`controls: ${group}`, 'a map of controls', JSON.stringify(input));
  }
  const { controls, problems } = validateControlsArtefact({
    stage: parsed.stage,
    groups: groups as Record<string, ControlInput>,
  });
  const first = problems[0];
  if (first !== undefined) {
    const where =
      first.where === 'param' ? `controls: param ${first.key}` : `controls: ${first.where}: ${first.key}`;
    throw new ConfigError(where, first.expected, JSON.stringify(first.received));
  }
  return controls;
}

/** One line per problem, as packaging prints them. */
export function describePlacedProblem(problem: PlacedProblem): string {
  return problem.where === 'param'
    ? `param ${describeProblem(problem)}`
    : `${problem.where}: ${describeProblem(problem)}`;
}
