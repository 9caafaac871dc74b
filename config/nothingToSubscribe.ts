/**
 * The check that a deployment subscribes to something: run by `config/requireLogGroups.cjs`
 * when packaging (`serverless package`/`deploy`), never for `serverless invoke local`, which
 * needs no list.
 */

/** What the stage's configuration would subscribe the forwarder to. */
export interface SubscriptionInputs {
  /** Entries of the log group list (0 when the default list does not exist). */
  readonly logGroups: number;
  /** The list file consulted, relative to the service directory. */
  readonly source: string;
  /** The `input` param: `subscription` (default) or `kinesis`. */
  readonly input: string;
  /** The `subscribeAccount` param, as a string (`'false'` by default). */
  readonly subscribeAccount: string;
}

/**
 * Returns the message that stops packaging when nothing would reach the forwarder: no log group
 * in the list, no account-wide subscription and no Kinesis input. `undefined` when covered.
 */
export function nothingToSubscribe(inputs: SubscriptionInputs): string | undefined {
  if (inputs.logGroups > 0) return undefined;
  if (inputs.input.trim() === 'kinesis') return undefined;
  if (inputs.subscribeAccount.trim().toLowerCase() === 'true') return undefined;
  return [
    `no log groups to subscribe: ${inputs.source} is missing or empty.`,
    'Copy config/log-groups.example.yml to config/log-groups.yml (every stage) or',
    'config/log-groups.<stage>.yml (one stage) and list your log groups, or pass',
    '--param="logGroupsFile=path/to/list.yml"; or subscribe every log group of the account with',
    '--param="subscribeAccount=true", or read a Kinesis stream with --param="input=kinesis".',
  ].join(' ');
}
