import type { ForwarderRecord } from '../normalize/record.js';
import { capFields } from './fieldLimits.js';
import { passesLevelFloor } from './levelFloor.js';
import { createPlatformStage, type PlatformStage } from './platformLines.js';
import { functionVersionOf, setOwnField } from './recordTags.js';
import { createRedactor, type Redactor } from './redactValues.js';
import { keptBySampling } from './requestSampling.js';
import type { ControlSettings } from './settings.js';

/**
 * The controls of SPEC §6 between normalize and encode, in this order: `function_version` and
 * `tags` → `platformLines` → `minLevel` → sampling → `redact` → `maxFields` / `maxDepth`.
 * Redaction comes before the field caps so that keys are matched where they are, not inside
 * `fields_overflow`'s text.
 */

/** What the controls removed or changed in one payload (SPEC §6: said in numbers). */
export interface ControlCounts {
  /** Records dropped on purpose, by reason. */
  readonly dropped: { level: number; sampled: number; platform: number };
  /** START / END records folded into their invocation's REPORT record. */
  folded: number;
  /** Values replaced by `[REDACTED:…]`. */
  redacted: number;
}

export function emptyControlCounts(): ControlCounts {
  return { dropped: { level: 0, sampled: 0, platform: 0 }, folded: 0, redacted: 0 };
}

/** One log group's settings, ready to run: built once at cold start. */
export interface CompiledControls {
  readonly settings: ControlSettings;
  readonly redactor: Redactor | undefined;
  readonly tags: Readonly<Record<string, string>> | undefined;
}

export function compileControls(settings: ControlSettings): CompiledControls {
  return Object.freeze({
    settings,
    redactor: createRedactor(settings.redact),
    tags: Object.keys(settings.tags).length === 0 ? undefined : settings.tags,
  });
}

/** The controls of one payload: `push` each record as normalize builds it, then `end` once. */
export type PayloadControls = PlatformStage;

/**
 * The controls for one payload of `logStream`, handing the records they keep to `sink`, in
 * order, and counting what they remove in `counts`.
 */
export function createPayloadControls(
  controls: CompiledControls,
  logStream: string,
  sink: (record: ForwarderRecord) => void,
  counts: ControlCounts,
): PayloadControls {
  const { settings, redactor, tags } = controls;
  const version = functionVersionOf(logStream);
  const sampling = settings.sampleRate < 1 && settings.sampleBelow !== 'DEBUG';
  const floor = settings.minLevel !== 'DEBUG';
  const capped = settings.maxFields !== 0 || settings.maxDepth !== 0;

  const after = (record: ForwarderRecord): void => {
    if (floor && !passesLevelFloor(record, settings.minLevel)) {
      counts.dropped.level++;
      return;
    }
    if (sampling && !keptBySampling(record, settings.sampleBelow, settings.sampleRate)) {
      counts.dropped.sampled++;
      return;
    }
    if (redactor !== undefined) counts.redacted += redactor(record);
    if (capped) capFields(record, settings.maxFields, settings.maxDepth);
    sink(record);
  };
  const platform = createPlatformStage(settings.platformLines, {
    emit: after,
    dropped: () => counts.dropped.platform++,
    folded: (count) => (counts.folded += count),
  });
  return {
    push(record) {
      if (version !== undefined) {
        // Undefined also where buildRecord left the key's slot (normalizeEvent.ts).
        if (record.function_version === undefined) record.function_version = version;
        else setOwnField(record, 'function_version', version);
      }
      // One frozen object shared by every record: no later stage changes `tags`.
      if (tags !== undefined) setOwnField(record, 'tags', tags);
      platform.push(record);
    },
    end: () => {
      platform.end();
    },
  };
}
