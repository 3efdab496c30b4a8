import Database from "better-sqlite3";
import { scoreDifferences } from "../../../src/store/recompute.js";
import { eventually } from "../../fakes/slack/eventually.js";
import type { FakePerson } from "../../fakes/slack/payloads.js";
import { FakeSlackWebApi } from "../../fakes/slack/web-api.js";
import { headers } from "../../fakes/slack/workspace.js";
import { BotProcess, removeTempDb, tempDb } from "./bot-process.js";
import { recordedKey, SlackCrowd, seededRandom } from "./slack-crowd.js";

/** What one run of kills measured. */
export interface KillFigures {
  rounds: number;
  people: number;
  kills: number;
  killsDuringReveal: number;
  /** Answers people were told were recorded. */
  told: number;
  /** Clicks a kill cut off before the person was told anything (they clicked again). */
  cutOff: number;
  /** Of the clicks again, those whose first click had been stored before the kill ("You already answered"). */
  storedUnconfirmed: number;
  /** Of those, answers missing or different in the database afterwards: must be 0. */
  lost: number;
  /** Rounds whose question was posted more than once: must be 0. */
  postedTwice: number;
  /** Scores that differ from a recomputation from the answers: must be 0. */
  scoreDifferences: number;
  /** chat.update calls that carried a reveal (more than one per round only after a kill mid-announcement). */
  revealUpdates: number;
  /** Rounds whose channel message does not end as the reveal: must be 0. */
  unrevealed: number;
}

const CHANNEL = "C1";
const BATCH = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `rounds` question rounds of `people` on `node bin/srm.js start`, killing it with SIGKILL at
 * seeded random moments (`killsPerRound - 1` while people click, one while the reveal runs) and starting
 * it again each time; people who were told nothing click again. Then checks what everyone was told against
 * the database, and counts posts and reveals at the fake Slack.
 */
export async function killDuringRounds(o: {
  rounds: number;
  people: number;
  killsPerRound: number;
  seed: number;
}): Promise<KillFigures> {
  const random = seededRandom(o.seed);
  const api = await FakeSlackWebApi.start();
  const dbPath = tempDb();
  const crowd = new SlackCrowd(api);
  const boss: FakePerson = { id: "UBOSS", name: "boss" };
  api.setUser(boss.id, { name: "boss", admin: true });
  const people: FakePerson[] = Array.from({ length: o.people }, (_, i) => ({ id: `UP${i}`, name: `p${i}` }));
  const f: KillFigures = {
    rounds: o.rounds,
    people: o.people,
    kills: 0,
    killsDuringReveal: 0,
    told: 0,
    cutOff: 0,
    storedUnconfirmed: 0,
    lost: 0,
    postedTwice: 0,
    scoreDifferences: 0,
    revealUpdates: 0,
    unrevealed: 0,
  };
  const told = new Map<string, string>();
  let bot = await BotProcess.start({ dbPath, apiUrl: api.apiUrl });
  const restartIfDead = async () => {
    if (!bot.alive) bot = await BotProcess.start({ dbPath, apiUrl: api.apiUrl });
  };
  try {
    for (let round = 1; round <= o.rounds; round++) {
      const postsBefore = api.callsOf("chat.postMessage").length;
      const opened = await crowd.command(bot, boss, "daily now", CHANNEL);
      if (opened !== "Posted a question in this channel") throw new Error(`daily now answered ${opened}`);
      const message = await eventually("the question", () => api.lastMessageIn(CHANNEL), 10_000);
      const buttons = (message.blocks as { type: string; elements?: { action_id: string }[] }[])
        .filter((b) => b.type === "actions")
        .flatMap((b) => (b.elements ?? []).map((e) => e.action_id));
      const roundId = Number(buttons[0]?.split(":")[1]);
      const killAt = Array.from({ length: o.killsPerRound - 1 }, () => Math.floor(random() * o.people)).sort(
        (a, b) => a - b,
      );
      told.clear();
      const retried = new Set<string>();
      const pending = [...people];
      while (pending.length > 0) {
        // A kill is due at its moment, or now when the batches left are too few for the kills left.
        const due =
          told.size >= (killAt[0] ?? Number.POSITIVE_INFINITY) ||
          Math.ceil(pending.length / BATCH) <= killAt.length;
        const batch = pending.splice(0, BATCH);
        const answers = Promise.all(
          batch.map((p, i) =>
            crowd.click(bot, p, buttons[(i + round) % buttons.length] as string, CHANNEL, message.ts),
          ),
        );
        if (killAt.length > 0 && due) {
          killAt.shift();
          await sleep(random() * 60);
          await bot.kill();
          f.kills++;
        }
        for (const [i, title] of (await answers).entries()) {
          const person = batch[i] as FakePerson;
          const key = recordedKey(title);
          if (key) told.set(person.id, key);
          else pending.push(person);
          if (!key) f.cutOff++;
          if (retried.has(person.id) && title?.startsWith("You already answered")) f.storedUnconfirmed++;
          if (!key) retried.add(person.id);
        }
        await restartIfDead();
      }
      // The reveal, killed at a random moment: before, during or after its transaction and announcement.
      const revealing = crowd.command(bot, boss, "reveal", CHANNEL);
      await sleep(random() * 250);
      await bot.kill();
      f.kills++;
      f.killsDuringReveal++;
      await revealing;
      await restartIfDead();
      const again = await crowd.command(bot, boss, "reveal", CHANNEL);
      if (again !== "Revealed" && again !== "There is no open question here right now")
        throw new Error(`the second reveal answered ${again}`);
      const revealed = (v: { blocks: unknown }) => headers(v.blocks)[0]?.startsWith("Answer") ?? false;
      await eventually("the reveal in the channel", () => revealed(message), 20_000);
      f.revealUpdates += message.versions.filter(revealed).length;
      if (api.callsOf("chat.postMessage").length - postsBefore !== 1) f.postedTwice++;
      f.told += told.size;
      f.lost += await lostAnswers(dbPath, roundId, told);
    }
    if ((await bot.stop()) !== 0) throw new Error(`the bot did not stop cleanly:\n${bot.log.slice(-2000)}`);
    const db = new Database(dbPath, { readonly: true });
    f.scoreDifferences = scoreDifferences(db).length;
    f.unrevealed = (
      db
        .prepare("SELECT COUNT(*) AS n FROM rounds WHERE status <> 'revealed' OR reveal_announced_at IS NULL")
        .get() as {
        n: number;
      }
    ).n;
    db.close();
    return f;
  } finally {
    await bot.kill();
    crowd.close();
    await api.close();
    removeTempDb(dbPath);
  }
}

/** Answers people were told were recorded that the database does not hold as told. */
async function lostAnswers(
  dbPath: string,
  roundId: number,
  told: ReadonlyMap<string, string>,
): Promise<number> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT user_id, response FROM answers WHERE round_id = ?").all(roundId) as {
      user_id: string;
      response: string;
    }[];
    const stored = new Map(rows.map((r) => [r.user_id, (JSON.parse(r.response) as string[])[0]]));
    return [...told].filter(([user, key]) => stored.get(user) !== key).length;
  } finally {
    db.close();
  }
}
