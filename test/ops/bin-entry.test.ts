import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, srm } from "../support/srm-process.js";

/**
 * A copy of the bin entry beside a stand-in build and stand-in sources that each say which one ran, so
 * the choice bin/srm.js makes is seen without a full build. `sources` is how many seconds newer the
 * sources are than the build (negative: older), or null for a built install without src/.
 */
function layout(o: { sources: number | null; tsx: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), "srm-bin-"));
  cpSync(join(ROOT, "bin", "srm.js"), join(dir, "bin", "srm.js"));
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  mkdirSync(join(dir, "dist", "src"), { recursive: true });
  const built = join(dir, "dist", "src", "cli.js");
  writeFileSync(
    built,
    'export async function runCli() { process.stdout.write("ran the build\\n"); return 0; }\n',
  );
  const now = Date.now() / 1000;
  utimesSync(built, now, now);
  if (o.sources !== null) {
    mkdirSync(join(dir, "src"));
    const source = join(dir, "src", "cli.ts");
    writeFileSync(
      source,
      'export async function runCli(): Promise<number> { process.stdout.write("ran the sources\\n"); return 0; }\n',
    );
    utimesSync(source, now + o.sources, now + o.sources);
  }
  if (o.tsx) symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

async function run(dir: string) {
  return srm(["help"], { cwd: dir, bin: join(dir, "bin", "srm.js") });
}

describe("the srm command (bin/srm.js)", () => {
  it("runs the compiled build when it is newer than the sources, as after npm run build", async () => {
    const r = await run(layout({ sources: -60, tsx: true }));
    expect(r.err).toBe("");
    expect(r.out).toBe("ran the build\n");
  });

  it("runs the sources through tsx when they were edited after the build", async () => {
    const r = await run(layout({ sources: 60, tsx: true }));
    expect(r.err).toBe("");
    expect(r.out).toBe("ran the sources\n");
  });

  it("a built install with no sources and no tsx installed runs the build", async () => {
    const r = await run(layout({ sources: null, tsx: false }));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toBe("ran the build\n");
  });

  it("a stale build without tsx says to rebuild instead of crashing", async () => {
    const r = await run(layout({ sources: 60, tsx: false }));
    expect(r.code).toBe(1);
    expect(r.err).toContain("Run npm run build");
  });

  it("tsx is a development dependency, so npm ci --omit=dev leaves it out of the image", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
    expect(Object.keys(pkg.dependencies)).not.toContain("tsx");
    expect(pkg.devDependencies.tsx).toBeDefined();
    expect(lock.packages[""].dependencies).toEqual(pkg.dependencies);
    expect(lock.packages[""].devDependencies).toEqual(pkg.devDependencies);
    expect(lock.packages["node_modules/tsx"].dev).toBe(true);
    expect(lock.packages["node_modules/esbuild"].dev).toBe(true);
  });
});
