import { describe, expect, it } from 'vitest';
import { canonicalNumber, checkConservation, textTokens } from '../../helpers/conservation.js';

/** The checker itself: it must see a drop where there is one, and allow only SPEC §3's re-expressions. */

const ID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';

function record(fields: Record<string, unknown>): string {
  return JSON.stringify({
    asctime: '2023-11-01T10:47:57+0000',
    name: 'fn',
    levelname: 'INFO',
    message: '',
    '@timestamp': '2023-11-01T10:47:57.081Z',
    cloudwatch: { logGroup: '/aws/lambda/fn', logStream: 's', owner: '1', id: 'e1' },
    ...fields,
  });
}

describe('the conservation checker', () => {
  it('splits text into tokens, keeping times whole and dropping separators', () => {
    expect(textTokens('2023-11-01 10:47:57,081 [main] INFO:root:Found x=1 -- (a.js:1:2)')).toEqual([
      '2023-11-01',
      '10:47:57,081',
      'main',
      'INFO',
      'root',
      'Found',
      'x',
      '1',
      'a.js',
      '1',
      '2',
    ]);
  });

  it("allows the runtime prefix's time, request id and level to go, and nothing else", () => {
    const line = `2023-11-01T10:47:57.081Z\t${ID}\tWARN\tstock low for A-1`;
    expect(
      checkConservation(
        line,
        record({ levelname: 'WARNING', message: 'stock low for A-1', aws_request_id: ID }),
      ).missing,
    ).toEqual([]);
    expect(
      checkConservation(line, record({ levelname: 'WARNING', message: 'stock low for', aws_request_id: ID }))
        .missing,
    ).toEqual(['A-1']);
    // A request id that went nowhere is a drop, not a re-expression.
    expect(
      checkConservation(line, record({ levelname: 'WARNING', message: 'stock low for A-1' })).missing,
    ).toEqual([ID]);
  });

  it("allows a server's date written in several tokens before its time to go, only in the head", () => {
    // java.util.logging's SimpleFormatter and MariaDB's general log.
    const jul = 'Jan 01, 2024 1:23:45 PM org.example.Main run\nINFO: started';
    expect(
      checkConservation(jul, record({ name: 'org.example.Main', method: 'run', message: 'started' })).missing,
    ).toEqual([]);
    expect(
      checkConservation(
        '240101  0:00:00\t   12 Query\tSELECT 1',
        record({ thread: 12, command: 'Query', message: 'SELECT 1' }),
      ).missing,
    ).toEqual([]);
    // Without a time after it, or inside the message, a month, a day, a year and PM are words.
    expect(checkConservation('Jan 01, 2024 INFO: started', record({ message: 'started' })).missing).toEqual([
      'Jan',
      '01',
      '2024',
    ]);
    expect(checkConservation('240101 INFO rows copied', record({ message: 'rows copied' })).missing).toEqual([
      '240101',
    ]);
    expect(
      checkConservation('ran at Jan 01, 2024 1:23:45 PM', record({ message: 'ran at' })).missing,
    ).toEqual(['Jan', '01', '2024', '1:23:45', 'PM']);
  });

  it("allows Logback's status mark `|-WARN in` to go in the head, and `in` nowhere else", () => {
    const line = '22:40:36,281 |-WARN in LoggerContext[default] - Resource found in two jars';
    const kept = { levelname: 'WARNING', name: 'LoggerContext[default]' };
    expect(
      checkConservation(line, record({ ...kept, message: 'Resource found in two jars' })).missing,
    ).toEqual([]);
    expect(checkConservation(line, record({ ...kept, message: 'Resource found two jars' })).missing).toEqual([
      'in',
    ]);
    expect(
      checkConservation('22:40:36,281 WARN in LoggerContext - x', record({ ...kept, message: 'x' })).missing,
    ).toEqual(['in']);
  });

  it('does not exempt a level word or a time inside the message', () => {
    const line = 'order failed at 10:47:57 with ERROR code';
    expect(checkConservation(line, record({ message: 'order failed at with code' })).missing).toEqual([
      '10:47:57',
      'ERROR',
    ]);
  });

  it("allows Serilog's three-letter level to go in the head, and nowhere else", () => {
    const line = '[13:36:19 WRN] Note: Silo not running with ServerGC';
    const kept = 'Note: Silo not running with ServerGC';
    expect(checkConservation(line, record({ levelname: 'WARNING', message: kept })).missing).toEqual([]);
    // The rest of the line is still held to every token.
    expect(
      checkConservation(line, record({ levelname: 'WARNING', message: 'Note: Silo not running with' }))
        .missing,
    ).toEqual(['ServerGC']);
    // Inside the message the word is a token like any other.
    expect(
      checkConservation('retry 2 of 3 WRN budget', record({ message: 'retry 2 of 3 budget' })).missing,
    ).toEqual(['WRN']);
  });

  it('sees a number JSON turned to null, and a __proto__ key that vanished', () => {
    const line = '{"message":"m","ratio":1e400,"__proto__":{"p":1}}';
    expect(checkConservation(line, record({ message: 'm', ratio: null })).missing).toEqual([
      '1e400',
      '__proto__',
      'p',
      '1',
    ]);
    expect(
      checkConservation(line, '{"message":"m","ratio":"1e400","__proto__":{"p":1},"levelname":"INFO"}')
        .missing,
    ).toEqual([]);
  });

  it('compares numbers by value', () => {
    expect(canonicalNumber('1.50')).toBe(canonicalNumber('1.5'));
    expect(canonicalNumber('1E+2')).toBe(canonicalNumber('100'));
    expect(canonicalNumber('12345678901234567890')).not.toBe(canonicalNumber('12345678901234567000'));
    expect(
      checkConservation('{"message":"m","n":3000.0}', record({ message: 'm', n: 3000 })).missing,
    ).toEqual([]);
  });

  it('lets a key go only when its value was lifted into a core field', () => {
    expect(
      checkConservation('{"msg":"hello world","level":"info"}', record({ message: 'hello world' })).missing,
    ).toEqual([]);
    expect(
      checkConservation('{"msg":"hello","extra":"kept?"}', record({ message: 'hello', other: 'kept?' }))
        .missing,
    ).toEqual(['extra']);
    // An empty object has nothing to lift or re-home: its key must survive.
    expect(checkConservation('{"msg":"hello","promise":{}}', record({ message: 'hello' })).missing).toEqual([
      'promise',
    ]);
  });

  it('sees the second value of a repeated logfmt key dropped', () => {
    expect(checkConservation('msg=hi tag=a tag=b', record({ message: 'hi', tag: 'b' })).missing).toEqual([
      'a',
    ]);
  });

  it('reads a top-level string that is a JSON object as a nested part, with its own time and level', () => {
    // Lambda's JSON log format around console.log(JSON.stringify(pinoRecord)).
    const inner = JSON.stringify({ level: 50, time: 1531171074631, pid: 657, msg: 'boom' });
    const line = JSON.stringify({
      timestamp: '2023-11-01T10:47:57.081Z',
      level: 'INFO',
      requestId: ID,
      message: inner,
    });
    const kept = { levelname: 'ERROR', message: 'boom', aws_request_id: ID, pid: 657, level: 'INFO' };
    expect(checkConservation(line, record(kept)).missing).toEqual([]);
    // The nested part's other members are tokens like any: a dropped pid is a drop.
    expect(checkConservation(line, record({ ...kept, pid: undefined })).missing).toEqual(['pid', '657']);
    // Its level may go only when the record says it: an ERROR record read as INFO loses `50`.
    expect(checkConservation(line, record({ ...kept, levelname: 'INFO', level: undefined })).missing).toEqual(
      ['level', '50'],
    );
  });

  it('reads a string that is not one whole JSON object, or a nested part’s strings, as text', () => {
    const line = JSON.stringify({ level: 'INFO', message: '{"a":1} and more' });
    expect(checkConservation(line, record({ message: 'and more' })).missing).toEqual(['a', '1']);
    // One level only: a JSON string inside a nested part is text, its `level` no level member.
    const deep = JSON.stringify({ message: JSON.stringify({ msg: 'm', inner: '{"level":"warn"}' }) });
    expect(checkConservation(deep, record({ message: 'm', inner: '{}' })).missing).toEqual(['level', 'warn']);
  });
});
