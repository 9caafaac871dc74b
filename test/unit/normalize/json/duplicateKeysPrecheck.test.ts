import { describe, expect, it } from 'vitest';
import { mayRepeatKeys } from '../../../../src/normalize/formats/duplicateKeys.js';

const check = (line: string): boolean => mayRepeatKeys(line, JSON.parse(line) as Record<string, unknown>);

describe('mayRepeatKeys (duplicateKeys.ts)', () => {
  it('is false for a line whose keys each occur once, at any depth', () => {
    expect(
      check('{"level":30,"req":{"id":1,"headers":{"host":"h"}},"list":[{"a":1},{"a":2}],"msg":"x"}'),
    ).toBe(false);
    expect(check('{"event": "pretty", "level": "info"}')).toBe(false);
  });

  it('is true for a key written twice, at the top or nested', () => {
    expect(check('{"a":"prop","a":"new prop","msg":"x"}')).toBe(true);
    expect(check('{"req":{"id":1,"id":2},"msg":"x"}')).toBe(true);
  });

  it('is true (the slow path decides) when a string holds an escaped `":`', () => {
    expect(check('{"msg":"say \\"hi\\": ok"}')).toBe(true);
    expect(check('{"msg":"say \\"hi\\": ok","a":1,"a":2}')).toBe(true);
  });
});
