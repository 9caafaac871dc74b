import type { TextFormat } from '../logFormat.js';
import { splitStack, type MessageAndStack } from './stacks.js';

/**
 * What a language runtime prints on stderr as it dies, with no prefix of Lambda's: ERROR.
 * - V8 / Node.js: `FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of
 *   memory` (and the `<--- Last few GCs --->` / `<--- JS stacktrace --->` banners before it);
 *   V8 src/utils/utils.cc / node src/node_errors.cc (`OOMErrorHandler`).
 * - The JVM: `Exception in thread "main" java.lang.OutOfMemoryError: Java heap space`
 *   (`ThreadGroup.uncaughtException`), and a bare `java.lang.OutOfMemoryError: …` line.
 * - Rust: `thread 'main' panicked at src/main.rs:74:6:` and the panic's message (library/std
 *   src/panicking.rs `default_hook`).
 * Out-of-memory lines get `error_type: OutOfMemory`, so they are easy to find in Kibana.
 */

const NAME = 'runtime-crash';
const PREFIXES = [
  'FATAL ERROR: ',
  'Exception in thread "',
  '<--- Last few GCs --->',
  '<--- JS stacktrace --->',
];
// Rust's panic hook: `thread 'main' panicked at src/main.rs:74:6:` then the payload.
const RUST_PANIC = "thread '";
const OOM_MARKERS = ['out of memory', 'OutOfMemoryError', 'heap limit'];

// RUST_BACKTRACE=1: the panic's message, then `stack backtrace:` and the numbered frames.
const RUST_BACKTRACE = '\nstack backtrace:\n';

/** The panic's headline and message; the backtrace (when printed) is the stack. */
function splitRustPanic(text: string): MessageAndStack {
  const at = text.indexOf(RUST_BACKTRACE);
  if (at < 0) return { message: text };
  return { message: text.slice(0, at).trimEnd(), exc_info: text.slice(at + 1) };
}

export const runtimeCrash: TextFormat = {
  name: NAME,
  parse(line) {
    const c = line.charCodeAt(0);
    let matched = false;
    if (c === 0x46 /* F */ || c === 0x45 /* E */ || c === 0x3c /* < */) {
      for (const prefix of PREFIXES) if (line.startsWith(prefix)) matched = true;
    } else if (c === 0x6a /* j */ && line.startsWith('java.lang.OutOfMemoryError')) {
      matched = true;
    } else if (c === 0x74 /* t */ && line.startsWith(RUST_PANIC)) {
      const quote = line.indexOf("' panicked at ", RUST_PANIC.length);
      matched = quote > 0 && quote < 256;
    }
    if (!matched) return undefined;
    const split = c === 0x74 ? splitRustPanic(line.trimEnd()) : splitStack(line.trimEnd());
    let message = split.message;
    const exc_info = split.exc_info;
    // `Exception in thread "main" java.lang.X: msg`: the JVM's whole headline is the message
    // (the thread and the error), not just the words before the throwable.
    if (c === 0x45 && exc_info !== undefined && line.startsWith(PREFIXES[1] ?? '')) {
      const end = line.search(/\r|\n/);
      message = end < 0 ? line : line.slice(0, end);
    }
    const oom = OOM_MARKERS.some((marker) => line.includes(marker));
    return {
      message,
      exc_info,
      levelname: 'ERROR',
      fields: oom ? { error_type: 'OutOfMemory' } : undefined,
    };
  },
};
