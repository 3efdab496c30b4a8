// Prints where a V8 CPU profile (.cpuprofile, from `node --cpu-prof` or SRM_BENCH_CPU_PROF) spent its time:
// the functions with the most self time, and the most inclusive time, as shares of the whole.
//   node --import tsx bench/support/profile-top.ts <file.cpuprofile> [rows] [only lines containing]
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children?: number[];
}
interface Profile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

const [file, rowsArg, only] = process.argv.slice(2);
if (!file) {
  console.error("usage: profile-top.ts <file.cpuprofile> [rows] [filter]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const rows = Number(rowsArg ?? 30);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const nameOf = (n: ProfileNode) =>
  `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url
    .replace(/^.*node_modules\//, "")
    .replace(/^file:\/\/.*?\/(src|adapters|bench|test)\//, "$1/")}:${n.callFrame.lineNumber + 1}`;

const timeAt = new Map<number, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  timeAt.set(id, (timeAt.get(id) ?? 0) + dt);
  total += dt;
});
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, t] of timeAt) {
  const leaf = byId.get(id);
  if (!leaf) continue;
  self.set(nameOf(leaf), (self.get(nameOf(leaf)) ?? 0) + t);
  // A function counts once per sample however deep its recursion.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const node = byId.get(at);
    if (!node) break;
    const name = nameOf(node);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + t);
  }
}
const show = (title: string, m: Map<string, number>) => {
  console.log(`${title}:`);
  const top = [...m]
    .filter(([name]) => !only || name.includes(only))
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows);
  for (const [name, t] of top) console.log(`  ${((100 * t) / total).toFixed(1).padStart(5)}%  ${name}`);
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
show("self time", self);
show("inclusive time", inclusive);
