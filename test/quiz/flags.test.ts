import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { loadConfig } from "../../src/config.js";
import { scoreDifferences } from "../../src/store/recompute.js";
import type { Reply } from "../../src/views/card.js";
import { renderCard, renderPlain } from "../../src/views/plain.js";
import { intervalDays, storedCard } from "../practice/support.js";
import { memoryApp, sink } from "../support/app.js";
import { letters, member, openRoundId, playRound, say } from "../support/people.js";

const admin = member("admin", { admin: true });
const [ann, bob, cy] = [member("ann"), member("bob"), member("cy")];

type TestApp = ReturnType<typeof memoryApp>;

const text = async (r: Reply | Promise<Reply>) => renderPlain(await r, TEXT_SYNTAX);

function questionOf(app: TestApp, roundId: number): string {
  return (
    app.db.prepare("SELECT question_id FROM rounds WHERE id = ?").get(roundId) as { question_id: string }
  ).question_id;
}

async function cli(args: string[], env: Record<string, string>) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env, cwd: tmpdir() });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe("flagging a question", () => {
  it("a reveal and a private result carry Flag; a reason thanks the person privately, once per question", async () => {
    const app = memoryApp();
    const id = await playRound(app, ["ann"], ["bob"]);
    const reveal = app.announcer.last()?.card;
    expect(reveal?.actions?.map((a) => a.id)).toContain(`flag:${id}`);
    const offered = renderPlain(await app.engine.press(`flag:${id}`, ann), TEXT_SYNTAX);
    expect(offered).toContain("What is wrong with this question?");
    expect(offered).toContain("More than one right answer");
    const thanked = await app.engine.press(`flag:${id}:wrong-answer`, ann);
    expect(thanked.visibility).toBe("private");
    expect(renderPlain(thanked, TEXT_SYNTAX)).toContain("Thank you: your flag is noted");
    expect(await text(app.flags.flag(ann, String(id), "typo", "again"))).toContain(
      "You flagged this question already",
    );
    // The comment is stored for admins, and never logged.
    expect(await text(app.flags.flag(bob, String(id), "ambiguous", "B and C both fit"))).toContain(
      "Thank you",
    );
    expect(JSON.stringify(app.logger.lines)).not.toContain("B and C both fit");
    await say(app, cy, "quiz");
    const quiz = app.db.prepare("SELECT id FROM rounds WHERE kind = 'private' AND player = 'cy'").get() as {
      id: number;
    };
    const result = await app.engine.press(`idk:${quiz.id}`, cy);
    expect(result.cards[0]?.actions?.map((a) => a.id)).toContain(`flag:${quiz.id}`);
    expect(await text(app.flags.flag(ann, String(quiz.id), "typo", null))).toContain(
      `There is no round "${quiz.id}" you were asked`,
    );
  });

  it("refuses an unknown reason, a round still open, and a comment too long, with what to do", async () => {
    const app = memoryApp();
    await say(app, admin, "daily now");
    const id = openRoundId(app);
    expect(await text(app.flags.flag(ann, String(id), "typo", null))).toContain(
      "That question is still open",
    );
    await say(app, admin, "reveal");
    expect(await text(app.flags.flag(ann, String(id), "boring", null))).toContain('"boring" is not a reason');
    expect(await text(app.flags.flag(ann, String(id), "typo", "x".repeat(501)))).toContain("too long");
    expect(await text(app.flags.flag(ann, "99999", "typo", null))).toContain('There is no round "99999"');
  });

  it("three people's flags hold a question out of rotation until an admin resolves them", async () => {
    const app = memoryApp();
    await say(app, admin, "daily now");
    const first = openRoundId(app);
    const flagged = questionOf(app, first);
    // A withdrawn question would be asked again next (see void.test.ts), unless it is held out.
    await say(app, admin, "void");
    for (const who of [ann, bob, cy]) await app.flags.flag(who, String(first), "wrong-answer", null);
    await say(app, admin, "daily now");
    const second = openRoundId(app);
    expect(questionOf(app, second)).not.toBe(flagged);
    expect(await text(app.flags.list(admin))).toContain("out of rotation until resolved");
    expect(await text(app.flags.dismiss(admin, flagged))).toContain("3 open flags on");
    await say(app, admin, "void");
    await say(app, admin, "daily now");
    expect(questionOf(app, openRoundId(app))).toBe(flagged);
  });

  it("admins see each question's reasons, counts and comments; members are refused", async () => {
    const app = memoryApp();
    const id = await playRound(app, ["ann"], ["bob"]);
    await app.flags.flag(ann, String(id), "wrong-answer", null);
    await app.flags.flag(bob, String(id), "wrong-answer", "the key says B but C is right");
    await app.flags.flag(cy, String(id), "typo", null);
    const list = await text(app.flags.list(admin));
    expect(list).toContain(`${questionOf(app, id)} · 3 flags`);
    expect(list).toContain("wrong answer (2), typo (1)");
    expect(list).toContain('Comment: "the key says B but C is right"');
    expect(list).toContain(`/srm flags fix ${id} <letters>`);
    // Through the engine, as a member types them: the registry checks admin rights.
    expect(await say(app, ann, "flags")).toContain("Only admins can run flags");
    expect(await say(app, ann, `flags dismiss ${questionOf(app, id)}`)).toContain("Only admins");
    expect(await say(app, admin, "flags")).toContain("wrong answer (2), typo (1)");
  });
});

describe("resolving flags", () => {
  it("fixing a round's key grades its answers again, recomputes the scores and tells the channel", async () => {
    const app = memoryApp();
    const id = await playRound(app, ["ann"], ["bob"]);
    const { right, wrong } = letters(app, id);
    const qid = questionOf(app, id);
    expect(storedCard(app, bob, qid)?.lastRating).toBe(1);
    await app.flags.flag(bob, String(id), "wrong-answer", null);
    const reply = await text(app.flags.fixKey(admin, String(id), [wrong]));
    // The memory cards follow the corrected key: bob's answer is now a recall, ann's a miss.
    expect(storedCard(app, bob, qid)?.lastRating).toBe(3);
    expect(storedCard(app, ann, qid)?.lastRating).toBe(1);
    expect(intervalDays(storedCard(app, bob, qid))).toBeGreaterThan(1);
    expect(reply).toContain("Answer key fixed");
    expect(reply).toContain("2 of 2 answers changed");
    expect(app.announcer.last()?.card.title).toBe(`Answer corrected for round ${id}`);
    expect(
      renderCard(app.announcer.last()?.card ?? { accent: "neutral", title: "", sections: [] }, TEXT_SYNTAX),
    ).toContain(`it is ${wrong}.`);
    const board = await say(app, ann, "leaderboard all");
    expect(board).toMatch(/bob\s+10/);
    expect(board).not.toMatch(/ann\s+10/);
    expect(scoreDifferences(app.db)).toEqual([]);
    expect(await text(app.flags.list(admin))).toContain("No open flags");
    expect(await text(app.flags.fixKey(admin, String(id), [wrong]))).toContain("That is the key already");
    expect(await text(app.flags.fixKey(admin, String(id), ["Z"]))).toContain('"Z" is not a key');
    expect(right).not.toBe(wrong);
  });

  it("voiding a revealed question removes its points for everyone and tells the channel", async () => {
    const app = memoryApp();
    await playRound(app, ["ann"], []);
    const id = await playRound(app, ["ann", "bob"], ["cy"]);
    await app.flags.flag(cy, String(id), "ambiguous", null);
    const qid = questionOf(app, id);
    expect(storedCard(app, cy, qid)?.lastRating).toBe(1);
    const reply = await text(app.flags.voidQuestion(admin, String(id)));
    // The reviews the voided question made are taken back: cy has no miss of it left to review.
    expect(storedCard(app, cy, qid)).toBeNull();
    expect(await say(app, cy, "review")).toContain("No misses left");
    expect(reply).toContain("its points were removed for all 3 who answered");
    expect(app.announcer.last()?.card.title).toBe(`Round ${id}'s question was voided`);
    const board = await say(app, ann, "leaderboard all");
    expect(board).toMatch(/ann\s+10/);
    expect(board).not.toContain("bob");
    expect(scoreDifferences(app.db)).toEqual([]);
    expect(await text(app.flags.voidQuestion(admin, String(id)))).toContain(
      "is not a revealed question of the day",
    );
  });
});

describe("a resolution on a round with 1,000 answers", () => {
  it("leaves srm db verify finding no difference after a key fix, a void, and the reveals that follow", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "srm-flags-")), "srm.db");
    const app = memoryApp({ SRM_DB: path });
    const people = Array.from({ length: 1000 }, (_, i) => `p${i}`);
    await playRound(app, people.slice(0, 400), people.slice(400, 500));
    const big = await playRound(app, people.slice(0, 700), people.slice(700));
    expect(app.db.prepare("SELECT COUNT(*) AS n FROM answers WHERE round_id = ?").get(big)).toEqual({
      n: 1000,
    });
    const { wrong } = letters(app, big);
    for (const who of ["p1", "p2", "p3"])
      await app.flags.flag(member(who), String(big), "wrong-answer", null);
    expect(await text(app.flags.fixKey(admin, String(big), [wrong]))).toContain(
      "1000 of 1000 answers changed",
    );
    const verify = () => cli(["db", "verify"], { SRM_DB: path });
    expect((await verify()).out).toContain("every score equals a recomputation");
    // Streaks stored by the rescore carry into the next reveal exactly as a recomputation does.
    await playRound(app, people.slice(700, 900), people.slice(0, 50));
    expect((await verify()).code).toBe(0);
    expect(await text(app.flags.voidQuestion(admin, String(big)))).toContain("removed for all 1000");
    await playRound(app, people.slice(0, 300), []);
    const after = await verify();
    expect(after.err).toBe("");
    expect(after.code).toBe(0);
    await app.close();
  });
});

describe("srm questions flags", () => {
  it("prints every open flag as file:line: reason (count), where the question is written", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "srm-flags-")), "srm.db");
    const app = memoryApp({ SRM_DB: path });
    const id = await playRound(app, ["ann"], ["bob"]);
    await app.flags.flag(ann, String(id), "wrong-answer", null);
    await app.flags.flag(bob, String(id), "wrong-answer", null);
    await app.flags.flag(cy, String(id), "typo", null);
    await app.close();
    const r = await cli(["questions", "flags"], { SRM_DB: path });
    expect(r.code).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines).toHaveLength(2);
    const m = /^(questions\/[\w/.-]+):(\d+): wrong answer \(2\)$/.exec(lines[0] ?? "");
    if (!m) throw new Error(`not file:line: ${lines[0]}`);
    const file = join(loadConfig({}).contentDir, (m[1] as string).replace(/^questions\//, ""));
    const line = readFileSync(file, "utf8").split("\n")[Number(m[2]) - 1] ?? "";
    const qid = questionOf(memoryApp({ SRM_DB: path }), id);
    expect(line).toContain(qid.startsWith("drill-") ? ":" : qid);
    expect(lines[1]).toMatch(/: typo \(1\)$/);
  });
});

describe("the flag commands as typed", () => {
  it("/srm flag with a comment, then an admin's /srm flags, flags fix and flags void", async () => {
    const app = memoryApp();
    const id = await playRound(app, ["ann"], ["bob"]);
    const { wrong } = letters(app, id);
    expect(await say(app, bob, `flag ${id} wrong-answer the key is wrong`)).toContain("Thank you");
    expect(await say(app, bob, `flag ${id} nonsense`)).toContain('Unknown reason "nonsense"');
    const list = await say(app, admin, "flags");
    expect(list).toContain('Comment: "the key is wrong"');
    expect(list).toContain(`/srm flags fix ${id} <letters>`);
    expect(await say(app, admin, `flags fix ${id} ${wrong}`)).toContain("Answer key fixed");
    expect(await say(app, admin, `flags void ${id}`)).toContain("Question voided");
    expect(scoreDifferences(app.db)).toEqual([]);
  });
});
