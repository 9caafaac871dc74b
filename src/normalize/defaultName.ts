/**
 * The record's `name` when a line carries no logger (SPEC §3): a readable name for what wrote
 * the log group, from the group's name (and, for ECS, the stream's), as AWS names them:
 *
 * | log group | name |
 * |---|---|
 * | `/aws/lambda/<function>` | `<function>` |
 * | `/ecs/<family>` (the ECS console's `awslogs-group`), `/aws/ecs/<cluster>[/<service>…]` | `<family>` or `<cluster>/…`, then `/<container>` when the stream (`<prefix>/<container>/<task id>`) names another container |
 * | `/aws/ecs/containerinsights/<cluster>/<kind>` | `<cluster>` |
 * | `API-Gateway-Execution-Logs_<apiId>/<stage>` | `<apiId>/<stage>` |
 * | `/aws/rds/instance/<db>/<log>`, `/aws/rds/cluster/<cluster>/<log>`, `/aws/rds/proxy/<proxy>` | `<db>`, `<cluster>`, `<proxy>` |
 * | `/aws/vendedlogs/states/<machine>-Logs` (the Step Functions console's default) | `<machine>` |
 * | anything else | the log group's name |
 *
 * Sources: the awslogs driver's stream name (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html,
 * `awslogs-stream-prefix`), API Gateway's execution log group
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html), RDS's
 * published log groups (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/publishing_cloudwatchlogs.html),
 * Step Functions' (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html).
 */

const LAMBDA = '/aws/lambda/';
const ECS_CONSOLE = '/ecs/';
const ECS = '/aws/ecs/';
const CONTAINER_INSIGHTS = '/aws/ecs/containerinsights/';
const API_GATEWAY_EXECUTION = 'API-Gateway-Execution-Logs_';
const RDS = ['/aws/rds/instance/', '/aws/rds/cluster/', '/aws/rds/proxy/'];
const STATES = '/aws/vendedlogs/states/';
const STATES_SUFFIX = '-Logs';

/** The path segment after `prefix`, or `undefined` when there is none. */
function segmentAfter(logGroup: string, prefix: string): string | undefined {
  if (!logGroup.startsWith(prefix)) return undefined;
  const end = logGroup.indexOf('/', prefix.length);
  const segment = logGroup.slice(prefix.length, end < 0 ? logGroup.length : end);
  return segment === '' ? undefined : segment;
}

/** ECS task ids: 32 hex digits (or a UUID, for tasks started before the long ARN format). */
function isTaskId(text: string): boolean {
  if (text.length !== 32 && text.length !== 36) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);
    if (!hex && !(text.length === 36 && c === 0x2d)) return false;
  }
  return true;
}

/** `<prefix>/<container>/<task id>` → `<container>`. */
function ecsContainer(logStream: string): string | undefined {
  const parts = logStream.split('/');
  if (parts.length !== 3 || !isTaskId(parts[2] ?? '')) return undefined;
  return parts[1] === '' ? undefined : parts[1];
}

function ecsName(base: string, logStream: string): string {
  const container = ecsContainer(logStream);
  if (container === undefined || base === container || base.endsWith(`/${container}`)) return base;
  return `${base}/${container}`;
}

/** The name of a record whose line names no logger, from where it was logged. */
export function defaultNameOf(logGroup: string, logStream = ''): string {
  if (logGroup.startsWith(LAMBDA) && logGroup.length > LAMBDA.length) return logGroup.slice(LAMBDA.length);
  const insights = segmentAfter(logGroup, CONTAINER_INSIGHTS);
  if (insights !== undefined) return insights;
  for (const prefix of [ECS_CONSOLE, ECS]) {
    if (logGroup.startsWith(prefix) && logGroup.length > prefix.length) {
      return ecsName(logGroup.slice(prefix.length), logStream);
    }
  }
  if (logGroup.startsWith(API_GATEWAY_EXECUTION) && logGroup.length > API_GATEWAY_EXECUTION.length) {
    return logGroup.slice(API_GATEWAY_EXECUTION.length);
  }
  for (const prefix of RDS) {
    const name = segmentAfter(logGroup, prefix);
    if (name !== undefined) return name;
  }
  const machine = segmentAfter(logGroup, STATES);
  if (machine !== undefined) {
    return machine.endsWith(STATES_SUFFIX) && machine.length > STATES_SUFFIX.length
      ? machine.slice(0, -STATES_SUFFIX.length)
      : machine;
  }
  return logGroup;
}
