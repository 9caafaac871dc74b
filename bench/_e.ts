import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parsePayload } from '../src/decode/decodePayload.js';
const event = JSON.parse(readFileSync('bench/results/payload-max.json', 'utf8')) as {
  awslogs: { data: string };
};
const json = gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8');
const data = event.awslogs.data;
function t(name: string, f: () => unknown) {
  const xs: number[] = [];
  for (let i = 0; i < 25; i++) {
    const s = performance.now();
    f();
    xs.push(performance.now() - s);
  }
  xs.sort((a, b) => a - b);
  console.log(name, 'min', xs[0]?.toFixed(2), 'med', xs[12]?.toFixed(2));
}
for (let k = 0; k < 2; k++) {
  t('JSON.parse', () => JSON.parse(json));
  t('parsePayload', () => parsePayload(json));
  t('regex', () => /^[A-Za-z0-9+/]*={0,2}$/.test(data));
  t('roundtrip', () => Buffer.from(data, 'base64').toString('base64') === data);
}
