// What resolving a flag costs: fixing the key of, then voiding, a revealed round with 1,000 answers, in a
// workspace whose history holds 1 / 10 / 30 such rounds. Each resolution grades the round again, rescores the
// whole workspace from its answers, rates again (fix) or takes back (void) the answerers' memory-card
// reviews, and tells the channel; afterwards `srm db verify`'s recomputation must
// find no difference. Rounds are played through the engine (1,000 button presses each) on a SQLite file.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEXT_SYNTAX } from "../src/commands/index.js";
import { loadConfig } from "../src/config.js";
import { buildApp, loadContent } from "../src/main.js";
import type { Actor, Announcer, Logger } from "../src/ports.js";
import { scoreDifferences } from "../src/store/recompute.js";
import { renderPlain } from "../src/views/plain.js";
import { machineLine } from "./support/machine.js";

const HISTORY = [1, 10, 30];
const PER_ROUND = 1_000;

const content = loadContent(loadConfig({}).contentDir);
const announcer: Announcer = {
  async post() {
    return { ref: "m" };
  },
  async update() {},
};
const quiet: Logger = { info() {}, warn() {}, error() {} };
const person = (id: string, admin = false): Actor => ({
  platform: "slack",
  workspaceId: "W",
  userId: id,
  displayName: id,
  platformAdmin: admin,
});
const admin = person("admin", true);
const channel = { platform: "slack" as const, workspaceId: "W", channelId: "C" };

console.log(machineLine());
console.log("rounds of 1,000 answers | key fix ms | void ms | verify differences");
for (const rounds of HISTORY) {
  const dir = mkdtempSync(join(tmpdir(), "srm-bench-flags-"));
  let minute = 0;
  const clock = { now: () => new Date(Date.UTC(2026, 2, 2, 9, minute)) };
  const app = buildApp(loadConfig({ SRM_DB: join(dir, "srm.db") }), {
    announcer,
    logger: quiet,
    clock,
    content,
  });
  let last = 0;
  for (let r = 0; r < rounds; r++) {
    await app.engine.handle({ text: "daily now", actor: admin, channel });
    const row = app.db.prepare("SELECT id, question_json FROM rounds WHERE status = 'open'").get() as {
      id: number;
      question_json: string;
    };
    const keys = (JSON.parse(row.question_json) as { choices: { key: string; correct: boolean }[] }).choices;
    const right = keys.find((c) => c.correct)?.key as string;
    const wrong = keys.find((c) => !c.correct)?.key as string;
    for (let i = 0; i < PER_ROUND; i++) {
      minute++;
      await app.engine.press(
        `answer:${row.id}:${(i * 7 + r) % 10 < 7 ? right : wrong}`,
        person(`p${i}`),
        channel,
      );
    }
    await app.engine.handle({ text: "reveal", actor: admin, channel });
    last = row.id;
  }
  const key = JSON.parse(
    (app.db.prepare("SELECT question_json FROM rounds WHERE id = ?").get(last) as { question_json: string })
      .question_json,
  ) as { choices: { key: string; correct: boolean }[] };
  const newKey = key.choices.find((c) => !c.correct)?.key as string;
  for (const p of ["p1", "p2", "p3"]) await app.flags.flag(person(p), String(last), "wrong-answer", null);
  let t = performance.now();
  const fixed = renderPlain(await app.flags.fixKey(admin, String(last), [newKey]), TEXT_SYNTAX);
  const fixMs = performance.now() - t;
  const afterFix = scoreDifferences(app.db).length;
  t = performance.now();
  const voided = renderPlain(await app.flags.voidQuestion(admin, String(last)), TEXT_SYNTAX);
  const voidMs = performance.now() - t;
  const afterVoid = scoreDifferences(app.db).length;
  if (!fixed.includes("Answer key fixed") || !voided.includes("Question voided"))
    throw new Error(fixed + voided);
  console.log(
    `${String(rounds).padStart(22)} | ${fixMs.toFixed(1).padStart(10)} | ${voidMs.toFixed(1).padStart(7)} | ${afterFix} after the fix, ${afterVoid} after the void`,
  );
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
