/**
 * Local Firehose endpoint for development: `npm run firehose:local -- --stream logging-test`.
 * Point the forwarder (or any AWS SDK) at it with `AWS_ENDPOINT_URL_FIREHOSE=<printed url>`.
 * A dev tool only: never imported by the Lambda bundle.
 */
import { CLI_USAGE, parseCliArgs } from './parseCliArgs.js';
import { startLocalFirehose } from './startLocalFirehose.js';

async function main(): Promise<void> {
  let command;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${CLI_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (command.help) {
    console.log(CLI_USAGE);
    return;
  }
  const { options } = command;
  let firehose;
  try {
    firehose = await startLocalFirehose({
      ...options,
      log: command.quiet
        ? undefined
        : (line) => {
            console.log(`${new Date().toISOString()} ${line}`);
          },
    });
  } catch (error) {
    console.error(`cannot start the local Firehose: ${(error as Error).message}\n\n${CLI_USAGE}`);
    process.exitCode = 1;
    return;
  }
  const streams = options.acceptAnyStream === true ? 'any name' : (options.streams ?? []).join(', ');
  console.log(`local Firehose listening on ${firehose.url}`);
  console.log(`  streams: ${streams}`);
  console.log(
    firehose.dir === undefined
      ? '  files:   none (memory only)'
      : `  files:   ${firehose.dir}/<stream>/YYYY/MM/DD/HH/<stream>-1-YYYY-MM-DD-HH-MM-SS-<uuid>`,
  );
  console.log(`  faults:  ${JSON.stringify(firehose.faults())}`);
  console.log(`  use:     AWS_ENDPOINT_URL_FIREHOSE=${firehose.url}`);
  console.log(
    `  control: GET ${firehose.url}/_stats · GET|POST ${firehose.url}/_faults · POST ${firehose.url}/_reset`,
  );

  // `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by tsx).
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    const stats = firehose.stats();
    firehose.close().then(
      () => {
        console.log(`${signal}: stopped; ${JSON.stringify(stats)}`);
      },
      (error: unknown) => {
        console.error(`${signal}: error while stopping: ${String(error)}`);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
