import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
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

/** A layer of the engine, by the folder a file lives in; files outside these folders have no layer rule. */
type Layer = "domain" | "views" | "store" | "ports" | "use case" | "caller";

function layerOf(file: string): Layer | null {
  if (file.startsWith("src/domain/")) return "domain";
  if (file.startsWith("src/views/")) return "views";
  if (file.startsWith("src/store/")) return "store";
  if (file === "src/ports.ts" || file.startsWith("src/ports/")) return "ports";
  if (/^src\/(quiz|practice)\//.test(file)) return "use case";
  // A command's reply and a scheduled post are where a use case's result becomes a card.
  if (/^src\/(commands|schedule)\//.test(file)) return "caller";
  return null;
}

/** What each layer may import from src/: only the layers listed, or anything but those listed. */
const RULES: Record<Layer, { only: readonly Layer[] } | { not: readonly Layer[] }> = {
  domain: { only: ["domain"] },
  views: { only: ["domain", "views"] },
  store: { only: ["domain", "ports", "store"] },
  ports: { only: ["domain", "ports", "views"] },
  "use case": { not: ["store", "views"] },
  caller: { not: ["store"] },
};

/**
 * Imports that break a layer rule today, each with why it is left: the list may only shrink (a listed import
 * that is gone fails the test too, so it is taken off).
 */
const EXCEPTIONS: readonly { from: string; to: string; why: string }[] = [
  {
    from: "src/practice/practice.ts",
    to: "src/views/card.ts",
    why: "Practice is the practice commands' reply builder; it moves under src/commands/ with the command registry",
  },
  {
    from: "src/practice/practice.ts",
    to: "src/views/messages.ts",
    why: "Practice is the practice commands' reply builder; it moves under src/commands/ with the command registry",
  },
  {
    from: "src/practice/practice.ts",
    to: "src/views/practice-view.ts",
    why: "Practice is the practice commands' reply builder; it moves under src/commands/ with the command registry",
  },
  {
    from: "src/practice/practice.ts",
    to: "src/views/round-view.ts",
    why: "Practice is the practice commands' reply builder; it moves under src/commands/ with the command registry",
  },
  {
    from: "src/quiz/duty-picks.ts",
    to: "src/views/card.ts",
    why: "a duty pick answers with a card; it becomes a pick result that the command renders with the registry",
  },
  {
    from: "src/quiz/duty-picks.ts",
    to: "src/views/picks-view.ts",
    why: "a duty pick answers with a card; it becomes a pick result that the command renders with the registry",
  },
];

/** The repository path a relative import of `file` names (".js" read as the ".ts" file), or null for a package. */
function resolveImport(file: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  return join(dirname(file), spec).replace(/\.js$/, ".ts");
}

/** Every import of a layered file that its layer's rule forbids, as "from -> to". */
function layerOffenders(files: readonly { path: string; imports: readonly string[] }[]): string[] {
  return files.flatMap(({ path, imports }) => {
    const layer = layerOf(path);
    if (!layer) return [];
    const rule = RULES[layer];
    return imports.flatMap((spec) => {
      const target = resolveImport(path, spec);
      if (!target?.startsWith("src/")) return [];
      const to = layerOf(target);
      const ok = "only" in rule ? to !== null && rule.only.includes(to) : !(to && rule.not.includes(to));
      return ok ? [] : [`${path} -> ${target}`];
    });
  });
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

  it("each layer imports only what its rule allows: domain nothing, views the domain, the store the domain and ports, use cases no store and no views", () => {
    const files = engineFiles.map((path) => ({ path, imports: importsOf(join(root, path)) }));
    const offenders = layerOffenders(files);
    const excused = new Set(EXCEPTIONS.map((e) => `${e.from} -> ${e.to}`));
    expect(offenders.filter((o) => !excused.has(o))).toEqual([]);
    expect([...excused].filter((e) => !offenders.includes(e))).toEqual([]);
  });

  it("in src/, only the composition roots (main.ts, app.ts and the CLI's files) import a store", () => {
    const roots = new Set([
      "src/main.ts",
      "src/app.ts",
      "src/cli.ts",
      "src/cli-postgres.ts",
      "src/cli-workspace.ts",
    ]);
    const offenders = engineFiles
      .filter((f) => !f.startsWith("src/store/") && !roots.has(f))
      .flatMap((f) =>
        importsOf(join(root, f))
          .map((i) => resolveImport(f, i))
          .filter((t) => t?.startsWith("src/store/"))
          .map((t) => `${f} imports ${t}`),
      );
    expect(offenders).toEqual([]);
  });

  it("the shapes SQL returns and their mappers (src/store/round-rows.ts) are imported only inside src/store/", () => {
    const everyFile = ["src", "adapters", "test", "bench"].flatMap((d) =>
      sourceFiles(join(root, d)).map((p) => relative(root, p)),
    );
    const offenders = everyFile
      .filter((f) => !f.startsWith("src/store/"))
      .filter((f) => importsOf(join(root, f)).some((i) => resolveImport(f, i) === "src/store/round-rows.ts"));
    expect(offenders).toEqual([]);
  });

  it("the layer check itself sees a domain file importing the store and a use case importing a SQLite class", () => {
    expect(
      layerOffenders([
        { path: "src/domain/round.ts", imports: ["./channel.js", "../store/round-rows.js"] },
        { path: "src/views/round-view.ts", imports: ["../domain/round.js", "../quiz/rounds.js"] },
        { path: "src/quiz/rounds.ts", imports: ["../ports/round-store.js", "../store/round-store.js"] },
        { path: "src/store/round-store.ts", imports: ["../ports/round-store.js", "node:fs"] },
      ]),
    ).toEqual([
      "src/domain/round.ts -> src/store/round-rows.ts",
      "src/views/round-view.ts -> src/quiz/rounds.ts",
      "src/quiz/rounds.ts -> src/store/round-store.ts",
    ]);
  });

  it("the boundary check itself sees an import of a platform SDK", () => {
    const text =
      'import type { X } from "./x.js";\nimport {\n  App,\n} from "@slack/bolt";\nexport const y = 1;';
    expect(importsIn(text)).toEqual(["./x.js", "@slack/bolt"]);
  });
});
