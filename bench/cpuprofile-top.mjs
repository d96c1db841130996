// Summarises a V8 .cpuprofile: the functions with the most self time, and the most inclusive
// time (a function and what it calls), as shares of the busy samples (idle left out).
//   node bench/cpuprofile-top.mjs FILE [count] [--under NAME]   (only stacks through function NAME)
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const under = argv.includes('--under') ? argv.splice(argv.indexOf('--under'), 2)[1] : undefined;
const [file, countText] = argv;
const count = Number(countText ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + 1);
const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
const total = profile.samples.filter((id) => !idle.has(id)).length;
for (const id of idle) self.delete(id);
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => {
  const f = n.callFrame;
  const where = f.url
    ? `${f.url.replace(/^.*\/(node_modules|work\/wt\/[^/]+)\//, '')}:${f.lineNumber + 1}`
    : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};
const through = (id) => {
  for (let at = id; at !== undefined; at = parent.get(at))
    if (byId.get(at).callFrame.functionName === under) return true;
  return false;
};
if (under) for (const id of [...self.keys()]) if (!through(id)) self.delete(id);
const selfBy = new Map();
const inclBy = new Map();
for (const [id, samples] of self) {
  const node = byId.get(id);
  selfBy.set(label(node), (selfBy.get(label(node)) ?? 0) + samples);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const l = label(byId.get(at));
    if (seen.has(l)) continue;
    seen.add(l);
    inclBy.set(l, (inclBy.get(l) ?? 0) + samples);
  }
}
const show = (title, map) => {
  console.log(`\n${title}`);
  for (const [l, s] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count))
    console.log(`${((100 * s) / total).toFixed(1).padStart(5)} %  ${l}`);
};
// self time by where the code lives: a workspace file, a dependency, or node itself
const fileBy = new Map();
for (const [id, samples] of self) {
  const f = byId.get(id).callFrame;
  const dep = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(f.url)?.[1];
  const own = /work\/wt\/[^/]+\/(.*)$/.exec(f.url)?.[1];
  const key = dep ?? own ?? (f.url.startsWith('node:') ? 'node:*' : f.functionName || '(native)');
  fileBy.set(key, (fileBy.get(key) ?? 0) + samples);
}
show('self by file or dependency', fileBy);
show('self', selfBy);
show('inclusive', inclBy);
