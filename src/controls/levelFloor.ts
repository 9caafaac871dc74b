import type { ForwarderRecord, LevelName } from '../normalize/record.js';
import { isUnder } from './settings.js';

/**
 * The `minLevel` control (SPEC §6): whether a record stays. Records under the floor are
 * dropped, except ERROR and CRITICAL, which no setting drops.
 */
export function passesLevelFloor(record: ForwarderRecord, minLevel: LevelName): boolean {
  const level = record.levelname;
  return level === 'ERROR' || level === 'CRITICAL' || !isUnder(level, minLevel);
}
