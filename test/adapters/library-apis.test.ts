import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

/** Lines of the adapters matching `pattern`, as "file: line". */
function linesMatching(pattern: RegExp): string[] {
  return sourceFiles(join(root, "adapters")).flatMap((path) =>
    readFileSync(path, "utf8")
      .split("\n")
      .filter((line) => pattern.test(line))
      .map((line) => `${relative(root, path)}: ${line.trim()}`),
  );
}

describe("the adapters use the libraries' public APIs", () => {
  it("no adapter posts to Discord's interaction callback route by hand", () => {
    expect(linesMatching(/Routes\.interactionCallback|\/callback["'`]/)).toEqual([]);
  });

  it("no adapter writes discord.js's interaction state (replied, deferred, ephemeral)", () => {
    expect(linesMatching(/\.(replied|deferred|ephemeral)\s*=[^=]/)).toEqual([]);
  });

  it("no adapter keeps renderings keyed on object identity", () => {
    expect(linesMatching(/\bWeakMap\b/)).toEqual([]);
  });
});
