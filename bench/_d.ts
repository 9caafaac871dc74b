import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodePayload, inflatePayload, parsePayload, payloadData } from '../src/decode/decodePayload.js';
const event = JSON.parse(readFileSync('bench/results/payload-max.json', 'utf8')) as {
  awslogs: { data: string };
};
const data = event.awslogs.data;
const opts = { maxPayloadBytes: 1 << 30 };
function t(name: string, f: () => unknown) {
  const xs: number[] = [];
  for (let i = 0; i < 15; i++) {
    const s = performance.now();
    f();
    xs.push(performance.now() - s);
  }
  xs.sort((a, b) => a - b);
  console.log(name, xs[7]?.toFixed(2));
}
t('regex', () => /^[A-Za-z0-9+/]*={0,2}$/.test(data));
t('b64', () => Buffer.from(data, 'base64'));
const comp = Buffer.from(data, 'base64');
t('gunzip', () => gunzipSync(comp));
const raw = gunzipSync(comp);
t('toString', () => raw.toString('utf8'));
const json = raw.toString('utf8');
t('JSON.parse', () => JSON.parse(json));
t('parsePayload', () => parsePayload(json));
t('inflate', () => inflatePayload(payloadData(event), opts));
t('decode', () => decodePayload(event, opts));
t('floor', () => JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8')));
