import { describe, expect, it } from 'vitest';
import { normalizeEvent, type EventSource } from '../../../../src/normalize/normalizeEvent.js';

/**
 * Hostile 1 MB JSON-side lines: each must normalize (no hang: the vitest timeout is the only
 * clock, no timing assertion) and give a record that can be encoded.
 */
const source: EventSource = { logGroup: '/aws/lambda/fn', logStream: 's', owner: '1', defaultName: 'fn' };
const MB = 1 << 20;

function fill(unit: string): string {
  return unit.repeat(Math.ceil(MB / unit.length));
}

const LINES: Record<string, string> = {
  'open braces': fill('{'),
  'open brackets after a key': `{"a":${fill('[')}`,
  'nested objects, deeper than any encoder': `{"message":${fill('{"a":')}1${'}'.repeat(MB / 5)}}`,
  'colour-code starts in a message': JSON.stringify({ level: 'info', message: fill('\u001b[') }),
  'colour codes with long parameters': JSON.stringify({ level: 'info', message: fill('\u001b[1;2;3;4;5') }),
  'stack-like lines in a message': JSON.stringify({ level: 'error', message: fill('x\n    at ') }),
  'tracebacks in a message': JSON.stringify({
    msg: fill('Traceback (most recent call last):\n  File "'),
    level: 'info',
    time: 't',
  }),
  'a huge stackTrace array': JSON.stringify({
    errorType: 'E',
    errorMessage: 'm',
    stackTrace: Array(100_000).fill('a.B.c(B.java:1)'),
  }),
  'Java causes nested deep': `{"errorType":"E","stackTrace":["a.B(B.java:1)"],"cause":${fill('{"errorType":"E","cause":')}1}`,
  'backslashes in a string': `{"message":"${fill('\\\\')}"}`,
  'unterminated string': `{"message":"${fill('a')}`,
  'many keys': `{${Array.from({ length: 60_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
  'platform record with a huge events list': JSON.stringify({
    time: 't',
    type: 'platform.extension',
    record: { name: 'x', state: 'Ready', events: Array(100_000).fill('INVOKE') },
  }),
};

describe('JSON-side normalization of hostile 1 MB lines', () => {
  it.each(Object.entries(LINES))('completes on %s', (_name, line) => {
    const record = normalizeEvent({ id: '1', timestamp: 0, message: line }, source);
    expect(typeof record.message).toBe('string');
    expect(() => JSON.stringify(record)).not.toThrow();
  });
});
