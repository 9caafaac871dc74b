import type { LogSource } from './subscriptionPayload.js';

/** The forwarder's own log group, as the function knows it at run time. */
export interface OwnLogGroup {
  /**
   * Its name: Lambda's `AWS_LAMBDA_LOG_GROUP_NAME`, which is the custom group of a `LoggingConfig`
   * (serverless.yml `logs.logGroup`) when there is one, `/aws/lambda/<function>` otherwise.
   */
  readonly name: string | undefined;
  /** The account the function runs in (from its ARN), when known. */
  readonly accountId?: string | undefined;
}

/**
 * True when the payload comes from the forwarder's own log group (SPEC §4: the forwarder never
 * forwards its own output, which would feed it back to itself). The name must match exactly
 * (CloudWatch Logs group names are case-sensitive); when both the payload's `owner` and the
 * function's account are known they must match too, so a group of the same name in another
 * account (a cross-account destination) is forwarded, not dropped.
 */
export function isOwnLogGroup(payload: Pick<LogSource, 'logGroup' | 'owner'>, own: OwnLogGroup): boolean {
  if (own.name === undefined || payload.logGroup !== own.name) return false;
  if (own.accountId === undefined || own.accountId === '' || payload.owner === '') return true;
  return payload.owner === own.accountId;
}

/** The account id of a Lambda function ARN (`arn:aws:lambda:<region>:<account>:function:<name>`). */
export function accountOfArn(arn: string | undefined): string | undefined {
  const account = arn?.split(':')[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}
