import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

function importsOf(path: string): string[] {
  return importsIn(readFileSync(path, "utf8"));
}

function importsIn(text: string): string[] {
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^;]*?from\s+["']([^"']+)["']/g)].map(
    (m) => m[1] as string,
  );
}

describe("the engine's dependency direction", () => {
  const engineFiles = sourceFiles(join(root, "src")).map((p) => relative(root, p));

  it("no file in src/ except main.ts imports a platform SDK or an adapter", () => {
    const offenders = engineFiles
      .filter((f) => f !== "src/main.ts")
      .flatMap((f) =>
        importsOf(join(root, f))
          .filter((i) => /^(@slack\/|discord\.js|@discordjs\/)/.test(i) || i.includes("adapters/"))
          .map((i) => `${f} imports ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it("node-cron is imported only under src/schedule/", () => {
    const offenders = [...engineFiles, ...sourceFiles(join(root, "adapters")).map((p) => relative(root, p))]
      .filter((f) => !f.startsWith("src/schedule/"))
      .filter((f) => importsOf(join(root, f)).includes("node-cron"));
    expect(offenders).toEqual([]);
  });

  it("process.env is read only in src/config.ts", () => {
    const files = [...engineFiles, ...sourceFiles(join(root, "adapters")).map((p) => relative(root, p))];
    const offenders = files.filter(
      (f) => f !== "src/config.ts" && readFileSync(join(root, f), "utf8").includes("process.env"),
    );
    expect(offenders).toEqual([]);
  });

  it("the boundary check itself sees an import of a platform SDK", () => {
    const text =
      'import type { X } from "./x.js";\nimport {\n  App,\n} from "@slack/bolt";\nexport const y = 1;';
    expect(importsIn(text)).toEqual(["./x.js", "@slack/bolt"]);
  });
});
