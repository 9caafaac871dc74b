import { vi } from 'vitest';

/** What a handler call printed (stdout writes and console.log, as lines), and how it ended. */
export interface CapturedCall<T> {
  readonly result: T | undefined;
  readonly error: unknown;
  readonly lines: readonly string[];
  /** The lines that are JSON objects (the handler's own log lines and its EMF metrics), parsed. */
  readonly logged: readonly Record<string, unknown>[];
}

/** Runs `call` with stdout and console.log captured (the EMF line and the `forwarded` line). */
export async function capturedCall<T>(call: () => Promise<T>): Promise<CapturedCall<T>> {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => {
    lines.push(line);
  });
  let result: T | undefined;
  let error: unknown;
  try {
    result = await call();
  } catch (e) {
    error = e;
  } finally {
    write.mockRestore();
    log.mockRestore();
  }
  const logged = lines
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { result, error, lines, logged };
}
