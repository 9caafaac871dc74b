import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/controls/redactValues.js';
import { RULE_REGEXES } from '../../../src/controls/redactionRules.js';
import { REDACTION_RULES, readControlSettings } from '../../../src/controls/settings.js';
import type { ForwarderRecord } from '../../../src/normalize/record.js';

/**
 * Redaction on 256 KB lines (CloudWatch Logs' largest event) built to make a careless matcher
 * rescan: runs of each rule's anchor and alphabet. No timing is asserted: a quadratic matcher
 * takes minutes on one of these, a linear one milliseconds, and the test timeout is the judge.
 * The structural test below states why the regex rules are linear: no quantifier without a
 * bound, so one match attempt reads a bounded number of characters.
 */
const LINE = 256 * 1024;

function fill(unit: string, prefix = '', suffix = ''): string {
  return prefix + unit.repeat(Math.ceil((LINE - prefix.length - suffix.length) / unit.length)) + suffix;
}

const ADVERSARIAL: readonly (readonly [string, string])[] = [
  ['local-part characters, one @ at the end', fill('a', '', '@')],
  ['@ signs', fill('@')],
  ['a@ pairs', fill('a@')],
  ['domain labels', fill('a.', 'x@')],
  ['digits', fill('1')],
  ['digits and dots', fill('1.')],
  ['octets', fill('255.')],
  ['digit groups', fill('4111 ')],
  ['digit groups with dashes', fill('4111-')],
  ['AKIA prefixes', fill('AKIA')],
  ['upper-case run', fill('A')],
  ['eyJ prefixes', fill('eyJ')],
  ['eyJ segments', fill('eyJhbGciOiJIUzI1NiJ9.')],
  ['base64url run after eyJ', fill('a', 'eyJ')],
  ['bearer words', fill('bearer ')],
  ['bearer and tabs', fill('\t', 'Bearer')],
  ['bearer then a short token, repeated', fill('Bearer abc ')],
  ['token characters', fill('a', 'Bearer ')],
];

const everything = readControlSettings({
  redact: { rules: [...REDACTION_RULES], patterns: ['ORD-[0-9]{6}'], keys: ['password'] },
}).settings.redact;

function record(message: string): ForwarderRecord {
  return {
    asctime: '2026-11-23T02:00:00+0000',
    name: 'fn',
    levelname: 'INFO',
    message,
    '@timestamp': '2026-11-23T02:00:00.000Z',
    cloudwatch: { logGroup: '/aws/lambda/fn', logStream: 's', owner: '1', id: '1' },
    nested: { text: message },
  };
}

describe('redaction is linear on 256 KB lines', () => {
  const redact = createRedactor(everything);
  for (const [name, line] of ADVERSARIAL) {
    it(name, { timeout: 20_000 }, () => {
      expect(redact).toBeDefined();
      const r = record(line);
      redact?.(r);
      // Whatever was replaced, the text is not longer than the marks could make it.
      expect(r.message.length).toBeLessThan(line.length * 20);
    });
  }
});

/** Quantifiers of a regex's source outside character classes and escapes. */
function quantifiers(source: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    } else if (c === '*' || c === '+') found.push(c);
    else if (c === '{') {
      const close = source.indexOf('}', i);
      found.push(source.slice(i, close + 1));
      i = close;
    } else if (c === '?' && source[i - 1] !== '(') found.push('?');
  }
  return found;
}

describe('the regex rules have no quantifier without a bound', () => {
  for (const [name, regex] of Object.entries(RULE_REGEXES)) {
    it(name, () => {
      const unbounded = quantifiers(regex.source).filter(
        (q) => q === '*' || q === '+' || /^\{\d+,\}$/.test(q),
      );
      // The bearer token's run is the one exception: it is last (only `={0,2}` follows), so an
      // attempt that started it never fails and backtracks over it; the match consumes it.
      expect(unbounded).toEqual(name === 'bearer-token' ? ['{8,}'] : []);
    });
  }
});
