import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePayload, isStrictBase64 } from '../../../src/decode/decodePayload.js';
import { DecodeError } from '../../../src/errors.js';

/**
 * The payload's base64 is checked from what Node's lenient decoder made of it (decodePayload.ts
 * `isStrictBase64`) instead of a regular expression over the whole megabyte. Both must accept
 * and refuse exactly the same strings, whatever characters (base64url's, `=` anywhere,
 * whitespace, beyond Latin-1) and lengths they have.
 */
function strictByDefinition(data: string): boolean {
  return data.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(data);
}

const troublemakers = [
  '-',
  '_',
  '=',
  '==',
  '===',
  ' ',
  '\n',
  '!',
  '.',
  '\u00e9',
  '\u4e00',
  '\ud83d\ude00',
  '\0',
];
const base64Char = fc.constantFrom(...'ABCXYZabcxyz0189+/'.split(''));

/** Real base64 of some bytes, often with one character replaced, inserted or removed. */
const nearlyBase64 = fc
  .tuple(
    fc.uint8Array({ minLength: 0, maxLength: 40 }),
    fc.option(
      fc.tuple(fc.constantFrom('replace', 'insert', 'remove'), fc.nat(), fc.constantFrom(...troublemakers)),
    ),
  )
  .map(([bytes, change]) => {
    const text = Buffer.from(bytes).toString('base64');
    if (change === null || text.length === 0) return text;
    const [how, at, what] = change;
    const i = at % (text.length + 1);
    if (how === 'insert') return text.slice(0, i) + what + text.slice(i);
    if (how === 'remove') return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i) + what + text.slice(i + 1);
  });

const anyMix = fc
  .array(fc.oneof(base64Char, fc.constantFrom(...troublemakers)), { maxLength: 24 })
  .map((parts) => parts.join(''));

describe('isStrictBase64', () => {
  it('answers as the definition does for any string, whatever Node decoded from it', () => {
    fc.assert(
      fc.property(fc.oneof(nearlyBase64, anyMix), (data) => {
        expect(isStrictBase64(data, Buffer.from(data, 'base64').length)).toBe(strictByDefinition(data));
      }),
      { numRuns: 5_000 },
    );
  });

  it('refuses, with the base64 stage named, any awslogs.data the definition refuses', () => {
    fc.assert(
      fc.property(fc.oneof(nearlyBase64, anyMix), (data) => {
        fc.pre(data.length > 0 && !strictByDefinition(data));
        let error: unknown;
        try {
          decodePayload({ awslogs: { data } }, { maxPayloadBytes: 1024 * 1024 });
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(DecodeError);
        expect((error as DecodeError).stage).toBe('base64');
      }),
      { numRuns: 2_000 },
    );
  });
});
