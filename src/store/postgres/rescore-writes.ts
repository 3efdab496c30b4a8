import type { PgDb } from "./db.js";

/** Rows written per statement: large workspaces go in a few round trips, each a bounded parameter size. */
const BATCH = 5_000;

/** A workspace's table the rescoring rewrites: its key besides platform and workspace, and its values. */
export interface RescoredTable {
  readonly name: "scores" | "streaks";
  readonly key: readonly [string, string];
  readonly values: readonly string[];
  /** PostgreSQL types of `values`, for unnest(). */
  readonly types: readonly string[];
}

/** Leaderboard rows by "period|user". */
export const SCORES: RescoredTable = {
  name: "scores",
  key: ["period", "user_id"],
  values: ["display_name", "points", "answered", "correct"],
  types: ["text", "integer", "integer", "integer"],
};

/** Streaks by "channel|user". */
export const STREAKS: RescoredTable = {
  name: "streaks",
  key: ["channel", "user_id"],
  values: ["current", "best", "last_round_id"],
  types: ["integer", "integer", "bigint"],
};

/**
 * Makes a workspace's rows of `table` equal `wanted` (values by "key1|key2"), writing only the rows that
 * differ and deleting those no longer wanted: after one round's key fix, most of a big workspace's rows are
 * already right, and rewriting them all held every replica's transactions for a minute at a million answers.
 */
export async function syncWorkspaceRows(
  db: PgDb,
  table: RescoredTable,
  platform: string,
  workspace: string,
  wanted: ReadonlyMap<string, readonly unknown[]>,
): Promise<void> {
  const [k1, k2] = table.key;
  const stored = await db.rows<Record<string, unknown>>(
    `SELECT ${[k1, k2, ...table.values].join(", ")} FROM ${table.name} WHERE platform = $1 AND workspace = $2`,
    [platform, workspace],
  );
  const left = new Map(stored.map((r) => [`${r[k1]}|${r[k2]}`, table.values.map((v) => r[v])]));
  const changed: unknown[][] = [];
  for (const [key, values] of wanted) {
    const was = left.get(key);
    left.delete(key);
    if (!was || was.some((v, i) => v !== values[i])) changed.push([...split(key), ...values]);
  }
  for (const batch of batches([...left.keys()].map(split)))
    await db.run(
      `DELETE FROM ${table.name} WHERE platform = $1 AND workspace = $2 AND (${k1}, ${k2}) IN (SELECT * FROM unnest($3::text[], $4::text[]))`,
      [platform, workspace, ...columns(batch, 2)],
    );
  const types = ["text", "text", ...table.types].map((t, i) => `$${i + 3}::${t}[]`).join(", ");
  const update = table.values.map((v) => `${v} = excluded.${v}`).join(", ");
  for (const batch of batches(changed))
    await db.run(
      `INSERT INTO ${table.name} (platform, workspace, ${[k1, k2, ...table.values].join(", ")}) ` +
        `SELECT $1, $2, v.* FROM unnest(${types}) AS v ON CONFLICT (platform, workspace, ${k1}, ${k2}) DO UPDATE SET ${update}`,
      [platform, workspace, ...columns(batch, 2 + table.values.length)],
    );
}

/** "a|b" as ["a", "b"] (the first part never holds a "|": a period or a channel id). */
function split(key: string): [string, string] {
  const cut = key.indexOf("|");
  return [key.slice(0, cut), key.slice(cut + 1)];
}

/** Rows in slices of at most `size` (BATCH unless told). */
export function* batches<T>(rows: readonly T[], size = BATCH): Generator<readonly T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** Rows turned into one array per column, for unnest(). */
export function columns(rows: readonly (readonly unknown[])[], width: number): unknown[][] {
  const out: unknown[][] = Array.from({ length: width }, () => []);
  for (const row of rows) for (let c = 0; c < width; c++) (out[c] as unknown[]).push(row[c]);
  return out;
}
