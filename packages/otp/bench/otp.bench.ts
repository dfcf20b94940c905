/**
 * TOTP/HOTP/URI throughput of @mfa-companion/otp against the `otpauth` package (its Node build,
 * which uses node:crypto, and its browser build, which bundles @noble/hashes — the one an
 * extension would ship) and a WebCrypto implementation, all measured in this same run.
 * Needs the built dist/ (the `bench` script builds first). Run: pnpm --dir packages/otp bench
 */

import type { webcrypto } from 'node:crypto';
import { formatOtpauthUri, hotp, parseOtpauthUri, totp } from '@mfa-companion/otp';
import * as OTPAuthNode from 'otpauth';
import * as OTPAuthBrowser from 'otpauth/dist/otpauth.esm.js';
import { Bench } from 'tinybench';

type Algorithm = 'SHA1' | 'SHA256' | 'SHA512';

const ALGORITHMS: Algorithm[] = ['SHA1', 'SHA256', 'SHA512'];
/** RFC 6238 Appendix B seeds: one per hash, sized to its output. */
const SEEDS: Record<Algorithm, Uint8Array> = {
  SHA1: new TextEncoder().encode('12345678901234567890'),
  SHA256: new TextEncoder().encode('12345678901234567890123456789012'),
  SHA512: new TextEncoder().encode('1234567890123456789012345678901234567890123456789012345678901234'),
};
const WEBCRYPTO_HASH: Record<Algorithm, string> = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' };
const START_MS = 1_700_000_000_000;

/** Each call moves to the next 30 s step, so no implementation can return a memoized code. */
let step = 0;
const nextTime = (): number => START_MS + (step++ % 100_000) * 30_000;

/** The usual WebCrypto TOTP: key imported once, one async HMAC per code. */
async function webCryptoTotp(key: webcrypto.CryptoKey, timeMs: number): Promise<string> {
  const counter = Math.floor(timeMs / 30_000);
  const message = new Uint8Array(8);
  new DataView(message.buffer).setUint32(0, Math.floor(counter / 2 ** 32));
  new DataView(message.buffer).setUint32(4, counter >>> 0);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary = new DataView(mac.buffer).getUint32(offset) & 0x7fffffff;
  return (binary % 1_000_000).toString().padStart(6, '0');
}

function secretFor(library: typeof OTPAuthNode, seed: Uint8Array): InstanceType<typeof OTPAuthNode.Secret> {
  return new library.Secret({ buffer: seed.slice().buffer });
}

interface Row {
  group: string;
  name: string;
  hz: number;
}

const TASK_TIME_MS = 400;
const bench = new Bench({ time: TASK_TIME_MS, warmupTime: 100 });
const groups = new Map<string, string[]>();
function add(group: string, name: string, fn: () => unknown): void {
  const id = `${group} | ${name}`;
  bench.add(id, fn);
  groups.set(group, [...(groups.get(group) ?? []), id]);
}

for (const algorithm of ALGORITHMS) {
  const seed = SEEDS[algorithm];
  const group = `TOTP ${algorithm}`;
  const nodeTotp = new OTPAuthNode.TOTP({ secret: secretFor(OTPAuthNode, seed), algorithm });
  const browserTotp = new OTPAuthBrowser.TOTP({ secret: secretFor(OTPAuthBrowser, seed), algorithm });
  const key = await crypto.subtle.importKey('raw', seed, { name: 'HMAC', hash: WEBCRYPTO_HASH[algorithm] }, false, [
    'sign',
  ]);
  // All four must agree before their speed means anything.
  const probe = { ours: totp({ secret: seed, time: START_MS, algorithm }), web: await webCryptoTotp(key, START_MS) };
  const peers = [nodeTotp.generate({ timestamp: START_MS }), browserTotp.generate({ timestamp: START_MS })];
  if (peers.some((code) => code !== probe.ours) || probe.web !== probe.ours) {
    throw new Error(`Implementations disagree for ${algorithm}: ${JSON.stringify({ probe, peers })}`);
  }
  add(group, '@mfa-companion/otp', () => totp({ secret: seed, time: nextTime(), algorithm }));
  add(group, 'otpauth (Node build, node:crypto)', () => nodeTotp.generate({ timestamp: nextTime() }));
  add(group, 'otpauth (browser build, noble)', () => browserTotp.generate({ timestamp: nextTime() }));
  add(group, 'WebCrypto (async, key reused)', () => webCryptoTotp(key, nextTime()));
}

{
  const seed = SEEDS.SHA1;
  const nodeHotp = new OTPAuthNode.HOTP({ secret: secretFor(OTPAuthNode, seed) });
  const browserHotp = new OTPAuthBrowser.HOTP({ secret: secretFor(OTPAuthBrowser, seed) });
  let counter = 0;
  add('HOTP SHA1', '@mfa-companion/otp', () => hotp({ secret: seed, counter: counter++ }));
  add('HOTP SHA1', 'otpauth (Node build, node:crypto)', () => nodeHotp.generate({ counter: counter++ }));
  add('HOTP SHA1', 'otpauth (browser build, noble)', () => browserHotp.generate({ counter: counter++ }));
}

{
  const uri = formatOtpauthUri({
    type: 'totp',
    issuer: 'ACME Co',
    account: 'john.doe@example.com',
    secret: SEEDS.SHA1,
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
  });
  add('parse otpauth URI', '@mfa-companion/otp', () => parseOtpauthUri(uri));
  add('parse otpauth URI', 'otpauth (Node build) URI.parse', () => OTPAuthNode.URI.parse(uri));
  add('parse otpauth URI', 'otpauth (browser build) URI.parse', () => OTPAuthBrowser.URI.parse(uri));
}

await bench.run();

const rows: Row[] = [];
for (const task of bench.tasks) {
  const result = task.result;
  if (result.state !== 'completed') throw new Error(`${task.name} did not complete: ${result.state}`);
  const [group = '', name = ''] = task.name.split(' | ');
  rows.push({ group, name, hz: result.throughput.mean });
}

const format = (hz: number): string => Math.round(hz).toLocaleString('en-US');
const header = ['benchmark', 'implementation', 'ops/s', 'ours ÷ this'];
const table: string[][] = [];
const ratios: string[] = [];
for (const group of groups.keys()) {
  const members = rows.filter((row) => row.group === group);
  const ours = members.find((row) => row.name === '@mfa-companion/otp');
  if (!ours) continue;
  for (const row of members) {
    table.push([group, row.name, format(row.hz), row === ours ? '—' : `${(ours.hz / row.hz).toFixed(2)}×`]);
  }
  const ratioTo = (prefix: string): string => {
    const peer = members.find((row) => row.name.startsWith(prefix));
    return peer ? `${(ours.hz / peer.hz).toFixed(2)}×` : 'n/a';
  };
  ratios.push(
    `${group.padEnd(18)} ${ratioTo('otpauth (Node build').padStart(7)} vs otpauth (default Node import)   ` +
      `${ratioTo('otpauth (browser build').padStart(7)} vs otpauth browser build`,
  );
}
const widths = header.map((title, column) =>
  Math.max(title.length, ...table.map((cells) => (cells[column] ?? '').length)),
);
const line = (cells: string[]): string =>
  cells
    .map((cell, column) => (column >= 2 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
    .join('  ');
console.log(`\n@mfa-companion/otp benchmark — Node ${process.version}, same run, ${TASK_TIME_MS} ms per task\n`);
console.log(line(header));
console.log(widths.map((width) => '-'.repeat(width)).join('  '));
let previous = '';
for (const cells of table) {
  if (previous && cells[0] !== previous) console.log('');
  previous = cells[0] ?? '';
  console.log(line(cells));
}
console.log('\nours ÷ otpauth, same run (target ≥ 3×):');
for (const ratio of ratios) console.log(`  ${ratio}`);
