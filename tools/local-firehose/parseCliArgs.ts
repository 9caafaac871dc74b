import { parseArgs } from 'node:util';
import { parseFaults, type Faults } from './faults.js';
import type { LocalFirehoseOptions } from './startLocalFirehose.js';

/** Port the CLI listens on by default (4573: LocalStack's Firehose port, 4566, is left alone). */
export const DEFAULT_CLI_PORT = 4573;
/** Where the CLI writes objects by default; ignored by git and eslint. */
export const DEFAULT_CLI_DIR = '.local-firehose';

export const CLI_USAGE = `Usage: npm run firehose:local -- [options]
  --port <n>                 port on 127.0.0.1 (default ${DEFAULT_CLI_PORT}; 0 = any free port)
  --dir <path>               where objects are written (default ${DEFAULT_CLI_DIR}; "" = memory only)
  --stream <name>            a delivery stream that exists (repeatable; default $DELIVERY_STREAM_NAME)
  --any-stream               accept any stream name
  --fail-rate <0..1>         fraction of records failing per call (ServiceUnavailableException)
  --seed <n>                 seed of the per-record failures (default 1)
  --fail-all                 every record fails, permanently
  --throttle-first <n>       first n calls throttled ("Slow down.")
  --throttle-status <code>   status of those throttles (default 400)
  --server-error-first <n>   then n calls answered 5xx
  --server-error-status <c>  500 (default), 502, 503 or 504
  --drop-first <n>           first n calls: connection destroyed without a response
  --http-status-first <n>    then n calls: a bare HTTP status, no AWS error (a proxy's answer)
  --http-status <code>       that status (default 413)
  --malformed-first <n>      then n calls: records stored, answer 200 with a body that is not JSON
  --fail-all-first <n>       then n calls: every record fails (200, ServiceUnavailableException)
  --delay-ms <n>             wait before answering each call
  --quiet                    no line per call
Faults can also come as JSON in LOCAL_FIREHOSE_FAULTS (flags win), and be changed while running:
  curl -X POST <url>/_faults -d '{"failRate":0.3,"seed":7}'   (also GET /_faults, GET /_stats, POST /_reset)`;

/** What the CLI was asked to do. */
export interface CliCommand {
  readonly help: boolean;
  readonly quiet: boolean;
  readonly options: LocalFirehoseOptions & { readonly port: number; readonly faults: Faults };
}

function number(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw new TypeError(`--${flag}: expected a number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * Reads the CLI's flags (and `LOCAL_FIREHOSE_FAULTS`, `DELIVERY_STREAM_NAME`) into the options of
 * `startLocalFirehose`. Throws a `TypeError` naming the flag for a bad value.
 */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): CliCommand {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      quiet: { type: 'boolean' },
      port: { type: 'string' },
      dir: { type: 'string' },
      stream: { type: 'string', multiple: true },
      'any-stream': { type: 'boolean' },
      'fail-rate': { type: 'string' },
      seed: { type: 'string' },
      'fail-all': { type: 'boolean' },
      'throttle-first': { type: 'string' },
      'throttle-status': { type: 'string' },
      'server-error-first': { type: 'string' },
      'server-error-status': { type: 'string' },
      'drop-first': { type: 'string' },
      'http-status-first': { type: 'string' },
      'http-status': { type: 'string' },
      'malformed-first': { type: 'string' },
      'fail-all-first': { type: 'string' },
      'delay-ms': { type: 'string' },
    },
  });
  let fromEnv: Faults = {};
  const envFaults = env.LOCAL_FIREHOSE_FAULTS;
  if (envFaults !== undefined && envFaults.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(envFaults);
    } catch (cause) {
      throw new TypeError(`LOCAL_FIREHOSE_FAULTS: expected JSON, got ${JSON.stringify(envFaults)}`, {
        cause,
      });
    }
    fromEnv = parseFaults(parsed, 'LOCAL_FIREHOSE_FAULTS');
  }
  const fromFlags = {
    failRate: number('fail-rate', values['fail-rate']),
    seed: number('seed', values.seed),
    failAll: values['fail-all'],
    throttleFirst: number('throttle-first', values['throttle-first']),
    throttleStatus: number('throttle-status', values['throttle-status']),
    serverErrorFirst: number('server-error-first', values['server-error-first']),
    serverErrorStatus: number('server-error-status', values['server-error-status']),
    dropFirst: number('drop-first', values['drop-first']),
    httpStatusFirst: number('http-status-first', values['http-status-first']),
    httpStatus: number('http-status', values['http-status']),
    malformedFirst: number('malformed-first', values['malformed-first']),
    failAllFirst: number('fail-all-first', values['fail-all-first']),
    delayMs: number('delay-ms', values['delay-ms']),
  };
  const set = Object.fromEntries(Object.entries(fromFlags).filter(([, v]) => v !== undefined));
  const faults = parseFaults({ ...fromEnv, ...set }, 'flags');

  const defaultStream = env.DELIVERY_STREAM_NAME?.trim();
  const streams = values.stream ?? (defaultStream ? [defaultStream] : []);
  const port = number('port', values.port) ?? DEFAULT_CLI_PORT;
  return {
    help: values.help ?? false,
    quiet: values.quiet ?? false,
    options: {
      port,
      dir: values.dir ?? DEFAULT_CLI_DIR,
      streams,
      acceptAnyStream: values['any-stream'] ?? false,
      faults,
    },
  };
}
