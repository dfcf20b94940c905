// Parse + evaluate a 1,000-user list (target ≤ 20 ms), next to a naive fixed-column split measured in the same run.
import { Bench } from 'tinybench';
import { evaluateNmcUsers, parseNmcUserList } from '../src/index.ts';

const TYPES = ['Administrator', 'Device User', 'Read-Only User', 'Network-Only User'];
const rows = Array.from({ length: 1_000 }, (_, index) => {
  const type = index === 0 ? 'Super User' : (TYPES[index % TYPES.length] ?? 'Administrator');
  // Every e-mail set, so the whole list must be walked and the verdict is at-risk: the worst case.
  return `user${index}\t${type}\t${index % 7 === 0 ? 'Disabled' : 'Enabled'}\tuser${index}@example.com`;
});
const text = ['User Name\tUser Type\tStatus\tE-mail Address', ...rows].join('\n');

/** What a quick script would do: trust the column order, split on tabs, look for an empty last cell. */
function naiveCheck(input: string): boolean {
  const lines = input.split('\n').slice(1);
  return lines.some((line) => {
    const [, type, status, email] = line.split('\t');
    return (type === 'Super User' || type === 'Administrator') && status === 'Enabled' && email === '';
  });
}

const verdict = evaluateNmcUsers({ mfaEnabled: true, users: parseNmcUserList(text) });
if (verdict.status !== 'at-risk' || naiveCheck(text))
  throw new Error('benchmark input does not give the expected verdict');

const bench = new Bench({ time: 1_000, warmup: true });
bench
  .add('@mfa-companion/policy parse + evaluate (1,000 rows)', () => {
    evaluateNmcUsers({ mfaEnabled: true, users: parseNmcUserList(text) });
  })
  .add('naive fixed-column split (peer)', () => {
    naiveCheck(text);
  });
await bench.run();

const [ours, peer] = bench.tasks.map((task) => {
  const result = task.result;
  if (result === undefined || !('latency' in result)) throw new Error(`${task.name} did not complete`);
  return { name: task.name, mean: result.latency.mean, p99: result.latency.p99 ?? result.latency.mean };
});
if (ours === undefined || peer === undefined) throw new Error('benchmark tasks missing');
for (const task of [ours, peer]) {
  console.log(`${task.name.padEnd(52)} mean ${task.mean.toFixed(3)} ms   p99 ${task.p99.toFixed(3)} ms`);
}
console.log(`ratio (policy / naive): ${(ours.mean / peer.mean).toFixed(1)}×  — target: policy mean ≤ 20 ms`);
console.log(ours.mean <= 20 ? 'within target' : 'OVER TARGET');
