import type { LevelName } from './record.js';

/**
 * What a format makes of one log line. Every field but `message` is optional: the normalizer
 * fills the gaps (INFO, the function's name, the event's time) when it builds the record.
 */
export interface ParsedLine {
  /** The human message alone: no runtime prefix, no level, no stack. */
  message: string;
  levelname?: LevelName | undefined;
  /** The logger's name, when the line carries one. */
  name?: string | undefined;
  /** Traceback or stack, lines joined with `\n`. */
  exc_info?: string | undefined;
  /** Only for lines that already are python-json-logger records: their own `asctime`. */
  asctime?: string | undefined;
  aws_request_id?: string | undefined;
  /** The other fields of a structured line, kept as they came. */
  fields?: Record<string, unknown> | undefined;
  /** Set by the normalizer: the name of the format that parsed the line. */
  format?: string;
}

/**
 * Whose program wrote what a runtime's prefix wraps: Lambda's runtimes (SPEC §3: Node.js, Python,
 * Java, .NET, Ruby, custom runtimes), and `go` for the Go `log` package's prefix, which only Go
 * programs (on a custom runtime) write.
 */
export type Runtime = 'nodejs' | 'python' | 'java' | 'dotnet' | 'ruby' | 'go' | 'custom';

/** Where a line can stand: `top`, the log event itself; a {@link Runtime}, inside that runtime's prefix. */
export type Placement = 'top' | Runtime;

/**
 * What the engine may assume about a format's lines (SPEC §3: detection is contextual). Every
 * property is optional, and a format declares nothing by default: it is then tried everywhere,
 * on lines starting with any character, as before declarations existed.
 */
export interface FormatDeclaration {
  /** Where the format's lines can appear; absent: everywhere. */
  readonly appearsIn?: readonly Placement[];
  /**
   * For an envelope format (one that hands its body to `context.parseBody`): whose program's
   * output the body is. The body is parsed only with the formats that can appear there; absent:
   * with every format.
   */
  readonly wraps?: Runtime;
  /**
   * For a text format: every character a line it claims can start with (its parse returns
   * `undefined` for any other). Absent: any character.
   */
  readonly firstChars?: string;
}

/** Lets an envelope format (a runtime's prefix) hand the rest of its line back for parsing. */
export interface ParseContext {
  /** Parses the message part of an enveloped line as a line of its own (JSON, Python text, …). */
  parseBody(body: string): ParsedLine;
}

/** A format recognised from the raw text of a line. */
export interface TextFormat {
  readonly name: string;
  /** Returns `undefined` when the line is not of this format; must run in linear time. */
  parse(line: string, context: ParseContext): ParsedLine | undefined;
}

/** A format recognised from a line that is a JSON object. */
export interface JsonFormat {
  readonly name: string;
  /**
   * Returns `undefined` when the object is not of this format. `line` is the text the object was
   * parsed from, for a format that forwards the line as it came (a JSON line with no message).
   */
  parse(object: Record<string, unknown>, context: ParseContext, line: string): ParsedLine | undefined;
}
