import type { TextFormat } from '../logFormat.js';

/**
 * VPC Flow Logs in the default (version 2) format, one record per log event:
 * `${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport}
 * ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}` →
 * `2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010
 * 1418530070 ACCEPT OK`.
 * The message is the record as written; each value is a field under its documented name
 * (hyphens as underscores), numbers as numbers; `-` (no data for the window) leaves the field out.
 * A REJECT is ordinary traffic a security group refused (INFO); `SKIPDATA` is ERROR: flow records
 * of the window were lost ("an internal capacity constraint, or an internal error", per the docs).
 * Checked against https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html
 * (default format, available fields, and the examples of flow-logs-records-examples.html).
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
const NUMERIC = new Set(['version', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end']);
// The longest default record: two IPv6 addresses and every counter at its widest.
const MAX_RECORD = 400;

export const vpcFlowLogs: TextFormat = {
  name: NAME,
  parse(line) {
    if (line.charCodeAt(0) !== 0x32 /* 2 */ || line.charCodeAt(1) !== 0x20 || line.length > MAX_RECORD)
      return undefined;
    const values = line.split(' ');
    if (values.length !== KEYS.length) return undefined;
    const account = values[1] ?? '';
    const eni = values[2] ?? '';
    if (!/^\d{12}$/.test(account) && account !== 'unknown') return undefined;
    if (!eni.startsWith('eni-') && eni !== '-') return undefined;
    const status = values[13];
    if (status !== 'OK' && status !== 'NODATA' && status !== 'SKIPDATA') return undefined;
    const fields: Record<string, unknown> = {};
    KEYS.forEach((key, k) => {
      const value = values[k] ?? '-';
      if (value === '-') return;
      const n = Number(value);
      fields[key] = NUMERIC.has(key) && Number.isSafeInteger(n) ? n : value;
    });
    return { message: line, levelname: status === 'SKIPDATA' ? 'ERROR' : undefined, fields };
  },
};
