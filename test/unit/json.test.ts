import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepJsonText, jsonText } from '../../src/json.js';

describe('jsonText', () => {
  it('writes what JSON.stringify writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(deepJsonText(value)).toBe(JSON.stringify(value));
      }),
    );
  });

  it('writes a value nested deeper than the stack allows, instead of throwing RangeError', () => {
    const depth = 50_000;
    const text = `${'[{"k":'.repeat(depth)}"v"${'}]'.repeat(depth)}`;
    expect(jsonText(JSON.parse(text))).toBe(text);
  });
});
