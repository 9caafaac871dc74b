import type { RedactionRuleName } from './settings.js';

/**
 * The built-in redaction rules. Each finds its matches in one left-to-right pass whose work is
 * linear in the text's length, whatever the text holds (a 256 KB line of `@`, digits or `eyJ`
 * included; test/unit/controls/redactionLinearTime.test.ts):
 * - the regular expressions have only bounded quantifiers (or, for the bearer token, an
 *   unbounded run that cannot fail once it started), so an attempt at one position examines
 *   a bounded number of characters;
 * - the JWT rule is a scan that starts a candidate only at the start of a base64url run, so
 *   each run is read a bounded number of times; the email rule starts from each `@` and reads
 *   a bounded stretch around it.
 * A rule's `replace` returns the text with its matches replaced and counts them in `count`.
 */
export interface RedactionRule {
  /** What a match becomes: `[REDACTED:<name>]`. */
  readonly name: string;
  /**
   * A regex source that matches wherever the rule might (a superset): the redactor joins those
   * of its rules into one test, so text with no candidate at all costs one scan, not one per rule.
   * A candidate that starts with `[0-9]` also gives what follows that digit, in `afterDigit`:
   * the redactor joins those behind one `[0-9]`, so a digit starts one attempt, not one per rule
   * (the six rules' test over the 64,908 strings of the bench's max payload: 12.1 → 8.7 ms,
   * medians of 21 runs).
   */
  readonly candidate: string;
  readonly afterDigit?: string;
  replace(text: string, counter: { count: number }): string;
}

/** `[REDACTED:<rule>]`: what a match becomes. */
export function redactedMark(rule: string): string {
  return `[REDACTED:${rule}]`;
}

function regexRule(
  name: RedactionRuleName,
  regex: RegExp,
  candidate: RegExp,
  accept: (match: string) => boolean = () => true,
  afterDigit?: string,
): RedactionRule {
  const mark = redactedMark(name);
  return {
    name,
    candidate: candidate.source,
    ...(afterDigit === undefined ? {} : { afterDigit }),
    replace(text, counter) {
      if (!candidate.test(text)) return text;
      return text.replace(regex, (match) => {
        if (!accept(match)) return match;
        counter.count++;
        return mark;
      });
    },
  };
}

/** Luhn's checksum, over the digits of `text` (separators skipped). */
export function luhnValid(text: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) continue;
    let d = double ? c * 2 : c;
    if (d > 9) d -= 9;
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

// Cheap tests that skip a rule's full regex on text that cannot match it: a regex that starts
// with a lookbehind is tried at every position, these scan for a short fixed shape.
const CARD_AFTER_DIGIT = '[0-9]{3}[ -]?[0-9]{4}[ -]?[0-9]{4}';
const MAYBE_CARD = new RegExp(`[0-9]${CARD_AFTER_DIGIT}`);
const IPV4_AFTER_DIGIT = '\\.[0-9]{1,3}\\.[0-9]';
const MAYBE_IPV4 = new RegExp(`[0-9]${IPV4_AFTER_DIGIT}`);

// The domain after an `@`: labels of at most 63 characters, at most 8 of them, then the TLD
// (RFC 5321 §4.5.3.1); sticky, tried once per `@`.
const EMAIL_DOMAIN = /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}/y;
/** The local part: at most 64 characters (RFC 5321 §4.5.3.1.1). */
const MAX_LOCAL_PART = 64;

function isLocalPart(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2e ||
    c === 0x5f ||
    c === 0x25 ||
    c === 0x2b ||
    c === 0x2d
  );
}

/**
 * Emails, found from their `@`: the local part is read backwards (at most 64 characters, never
 * into the previous match) and the domain forwards with a bounded sticky regex, so each `@`
 * costs a bounded read, and text without one costs one `indexOf`.
 */
const emailRule: RedactionRule = {
  name: 'email',
  candidate: '@',
  replace(text, counter) {
    let at = text.indexOf('@');
    if (at < 0) return text;
    const mark = redactedMark('email');
    let out = '';
    let copied = 0;
    while (at >= 0) {
      let start = at;
      while (start > copied && at - start < MAX_LOCAL_PART && isLocalPart(text.charCodeAt(start - 1)))
        start--;
      EMAIL_DOMAIN.lastIndex = at + 1;
      const domain = start < at ? EMAIL_DOMAIN.exec(text) : null;
      if (domain === null) {
        at = text.indexOf('@', at + 1);
        continue;
      }
      const end = at + 1 + domain[0].length;
      out += text.slice(copied, start) + mark;
      copied = end;
      counter.count++;
      at = text.indexOf('@', end);
    }
    return copied === 0 ? text : out + text.slice(copied);
  },
};

// Four octets 0-255, not part of a longer dotted number (`1.2.3.4.5` is a version, not an address).
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const IPV4 = new RegExp(`(?<![0-9.])(?:${OCTET}\\.){3}${OCTET}(?![0-9]|\\.[0-9])`, 'g');

// Access key ids: AKIA (long-term) and ASIA (temporary), 20 characters.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
const ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g;

// `Bearer <token>` (RFC 6750 b64token): the token is replaced, the scheme kept. The token run is
// greedy with nothing after it that can fail, so a match attempt never backtracks over it.
const BEARER = /(?<=\bbearer[ \t]{1,16})[A-Za-z0-9\-._~+/]{8,}={0,2}/gi;

// 13-19 digits in one run, or grouped 4-4-4-(1-7) / Amex 4-6-5 with spaces or dashes, starting
// with 2-6 (Mastercard 2/5, Amex and Diners 3, Visa 4, Discover 6; epoch times start with 1);
// never inside a longer run of digits, letters or dashes (request ids, UUIDs, event ids).
const CARD =
  /(?<![0-9A-Za-z_-])(?:[2-6][0-9]{12,18}|[2-6][0-9]{3}(?:[ -][0-9]{4}){2}[ -][0-9]{1,7}|3[0-9]{3}[ -][0-9]{6}[ -][0-9]{4,5})(?![0-9A-Za-z_-])/g;

function isBase64Url(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2d ||
    c === 0x5f
  );
}

function runEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isBase64Url(text.charCodeAt(i))) i++;
  return i;
}

/** A JWS compact serialization: `eyJ<header>.<payload>.<signature>` (RFC 7515 §7.1). */
const MIN_JWT_HEADER = 10;
const jwtRule: RedactionRule = {
  name: 'jwt',
  candidate: 'eyJ',
  replace(text, counter) {
    let at = text.indexOf('eyJ');
    if (at < 0) return text;
    const mark = redactedMark('jwt');
    let out = '';
    let copied = 0;
    while (at >= 0) {
      const head = runEnd(text, at);
      // Only at the start of a run: anything inside it was read with the run already.
      const boundary =
        at === 0 || !(isBase64Url(text.charCodeAt(at - 1)) || text.charCodeAt(at - 1) === 0x2e);
      let end = -1;
      if (boundary && head - at >= MIN_JWT_HEADER && text.charCodeAt(head) === 0x2e) {
        const body = runEnd(text, head + 1);
        if (body - head > 2 && text.charCodeAt(body) === 0x2e) end = runEnd(text, body + 1);
      }
      if (end >= 0) {
        out += text.slice(copied, at) + mark;
        copied = end;
        counter.count++;
        at = text.indexOf('eyJ', end);
      } else {
        at = text.indexOf('eyJ', head);
      }
    }
    return copied === 0 ? text : out + text.slice(copied);
  },
};

/** Every built-in rule, in the order they are applied (a JWT is one match, not a bearer token too). */
export const BUILT_IN_RULES: Readonly<Record<RedactionRuleName, RedactionRule>> = {
  'aws-access-key-id': regexRule('aws-access-key-id', ACCESS_KEY_ID, /A[KS]IA/),
  jwt: jwtRule,
  'bearer-token': regexRule('bearer-token', BEARER, /[Bb][Ee][Aa][Rr][Ee][Rr]/),
  email: emailRule,
  'credit-card': regexRule('credit-card', CARD, MAYBE_CARD, luhnValid, CARD_AFTER_DIGIT),
  ipv4: regexRule('ipv4', IPV4, MAYBE_IPV4, undefined, IPV4_AFTER_DIGIT),
};

/** The order of {@link BUILT_IN_RULES}. */
export const RULE_ORDER: readonly RedactionRuleName[] = Object.keys(BUILT_IN_RULES) as RedactionRuleName[];

/** The regular expressions of the regex rules, for the structural linear-time check. */
export const RULE_REGEXES: Readonly<Partial<Record<RedactionRuleName, RegExp>>> = {
  'aws-access-key-id': ACCESS_KEY_ID,
  'bearer-token': BEARER,
  email: EMAIL_DOMAIN,
  'credit-card': CARD,
  ipv4: IPV4,
};
