import { toLevelName } from '../levels.js';
import type { JsonFormat, ParsedLine } from '../logFormat.js';
import type { LevelName } from '../record.js';
import {
  mayRepeatKeys,
  readDuplicates,
  withShadowed,
  type DuplicateRead,
  type OwnKeys,
} from './duplicateKeys.js';
import { stackWithCauses } from './errorCauses.js';
import { isMultiLine, splitStack } from './stacks.js';
import {
  firstStringKey,
  isObject,
  NAME_KEYS,
  messageText,
  stackText,
  stringAt,
  stripAnsi,
  without,
  withMessageObject,
  type JsonObject,
} from '../fields.js';

/**
 * The shape most JSON logging libraries share: one key for the message, one for the level, an
 * optional logger name, an error object or string and a stack. Each library is described as data
 * (its file: detection, keys, source checked against) and parsed here the same way.
 */
export interface JsonLibrary {
  readonly name: string;
  /** True when the object is this library's record; only cheap key checks. */
  detect(object: JsonObject): boolean;
  /** Where the message is (`msg` for pino, bunyan, logrus, zap; `message` for winston, zerolog). */
  readonly messageKey: string;
  /**
   * Where a configured logger writes it instead (pino's `messageKey` option), read only when the
   * line has no `messageKey`.
   */
  readonly otherMessageKeys?: readonly string[];
  /** Where the level is; default `level` (zap's development encoder config: `L`). */
  readonly levelKey?: string;
  /** Where the logger's name may be, first found wins; default {@link NAME_KEYS}. */
  readonly nameKeys?: readonly string[];
  /** The level as the library writes it, mapped to the five names; default {@link toLevelName}. */
  readonly level?: (value: unknown) => LevelName | undefined;
  /**
   * Keys holding an error: an object with a `stack` (pino, bunyan), or a string: Go's `Error()` text,
   * which stays a field and heads a stack the line has, or a stack printed as text.
   */
  readonly errorKeys: readonly string[];
  /** Keys holding a stack as a string or an array of frames. */
  readonly stackKeys: readonly string[];
  /**
   * Keys holding the error's text followed by its own stack (zap's `errorVerbose`, pkg/errors'
   * `%+v`): exc_info's head, before the stack of {@link stackKeys}.
   */
  readonly errorStackKeys?: readonly string[];
  /** A stack value as text, for libraries with a structured stack of their own; default {@link stackText}. */
  readonly stack?: (value: unknown) => string | undefined;
  /**
   * True when the level's spelling says more than the five names can (slog's `INFO+2`): the
   * level is mapped and also stays a field, so nothing of it is lost.
   */
  readonly keepsLevel?: (value: unknown) => boolean;
  /**
   * The keys the library writes before the line's fields (zap's encoder, slog's `JSONHandler`) and
   * after them (zerolog's `message`), for libraries that do not check a field's name against
   * their own: a field named like one is written twice, and `JSON.parse` keeps only the last
   * (duplicateKeys.ts). The library's occurrence is the record's, the other kept as a field. With
   * `othersUnder`, for libraries that write their bindings and the call's fields without merging
   * them (pino: the child's bindings, then the call's object), any other key written twice keeps
   * its last value, the call's, and the earlier one goes under that field, by key.
   */
  readonly ownKeys?: OwnKeys;
}

/** Stack keys other tools add to any library's records (java-style `exception`, Python `exc_info`). */
const COMMON_STACK_KEYS = ['exc_info', 'stack_trace', 'stackTrace', 'exception', 'traceback'];
const REQUEST_ID_KEYS = ['aws_request_id', 'requestId', 'request_id', 'awsRequestId', 'AWSRequestId'];

/** A level spelled with terminal colours (winston's `colorize()`), as its plain name. */
export function plainLevel(value: unknown): LevelName | undefined {
  return toLevelName(typeof value === 'string' ? stripAnsi(value) : value);
}

/** The library's message key, or the first of its other keys the line has when it has not that one. */
function messageKeyOf(object: JsonObject, library: JsonLibrary): string {
  const others = library.otherMessageKeys;
  if (others === undefined || library.messageKey in object) return library.messageKey;
  return others.find((key) => typeof object[key] === 'string') ?? library.messageKey;
}

/**
 * The line read again when a key occurs twice in it (duplicateKeys.ts): the library's own keys,
 * and, with `othersUnder`, every other key of the record; only when a key may occur twice at all.
 */
function readOwnDuplicates(
  line: string,
  object: JsonObject,
  library: JsonLibrary,
): DuplicateRead | undefined {
  const own = library.ownKeys;
  if (own === undefined || !mayRepeatKeys(line, object)) return undefined;
  const tail = own.tail ?? [];
  if (own.othersUnder === undefined) return readDuplicates(line, own.head, tail);
  const others = Object.keys(object).filter((key) => !own.head.includes(key) && !tail.includes(key));
  return readDuplicates(line, own.head, [...tail, ...others]);
}

/** Builds the format of one library from its description. */
export function jsonLibraryFormat(library: JsonLibrary): JsonFormat {
  const levelOf = library.level ?? plainLevel;
  const levelKey = library.levelKey ?? 'level';
  const nameKeys = library.nameKeys ?? NAME_KEYS;
  const stackOf = library.stack ?? stackText;
  const errorStackKeys = library.errorStackKeys ?? [];
  const stackKeys = [
    ...library.stackKeys,
    ...COMMON_STACK_KEYS.filter((key) => !library.stackKeys.includes(key)),
  ];
  return {
    name: library.name,
    parse(parsed, _context, line): ParsedLine | undefined {
      if (!library.detect(parsed)) return undefined;
      const duplicates = readOwnDuplicates(line, parsed, library);
      const object = duplicates?.object ?? parsed;
      const consumed: string[] = [];
      const messageKey = messageKeyOf(object, library);
      const message = object[messageKey];
      // An empty message replaced by the error's (below) stays a field: the key is the line's.
      if (message !== undefined && message !== '') consumed.push(messageKey);
      const levelValue = object[levelKey];
      const levelname = levelOf(levelValue);
      if (levelname !== undefined && library.keepsLevel?.(levelValue) !== true) consumed.push(levelKey);
      const nameKey = firstStringKey(object, nameKeys);
      if (nameKey !== undefined) consumed.push(nameKey);
      const requestIdKey = firstStringKey(object, REQUEST_ID_KEYS);
      if (requestIdKey !== undefined) consumed.push(requestIdKey);

      let stack: string | undefined;
      for (const key of stackKeys) {
        stack = stackOf(object[key]);
        if (stack !== undefined) {
          consumed.push(key);
          break;
        }
      }
      let errorText: string | undefined;
      let errorObject: [string, JsonObject] | undefined;
      for (const key of library.errorKeys) {
        const value = object[key];
        if (typeof value === 'string' && value.trim() !== '') {
          // Go: `error` is the error's `Error()` text, no stack (SPEC §3: exc_info is a stack): it
          // stays a field, to filter on, and heads a stack the line has, as an exception's line
          // heads its traceback. A multi-line one is a stack printed as text (`{ error: err.stack }`).
          errorText = value;
          if (isMultiLine(value)) consumed.push(key);
          break;
        }
        if (isObject(value) && stackText(value.stack) !== undefined) {
          errorObject = [key, value];
          break;
        }
      }
      let errorStack: string | undefined;
      for (const key of errorStackKeys) {
        errorStack = stackText(object[key]);
        if (errorStack !== undefined) {
          consumed.push(key);
          break;
        }
      }
      const head =
        errorStack ??
        (errorText !== undefined && (stack !== undefined || isMultiLine(errorText)) ? errorText : undefined);
      let exc_info = head === undefined ? stack : stack === undefined ? head : `${head}\n${stack}`;
      if (errorObject !== undefined) exc_info ??= stackText(errorObject[1].stack);

      let fields = without(object, consumed);
      if (duplicates !== undefined)
        fields = withShadowed(fields, duplicates, `${library.name}_`, library.ownKeys);
      const objectStack = errorObject === undefined ? undefined : stackText(errorObject[1].stack);
      if (
        errorObject !== undefined &&
        fields !== undefined &&
        objectStack !== undefined &&
        exc_info === objectStack
      ) {
        // The error keeps its type, message and own fields; only its stack moves to exc_info, with
        // its causes' and inner errors' (pino's `aggregateErrors`), as Node prints them.
        const chained = stackWithCauses(errorObject[1], objectStack, ['stack']);
        exc_info = chained.exc_info;
        fields[errorObject[0]] = chained.rest;
      }
      fields = withMessageObject(fields, message);
      let text = messageText(message);
      // An error logged without a message of its own: the error's message is the line's.
      if (text === '' && errorObject !== undefined) text = messageText(errorObject[1].message);
      if (text === '' && errorText !== undefined) text = errorText;
      if (exc_info === undefined && typeof message === 'string' && isMultiLine(message)) {
        // `logger.error(err.stack)`: the stack is exc_info, not part of the message.
        const split = splitStack(message);
        text = split.message;
        exc_info = split.exc_info;
      }
      return {
        message: text,
        levelname: levelname ?? (exc_info === undefined ? undefined : 'ERROR'),
        name: nameKey === undefined ? undefined : (object[nameKey] as string),
        exc_info,
        aws_request_id: requestIdKey === undefined ? undefined : stringAt(object, requestIdKey),
        fields,
      };
    },
  };
}
