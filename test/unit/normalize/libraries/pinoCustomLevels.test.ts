import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * pino's `customLevels` (docs/api.md "customLevels": `pino({ customLevels: { audit: 35 } })`,
 * `logger.audit('…')`) write the custom level's number as `level`.
 */
describe('pino custom levels (pino.ts)', () => {
  it('maps a custom level on pino’s scale and keeps its number as `level`', () => {
    const { record, missing } = shippedLine(
      '{"level":35,"time":1698835677081,"pid":8,"hostname":"169.254.1.1","msg":"user signed in","user":"u-1"}\n',
      'pino-fn',
    );
    expect(record).toMatchObject({ levelname: 'INFO', message: 'user signed in', level: 35, user: 'u-1' });
    expect(missing).toEqual([]);
  });

  it('reads a custom level above error as ERROR, the number kept', () => {
    const { record } = shippedLine(
      '{"level":55,"time":1698835677081,"pid":8,"hostname":"h","msg":"payment declined"}\n',
      'pino-fn',
    );
    expect(record).toMatchObject({ levelname: 'ERROR', level: 55 });
  });

  it('leaves pino’s own levels re-expressed only as levelname', () => {
    const { record } = shippedLine(
      '{"level":40,"time":1698835677081,"pid":8,"hostname":"h","msg":"slow"}\n',
      'pino-fn',
    );
    expect(record.levelname).toBe('WARNING');
    expect(record).not.toHaveProperty('level');
  });
});
