import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepJsonText, jsonText, parseJson } from '../../src/json.js';

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

describe('parseJson', () => {
  it('keeps a number too large for a double as its literal, wherever it sits', () => {
    expect(parseJson('{"a":1,"b":{"c":[2,1e400,{"d":-2E+308}]},"e":"1e400"}')).toEqual({
      a: 1,
      b: { c: [2, '1e400', { d: '-2E+308' }] },
      e: '1e400',
    });
    expect(parseJson(`[${'9'.repeat(400)}]`)).toEqual(['9'.repeat(400)]);
    expect(parseJson('1e999')).toBe('1e999');
  });

  it('finds such a number under any depth without overflowing the stack', () => {
    const depth = 50_000;
    const parsed = parseJson(`${'{"k":['.repeat(depth)}1e400${']}'.repeat(depth)}`);
    let node: unknown = parsed;
    for (let i = 0; i < depth; i++) node = (node as { k: unknown[] }).k[0];
    expect(node).toBe('1e400');
  });

  it('gives what JSON.parse gives when every number fits a double (hex ids and exponents in text included)', () => {
    const text = '{"id":"3e512f0a-9e123","n":1e300,"t":1795399200869,"s":"x:1e500"}';
    expect(parseJson(text)).toEqual(JSON.parse(text));
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = JSON.stringify(value);
        expect(parseJson(json)).toEqual(JSON.parse(json));
      }),
    );
  });
});
