import type { TextFormat } from '../logFormat.js';

/**
 * VPC Flow Logs and Transit Gateway Flow Logs, one record per log event.
 *
 * The default (version 2) format:
 * `${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport}
 * ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}` →
 * `2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010
 * 1418530070 ACCEPT OK`.
 *
 * Custom formats carry no header naming their fields, so a record is read only when it starts
 * with its `${version}` (the highest version among the chosen fields, per the docs) and either
 * has one of the documented layouts below, that layout's number of fields and every value of the
 * shape its field documents (`vpc-…`, `eni-…`, an address, a number, `ACCEPT`, …, or `-`), or
 * starts with the 13 fields of the default format after its version (the common "default plus a
 * few" custom format: `${version} …default… ${flow-direction} ${reject-reason}`). A record two
 * layouts would both read, or none, stays text. The layouts:
 * - every field of versions 2–3, 2–4, 2–5, 2–7 (the ECS fields) or 2–8 (`reject-reason`) in the
 *   order of the "Available fields" table (21, 25, 29, 39 and 40 fields);
 * - the examples of flow-logs-records-examples.html: "TCP flag sequence" (`${version} ${vpc-id}
 *   ${subnet-id} ${instance-id} ${interface-id} ${account-id} ${type} ${srcaddr} ${dstaddr}
 *   ${srcport} ${dstport} ${pkt-srcaddr} ${pkt-dstaddr} ${protocol} ${bytes} ${packets} ${start}
 *   ${end} ${action} ${tcp-flags} ${log-status}`), "Traffic through a transit gateway" (17 fields)
 *   and "Service name, traffic path, and flow direction" (all 29 fields of version 5 in another
 *   order);
 * - Transit Gateway Flow Logs' default format (version 6, 36 fields: `${version}
 *   ${resource-type} ${account-id} ${tgw-id} ${tgw-attachment-id} … ${packets-lost-no-route} …
 *   ${pkt-dst-aws-service}`), which its flow logs write when no format is given.
 * After a default-format head, the extra fields are named only where their value's shape belongs
 * to one field alone (`vpc-…`, `subnet-…`, `i-…`, a Region, an AZ ID, `ingress`/`egress`,
 * `IPv4`/`IPv6`/`EFA`, an ECS cluster, container instance, task definition or task ARN); a
 * number, a name or an address there could be any of several fields and stays in the message
 * only. Any other custom order (a subset of fields, the NAT gateway example that has no
 * `${version}`) cannot be told from other text of numbers and words without the flow log's
 * format string, and stays text.
 *
 * The message is the record as written; each value is a field under its documented name
 * (hyphens as underscores, as in the Parquet schema and Athena tables), numbers as numbers; `-`
 * (not applicable, or no data for the window) leaves the field out. A REJECT is ordinary traffic
 * a security group refused (INFO); `SKIPDATA` is ERROR: flow records of the window were lost ("an
 * internal capacity constraint, or an internal error", per the docs).
 * Checked against https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html
 * (default format, custom format, available fields and their versions), the examples of
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-records-examples.html (as stored in
 * awsdocs/amazon-vpc-user-guide doc_source/flow-logs.md and flow-logs-records-examples.md), and
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-flow-logs.html (Transit Gateway Flow Log
 * records: default format and available fields).
 */

const NAME = 'vpc-flow-logs';
const KEYS = [
  'version',
  'account_id',
  'interface_id',
  'srcaddr',
  'dstaddr',
  'srcport',
  'dstport',
  'protocol',
  'packets',
  'bytes',
  'start',
  'end',
  'action',
  'log_status',
] as const;
// The longest default record: two IPv6 addresses and every counter at its widest.
const MAX_RECORD = 400;
// The longest custom record: 40 fields, four of them IPv6 addresses and four of them ECS ARNs.
const MAX_CUSTOM_RECORD = 4096;

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const IPV6 = /^[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::\d{1,3}(?:\.\d{1,3}){3})?$/;
const SERVICE = /^[A-Z][A-Z0-9_]*$/;
const ACCOUNT = /^\d{12}$/;
const ECS_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:([a-z-]+)\/\S+$/;
// Container and task ids: hex, a UUID, or Fargate's `<task id>-<number>`.
const ECS_ID = /^[0-9A-Za-z][\w.-]*$/;

function ecsArn(kind: string): (value: string) => boolean {
  return (value) => ECS_ARN.exec(value)?.[1] === kind;
}

const isAccount = (v: string): boolean => ACCOUNT.test(v) || v === 'unknown';
const isVpc = (v: string): boolean => /^vpc-[0-9a-f]+$/.test(v);
const isSubnet = (v: string): boolean => /^subnet-[0-9a-f]+$/.test(v);
const isEni = (v: string): boolean => /^eni-[0-9a-f]+$/.test(v);
const isAzId = (v: string): boolean => /^[a-z0-9]+(?:-[a-z0-9]+)*-az\d{1,2}$/.test(v);
const isTgwAttachment = (v: string): boolean => /^tgw-attach-[0-9a-f]+$/.test(v);

/** What a field's value may be in a custom record, `-` aside (see {@link customField}). */
const SHAPES: Readonly<Record<string, (value: string) => boolean>> = {
  account_id: isAccount,
  interface_id: isEni,
  vpc_id: isVpc,
  subnet_id: isSubnet,
  instance_id: (v) => /^i-[0-9a-f]+$/.test(v),
  srcaddr: isAddress,
  dstaddr: isAddress,
  pkt_srcaddr: isAddress,
  pkt_dstaddr: isAddress,
  srcport: isCount,
  dstport: isCount,
  protocol: isCount,
  packets: isCount,
  bytes: isCount,
  start: isCount,
  end: isCount,
  tcp_flags: isCount,
  traffic_path: isCount,
  action: (v) => v === 'ACCEPT' || v === 'REJECT',
  type: (v) => v === 'IPv4' || v === 'IPv6' || v === 'EFA',
  region: (v) => /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/.test(v),
  az_id: isAzId,
  sublocation_type: (v) => v === 'wavelength' || v === 'outpost' || v === 'localzone',
  sublocation_id: (v) => /^[A-Za-z0-9][\w.:-]*$/.test(v),
  pkt_src_aws_service: (v) => SERVICE.test(v),
  pkt_dst_aws_service: (v) => SERVICE.test(v),
  flow_direction: (v) => v === 'ingress' || v === 'egress',
  // Version 7: the ECS fields.
  ecs_cluster_arn: ecsArn('cluster'),
  ecs_cluster_name: (v) => /^[A-Za-z0-9][\w-]*$/.test(v),
  ecs_container_instance_arn: ecsArn('container-instance'),
  ecs_container_instance_id: (v) => ECS_ID.test(v),
  ecs_container_id: (v) => ECS_ID.test(v),
  ecs_second_container_id: (v) => ECS_ID.test(v),
  ecs_service_name: (v) => /^[A-Za-z0-9][\w-]*$/.test(v),
  ecs_task_definition_arn: ecsArn('task-definition'),
  ecs_task_arn: ecsArn('task'),
  ecs_task_id: (v) => ECS_ID.test(v),
  // Version 8: why traffic was rejected (`BPA`: VPC Block Public Access), `-` for any other reason.
  reject_reason: (v) => /^[A-Z]{2,}$/.test(v),
  // Transit Gateway Flow Logs (version 6).
  resource_type: (v) => v === 'TransitGateway' || v === 'TransitGatewayAttachment',
  tgw_id: (v) => /^tgw-[0-9a-f]+$/.test(v),
  tgw_attachment_id: isTgwAttachment,
  tgw_src_vpc_account_id: isAccount,
  tgw_dst_vpc_account_id: isAccount,
  tgw_src_vpc_id: isVpc,
  tgw_dst_vpc_id: isVpc,
  tgw_src_subnet_id: isSubnet,
  tgw_dst_subnet_id: isSubnet,
  tgw_src_eni: isEni,
  tgw_dst_eni: isEni,
  tgw_src_az_id: isAzId,
  tgw_dst_az_id: isAzId,
  tgw_pair_attachment_id: isTgwAttachment,
  packets_lost_no_route: isCount,
  packets_lost_blackhole: isCount,
  packets_lost_mtu_exceeded: isCount,
  packets_lost_ttl_expired: isCount,
};

/** Fields written as numbers: the version and every counter (the fields of {@link isCount} shape). */
const NUMERIC: ReadonlySet<string> = new Set([
  'version',
  ...Object.keys(SHAPES).filter((key) => SHAPES[key] === isCount),
]);

/**
 * The fields a value after a default-format head can be named from its shape alone: no other
 * field's value looks like theirs (see the module comment). `BPA` is the one documented
 * `reject-reason`, and names no AWS service.
 */
const TELLING_FIELDS: readonly (readonly [string, (value: string) => boolean])[] = [
  ...[
    'vpc_id',
    'subnet_id',
    'instance_id',
    'type',
    'region',
    'az_id',
    'sublocation_type',
    'flow_direction',
    'ecs_cluster_arn',
    'ecs_container_instance_arn',
    'ecs_task_definition_arn',
    'ecs_task_arn',
  ].map((field) => [field, (value: string) => SHAPES[field]?.(value) ?? false] as const),
  ['reject_reason', (value) => value === 'BPA'],
];

function isAddress(value: string): boolean {
  return IPV4.test(value) || (value.includes(':') && IPV6.test(value));
}

function isCount(value: string): boolean {
  return /^\d{1,20}$/.test(value);
}

interface Layout {
  /** The `${version}` the records of this layout start with. */
  readonly version: string;
  readonly keys: readonly string[];
}

function layout(version: string, fields: string): Layout {
  return { version, keys: fields.split(' ').map((field) => field.replace(/-/g, '_')) };
}

const V3_FIELDS = 'vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr';
const V4_FIELDS = 'region az-id sublocation-type sublocation-id';
const V5_FIELDS = 'pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path';
const V7_FIELDS =
  'ecs-cluster-arn ecs-cluster-name ecs-container-instance-arn ecs-container-instance-id ecs-container-id ' +
  'ecs-second-container-id ecs-service-name ecs-task-definition-arn ecs-task-arn ecs-task-id';
const V8_FIELDS = 'reject-reason';
const DEFAULT_FIELDS = KEYS.join(' ');
const ALL_V5 = `${DEFAULT_FIELDS} ${V3_FIELDS} ${V4_FIELDS} ${V5_FIELDS}`;

/** The documented custom layouts (see the module comment), by the version they start with. */
const CUSTOM_LAYOUTS: readonly Layout[] = [
  layout('3', `${DEFAULT_FIELDS} ${V3_FIELDS}`),
  layout('4', `${DEFAULT_FIELDS} ${V3_FIELDS} ${V4_FIELDS}`),
  layout('5', ALL_V5),
  layout('7', `${ALL_V5} ${V7_FIELDS}`),
  layout('8', `${ALL_V5} ${V7_FIELDS} ${V8_FIELDS}`),
  // flow-logs-records-examples.html, "TCP flag sequence".
  layout(
    '3',
    'version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport ' +
      'pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status',
  ),
  // "Traffic through a transit gateway".
  layout(
    '3',
    'version interface-id account-id vpc-id subnet-id instance-id srcaddr dstaddr srcport dstport ' +
      'protocol tcp-flags type pkt-srcaddr pkt-dstaddr action log-status',
  ),
  // "Service name, traffic path, and flow direction".
  layout(
    '5',
    'version srcaddr dstaddr srcport dstport protocol start end type packets bytes account-id vpc-id ' +
      'subnet-id instance-id interface-id region az-id sublocation-type sublocation-id action tcp-flags ' +
      'pkt-srcaddr pkt-dstaddr pkt-src-aws-service pkt-dst-aws-service traffic-path flow-direction log-status',
  ),
  // tgw-flow-logs.html, "Default format": every Transit Gateway field.
  layout(
    '6',
    'version resource-type account-id tgw-id tgw-attachment-id tgw-src-vpc-account-id tgw-dst-vpc-account-id ' +
      'tgw-src-vpc-id tgw-dst-vpc-id tgw-src-subnet-id tgw-dst-subnet-id tgw-src-eni tgw-dst-eni ' +
      'tgw-src-az-id tgw-dst-az-id tgw-pair-attachment-id srcaddr dstaddr srcport dstport protocol packets ' +
      'bytes start end log-status type packets-lost-no-route packets-lost-blackhole ' +
      'packets-lost-mtu-exceeded packets-lost-ttl-expired tcp-flags region flow-direction ' +
      'pkt-src-aws-service pkt-dst-aws-service',
  ),
];

function isLogStatus(value: string | undefined): boolean {
  return value === 'OK' || value === 'NODATA' || value === 'SKIPDATA';
}

/** A value fits its field: `version` and `log_status` always hold one, any other may be `-`. */
function customField(key: string, value: string): boolean {
  if (key === 'version' || key === 'log_status') return true;
  if (value === '-') return true;
  return SHAPES[key]?.(value) ?? false;
}

function fits(values: readonly string[], candidate: Layout): boolean {
  if (values.length !== candidate.keys.length || values[0] !== candidate.version) return false;
  if (!isLogStatus(values[candidate.keys.indexOf('log_status')])) return false;
  return candidate.keys.every((key, k) => customField(key, values[k] ?? ''));
}

/** The one documented layout `values` fit, or `undefined` when none or several do. */
function customLayout(values: readonly string[]): Layout | undefined {
  let found: Layout | undefined;
  for (const candidate of CUSTOM_LAYOUTS) {
    if (!fits(values, candidate)) continue;
    if (found !== undefined) return undefined;
    found = candidate;
  }
  return found;
}

function record(line: string, keys: readonly (string | undefined)[], values: readonly string[]) {
  const fields: Record<string, unknown> = {};
  keys.forEach((key, k) => {
    const value = values[k] ?? '-';
    if (key === undefined || value === '-') return;
    const n = Number(value);
    fields[key] = NUMERIC.has(key) && Number.isSafeInteger(n) ? n : value;
  });
  const skipped = fields.log_status === 'SKIPDATA';
  return { message: line, levelname: skipped ? ('ERROR' as const) : undefined, fields };
}

function parseDefault(line: string) {
  if (line.length > MAX_RECORD) return undefined;
  const values = line.split(' ');
  if (values.length !== KEYS.length) return undefined;
  const account = values[1] ?? '';
  const eni = values[2] ?? '';
  if (!isAccount(account)) return undefined;
  if (!eni.startsWith('eni-') && eni !== '-') return undefined;
  if (!isLogStatus(values[13])) return undefined;
  return record(line, KEYS, values);
}

/**
 * A custom record that starts with the default format's fields, in their order, and goes on with
 * fields of later versions: the default fields by name, each later value by the one field its
 * shape tells (two values of one such shape name neither).
 */
function defaultHead(values: readonly string[]): (string | undefined)[] | undefined {
  if (values.length <= KEYS.length || !isLogStatus(values[KEYS.length - 1])) return undefined;
  for (let k = 1; k < KEYS.length - 1; k++) {
    if (!customField(KEYS[k] ?? '', values[k] ?? '')) return undefined;
  }
  if (values[1] === '-' || values[2] === '-') return undefined;
  const keys: (string | undefined)[] = [...KEYS];
  const seen = new Map<string, number>();
  for (let k = KEYS.length; k < values.length; k++) {
    const value = values[k] ?? '';
    if (value === '') return undefined;
    const key = value === '-' ? undefined : TELLING_FIELDS.find(([, tells]) => tells(value))?.[0];
    keys.push(key);
    if (key === undefined) continue;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      keys[earlier] = undefined;
      keys[k] = undefined;
    } else {
      seen.set(key, k);
    }
  }
  return keys;
}

function parseCustom(line: string) {
  if (line.length > MAX_CUSTOM_RECORD) return undefined;
  const values = line.split(' ');
  const found = customLayout(values);
  if (found !== undefined) return record(line, found.keys, values);
  // Transit Gateway records have no default-format head: version 6 is theirs alone.
  if (values[0] === '6') return undefined;
  const keys = defaultHead(values);
  return keys === undefined ? undefined : record(line, keys, values);
}

export const vpcFlowLogs: TextFormat = {
  name: NAME,
  parse(line) {
    if (line.charCodeAt(1) !== 0x20) return undefined;
    const version = line.charCodeAt(0);
    if (version === 0x32 /* 2 */) return parseDefault(line);
    // Versions 3 to 8 (6: Transit Gateway Flow Logs).
    if (version >= 0x33 /* 3 */ && version <= 0x38 /* 8 */) return parseCustom(line);
    return undefined;
  },
};
