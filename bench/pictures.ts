// Pictures: how long (wall clock, and CPU time, which a busy machine inflates less) one stack and one comparison take from SVG to PNG (uncached), and their sizes.
import { loadConfig } from "../src/config.js";
import { loadMatrix } from "../src/knowledge/load-matrix.js";
import { PictureRenderer } from "../src/pictures/render.js";
import { comparePicture, stackLayers, stackPicture } from "../src/pictures/stack.js";
import { header } from "./support/machine.js";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}

const matrix = loadMatrix(loadConfig({}).contentDir);
const pick = (ids: string[]) => ids.map((id) => matrix.service(id)).filter((s) => s !== undefined);
const cases = [
  {
    name: "stack of one service",
    svg: () => {
      const rds = pick(["rds"])[0] ?? (matrix.services[0] as (typeof matrix.services)[number]);
      return stackPicture(rds, stackLayers(matrix, rds)).svg;
    },
  },
  { name: "compare of 3 services", svg: () => comparePicture(matrix, pick(["ec2", "rds", "lambda"])).svg },
  {
    name: "compare of 5 services",
    svg: () => comparePicture(matrix, pick(["ec2", "rds", "lambda", "ecs-fargate", "s3"])).svg,
  },
];
header("Pictures rendered in the process (resvg, DejaVu Sans), each render uncached");
for (const c of cases) {
  const svg = c.svg();
  const times: number[] = [];
  const cpu: number[] = [];
  let png = new PictureRenderer().png(svg);
  for (let i = 0; i < 40; i++) {
    // A fresh renderer each time, so the figure is a real render, not a cache hit.
    const renderer = new PictureRenderer();
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    png = renderer.png(svg);
    const used = process.cpuUsage(c0);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(
    "  %s: p50 %s ms, p99 %s ms (target < 50 ms), CPU p50 %s ms; %s×%s px, %s bytes",
    c.name.padEnd(22),
    percentile(times, 0.5).toFixed(1),
    percentile(times, 0.99).toFixed(1),
    percentile(cpu, 0.5).toFixed(1),
    png.width,
    png.height,
    png.bytes.length.toLocaleString("en"),
  );
}
const cached = new PictureRenderer();
const svg = cases[0]?.svg() ?? "";
cached.png(svg);
const t0 = process.hrtime.bigint();
for (let i = 0; i < 10_000; i++) cached.png(svg);
console.log(
  "  cached stack (same content): %s µs",
  (Number(process.hrtime.bigint() - t0) / 1e3 / 10_000).toFixed(2),
);
