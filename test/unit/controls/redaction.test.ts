import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor, joinedCandidates } from '../../../src/controls/redactValues.js';
import { BUILT_IN_RULES, luhnValid, RULE_ORDER } from '../../../src/controls/redactionRules.js';
import { readControlSettings, type ControlInput } from '../../../src/controls/settings.js';
import type { ForwarderRecord } from '../../../src/normalize/record.js';
import { controlled, lambdaPayload } from '../../helpers/controlledRecords.js';

function redactText(text: string, redact: ControlInput['redact']): { text: string; count: number } {
  const { records, counts } = controlled(lambdaPayload([text]), { redact });
  return { text: String(records[0]?.message), count: counts.redacted };
}
const rules = (...names: string[]) => ({ rules: names });

describe('redact: built-in rules', () => {
  it('email', () => {
    expect(redactText('mail jane.doe+x@example.co.uk now', rules('email'))).toEqual({
      text: 'mail [REDACTED:email] now',
      count: 1,
    });
    expect(redactText('no address @ here, nor a@b', rules('email')).count).toBe(0);
  });

  it('ipv4, but not a version with more parts or an octet over 255', () => {
    expect(redactText('from 10.0.12.255 and 192.168.1.1.', rules('ipv4')).text).toBe(
      'from [REDACTED:ipv4] and [REDACTED:ipv4].',
    );
    expect(redactText('version 1.2.3.4.5, value 300.1.1.1', rules('ipv4')).count).toBe(0);
  });

  it('aws-access-key-id (AKIA, ASIA), not a longer run', () => {
    expect(
      redactText('key=AKIAIOSFODNN7EXAMPLE temp ASIAY34FZKBOKMUTVV7A', rules('aws-access-key-id')),
    ).toEqual({
      text: 'key=[REDACTED:aws-access-key-id] temp [REDACTED:aws-access-key-id]',
      count: 2,
    });
    expect(redactText('AKIAIOSFODNN7EXAMPLEX', rules('aws-access-key-id')).count).toBe(0);
  });

  it('jwt, once, even after Bearer', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    expect(redactText(`Authorization: Bearer ${jwt}`, rules('jwt', 'bearer-token'))).toEqual({
      text: 'Authorization: Bearer [REDACTED:jwt]',
      count: 1,
    });
    expect(redactText('eyJhbGciOiJIUzI1NiJ9 alone is no token', rules('jwt')).count).toBe(0);
  });

  it('bearer-token keeps the scheme', () => {
    expect(redactText('header authorization: bearer 0123456789abcdef.xyz~', rules('bearer-token')).text).toBe(
      'header authorization: bearer [REDACTED:bearer-token]',
    );
  });

  it('credit-card only when Luhn-valid, grouped or not', () => {
    expect(
      redactText(
        'paid with 4111 1111 1111 1111, amex 378282246310005, mc 5500-0000-0000-0004',
        rules('credit-card'),
      ),
    ).toEqual({
      text: 'paid with [REDACTED:credit-card], amex [REDACTED:credit-card], mc [REDACTED:credit-card]',
      count: 3,
    });
    // Order ids that fail Luhn, an epoch time in ms, a UUID, a CloudWatch event id.
    const untouched =
      'order 5123456789012345 ref 4242424242424241 at 1589201084000 id 12345678-1234-4234-8234-123456789012 ' +
      'event 36016876512390876342108793869870226829582536823212478464';
    expect(redactText(untouched, rules('credit-card'))).toEqual({ text: untouched, count: 0 });
  });

  it('Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
});

describe('redact: patterns and keys', () => {
  it('replaces a custom pattern with [REDACTED:pattern]', () => {
    expect(redactText('refund ORD-123456 done', { patterns: ['ORD-[0-9]{6}'] }).text).toBe(
      'refund [REDACTED:pattern] done',
    );
  });

  it('replaces listed keys at any depth, case-insensitively, in fields and in the message object', () => {
    const line = JSON.stringify({
      level: 'info',
      msg: 'login',
      user: { name: 'jane', Password: 'hunter2', tokens: [{ authorization: 'Basic abc' }] },
    });
    const { records, counts } = controlled(lambdaPayload([line]), {
      redact: { keys: ['password', 'AUTHORIZATION'] },
    });
    const text = JSON.stringify(records[0]);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('Basic abc');
    expect(text).toContain('"Password":"[REDACTED:key]"');
    expect(counts.redacted).toBe(2);

    const messageObject = JSON.stringify({
      level: 'INFO',
      timestamp: '2026-11-23T02:00:00Z',
      message: { secret: 's3', ok: 1 },
    });
    const { records: objectRecords } = controlled(lambdaPayload([messageObject]), {
      redact: { keys: ['secret'] },
    });
    expect(objectRecords[0]?.message_fields).toEqual({ secret: '[REDACTED:key]', ok: 1 });
    expect(JSON.stringify(objectRecords[0])).not.toContain('s3');
  });

  it('redacts exc_info and nested string fields, never the provenance', () => {
    const line = JSON.stringify({
      level: 'error',
      msg: 'failed for 10.1.2.3',
      err: { stack: 'Error: 10.1.2.3\n    at f (x.js:1:2)' },
      peer: { ip: '10.1.2.3' },
    });
    const { records } = controlled(lambdaPayload([line], '2026/11/23/[$LATEST]10.1.2.3'), {
      redact: rules('ipv4'),
    });
    const record = records[0] as ForwarderRecord;
    expect(record.message).toBe('failed for [REDACTED:ipv4]');
    expect(record.exc_info).toContain('Error: [REDACTED:ipv4]');
    expect(record.peer).toEqual({ ip: '[REDACTED:ipv4]' });
    expect(record.cloudwatch.logStream).toBe('2026/11/23/[$LATEST]10.1.2.3');
  });

  it('redacts nothing and builds nothing with no rule, pattern or key', () => {
    expect(createRedactor(readControlSettings({}).settings.redact)).toBeUndefined();
  });
});

describe('redact: the one candidate test of the built-in rules', () => {
  const rules = RULE_ORDER.map((name) => BUILT_IN_RULES[name]);

  it('gives each digit-led candidate as the digit and what follows it', () => {
    for (const rule of rules) {
      if (rule.afterDigit !== undefined) expect(rule.candidate).toBe(`[0-9]${rule.afterDigit}`);
    }
    expect(rules.filter((rule) => rule.afterDigit !== undefined).map((rule) => rule.name)).toEqual([
      'credit-card',
      'ipv4',
    ]);
  });

  it('matches exactly where one of the chosen rules’ own candidates matches', () => {
    // Text made of pieces of what the candidates look for, so that matches and near-misses are common.
    const pieces = [
      '0',
      '7',
      '12',
      '345',
      '6789',
      '.',
      '.',
      ' ',
      '-',
      '@',
      'eyJ',
      'ey',
      'AKIA',
      'ASI',
      'Bearer',
      'bEaReR',
      'x',
    ];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 16 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.subarray(rules, { minLength: 1 }), text, (chosen, value) => {
        const joined = new RegExp(joinedCandidates(chosen)).test(value);
        const any = chosen.some((rule) => new RegExp(rule.candidate).test(value));
        expect(joined).toBe(any);
      }),
      { numRuns: 2_000 },
    );
    expect(new RegExp(joinedCandidates([])).test('anything 1234 5678 9012 @')).toBe(false);
  });
});
