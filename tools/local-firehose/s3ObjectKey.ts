import { randomUUID } from 'node:crypto';

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * The key Firehose gives an object it writes to S3 with the default prefix:
 * `YYYY/MM/dd/HH/<stream>-<stream version>-YYYY-MM-dd-HH-mm-ss-<uuid>`, in UTC.
 * https://docs.aws.amazon.com/firehose/latest/dev/s3-object-name.html
 */
export function s3ObjectKey(stream: string, at: Date, version = 1, uuid: string = randomUUID()): string {
  const y = String(at.getUTCFullYear());
  const mo = two(at.getUTCMonth() + 1);
  const d = two(at.getUTCDate());
  const h = two(at.getUTCHours());
  const mi = two(at.getUTCMinutes());
  const s = two(at.getUTCSeconds());
  return `${y}/${mo}/${d}/${h}/${stream}-${version}-${y}-${mo}-${d}-${h}-${mi}-${s}-${uuid}`;
}
