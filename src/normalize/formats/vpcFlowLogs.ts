import type { TextFormat } from '../logFormat.js';

/**
 * VPC Flow Logs, one record per log event.
 *
 * The default (version 2) format:
 * `${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport}
 * ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}` →
 * `2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010
 * 1418530070 ACCEPT OK`.
 *
 * Custom formats (versions 3 to 5) carry no header naming their fields, so a record is read only
 * when it has one of the documented layouts below, starts with its `${version}` (the highest
 * version among the chosen fields, per the docs), has that layout's number of fields, and every
 * value has the shape its field documents (`vpc-…`, `eni-…`, an address, a number, `ACCEPT`, …,
 * or `-`); a record two layouts would both read, or none, stays text. The layouts:
 * - every field of versions 2–3, 2–4 or 2–5 in the order of the "Available fields" table
 *   (21, 25 and 29 fields);
 * - the examples of flow-logs-records-examples.html: "TCP flag sequence" (`${version} ${vpc-id}
 *   ${subnet-id} ${instance-id} ${interface-id} ${account-id} ${type} ${srcaddr} ${dstaddr}
 *   ${srcport} ${dstport} ${pkt-srcaddr} ${pkt-dstaddr} ${protocol} ${bytes} ${packets} ${start}
 *   ${end} ${action} ${tcp-flags} ${log-status}`), "Traffic through a transit gateway" (17 fields)
 *   and "Service name, traffic path, and flow direction" (all 29 fields of version 5 in another
 *   order).
 * Any other custom order (a subset of fields, the NAT gateway example that has no `${version}`,
 * version 7's ECS fields, version 8's `reject-reason`) cannot be told from other text of numbers
 * and words without the flow log's format string, and stays text.
 *
 * The message is the record as written; each value is a field under its documented name
 * (hyphens as underscores), numbers as numbers; `-` (not applicable, or no data for the window)
 * leaves the field out. A REJECT is ordinary traffic a security group refused (INFO); `SKIPDATA`
 * is ERROR: flow records of the window were lost ("an internal capacity constraint, or an
 * internal error", per the docs).
 * Checked against https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html
 * (default format, custom format, available fields) and the examples of
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-records-examples.html (as stored in
 * awsdocs/amazon-vpc-user-guide doc_source/flow-logs.md and flow-logs-records-examples.md).
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
// The longest custom record: 29 fields, four of them IPv6 addresses.
const MAX_CUSTOM_RECORD = 1024;

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const IPV6 = /^[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::\d{1,3}(?:\.\d{1,3}){3})?$/;
const SERVICE = /^[A-Z][A-Z0-9_]*$/;

/** What a field's value may be in a custom record, `-` aside (see {@link customField}). */
const SHAPES: Readonly<Record<string, (value: string) => boolean>> = {
  account_id: (v) => /^\d{12}$/.test(v) || v === 'unknown',
  interface_id: (v) => /^eni-[0-9a-f]+$/.test(v),
  vpc_id: (v) => /^vpc-[0-9a-f]+$/.test(v),
  subnet_id: (v) => /^subnet-[0-9a-f]+$/.test(v),
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
  az_id: (v) => /^[a-z0-9]+(?:-[a-z0-9]+)*-az\d{1,2}$/.test(v),
  sublocation_type: (v) => v === 'wavelength' || v === 'outpost' || v === 'localzone',
  sublocation_id: (v) => /^[A-Za-z0-9][\w.:-]*$/.test(v),
  pkt_src_aws_service: (v) => SERVICE.test(v),
  pkt_dst_aws_service: (v) => SERVICE.test(v),
  flow_direction: (v) => v === 'ingress' || v === 'egress',
};

/** Fields written as numbers: the version and every counter (the fields of {@link isCount} shape). */
const NUMERIC: ReadonlySet<string> = new Set([
  'version',
  ...Object.keys(SHAPES).filter((key) => SHAPES[key] === isCount),
]);

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
const DEFAULT_FIELDS = KEYS.join(' ');

/** The documented custom layouts (see the module comment), by the version they start with. */
const CUSTOM_LAYOUTS: readonly Layout[] = [
  layout('3', `${DEFAULT_FIELDS} ${V3_FIELDS}`),
  layout('4', `${DEFAULT_FIELDS} ${V3_FIELDS} ${V4_FIELDS}`),
  layout('5', `${DEFAULT_FIELDS} ${V3_FIELDS} ${V4_FIELDS} ${V5_FIELDS}`),
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

function record(line: string, keys: readonly string[], values: readonly string[]) {
  const fields: Record<string, unknown> = {};
  keys.forEach((key, k) => {
    const value = values[k] ?? '-';
    if (value === '-') return;
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
  if (!/^\d{12}$/.test(account) && account !== 'unknown') return undefined;
  if (!eni.startsWith('eni-') && eni !== '-') return undefined;
  if (!isLogStatus(values[13])) return undefined;
  return record(line, KEYS, values);
}

function parseCustom(line: string) {
  if (line.length > MAX_CUSTOM_RECORD) return undefined;
  const values = line.split(' ');
  const found = customLayout(values);
  return found === undefined ? undefined : record(line, found.keys, values);
}

export const vpcFlowLogs: TextFormat = {
  name: NAME,
  parse(line) {
    if (line.charCodeAt(1) !== 0x20) return undefined;
    const version = line.charCodeAt(0);
    if (version === 0x32 /* 2 */) return parseDefault(line);
    if (version >= 0x33 /* 3 */ && version <= 0x35 /* 5 */) return parseCustom(line);
    return undefined;
  },
};
