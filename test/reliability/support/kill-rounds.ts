import { eventually } from "../../fakes/slack/eventually.js";
import type { FakePerson } from "../../fakes/slack/payloads.js";
import { FakeSlackWebApi } from "../../fakes/slack/web-api.js";
import { headers } from "../../fakes/slack/workspace.js";
import { BotDatabase, type Engine } from "./bot-database.js";
import type { BotProcess } from "./bot-process.js";
import { recordedKey, SlackCrowd, seededRandom } from "./slack-crowd.js";

/** What one run of kills measured. */
export interface KillFigures {
  /** `srm start` processes sharing the database. */
  replicas: number;
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
 * Runs `rounds` question rounds of `people` on `replicas` `node bin/srm.js start` processes sharing one
 * database (each click and command reaches one of them at random), killing one with SIGKILL at seeded
 * random moments (`killsPerRound - 1` while people click, one while the reveal it is running) and starting
 * it again each time; people who were told nothing click again. Then checks what everyone was told against
 * the database, and counts posts and reveals at the fake Slack.
 */
export async function killDuringRounds(o: {
  engine: Engine;
  replicas: number;
  rounds: number;
  people: number;
  killsPerRound: number;
  seed: number;
}): Promise<KillFigures> {
  const random = seededRandom(o.seed);
  const api = await FakeSlackWebApi.start();
  const db = await BotDatabase.create(o.engine);
  const crowd = new SlackCrowd(api);
  const boss: FakePerson = { id: "UBOSS", name: "boss" };
  api.setUser(boss.id, { name: "boss", admin: true });
  const people: FakePerson[] = Array.from({ length: o.people }, (_, i) => ({ id: `UP${i}`, name: `p${i}` }));
  const f: KillFigures = {
    replicas: o.replicas,
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
  const bots: BotProcess[] = [];
  // One process draws nothing, so a single process's kill moments stay those of the seed alone.
  const any = (): BotProcess => bots[o.replicas === 1 ? 0 : Math.floor(random() * o.replicas)] as BotProcess;
  const restartIfDead = async () => {
    await Promise.all(
      bots.map(async (bot, i) => {
        if (!bot.alive) bots[i] = await db.start({ apiUrl: api.apiUrl });
      }),
    );
  };
  try {
    bots.push(
      ...(await Promise.all(Array.from({ length: o.replicas }, () => db.start({ apiUrl: api.apiUrl })))),
    );
    for (let round = 1; round <= o.rounds; round++) {
      const postsBefore = api.callsOf("chat.postMessage").length;
      const opened = await crowd.command(any(), boss, "daily now", CHANNEL);
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
            crowd.click(any(), p, buttons[(i + round) % buttons.length] as string, CHANNEL, message.ts),
          ),
        );
        if (killAt.length > 0 && due) {
          killAt.shift();
          const victim = any();
          await sleep(random() * 60);
          await victim.kill();
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
      const revealer = any();
      const revealing = crowd.command(revealer, boss, "reveal", CHANNEL);
      await sleep(random() * 250);
      await revealer.kill();
      f.kills++;
      f.killsDuringReveal++;
      await revealing;
      await restartIfDead();
      const again = await crowd.command(any(), boss, "reveal", CHANNEL);
      if (again !== "Revealed" && again !== "There is no open question here right now")
        throw new Error(`the second reveal answered ${again}`);
      const revealed = (v: { blocks: unknown }) => headers(v.blocks)[0]?.startsWith("Answer") ?? false;
      await eventually("the reveal in the channel", () => revealed(message), 20_000);
      f.revealUpdates += message.versions.filter(revealed).length;
      if (api.callsOf("chat.postMessage").length - postsBefore !== 1) f.postedTwice++;
      f.told += told.size;
      f.lost += await lostAnswers(db, roundId, told);
    }
    for (const bot of bots)
      if ((await bot.stop()) !== 0) throw new Error(`a bot did not stop cleanly:\n${bot.log.slice(-2000)}`);
    f.scoreDifferences = (await db.scoreDifferences()).length;
    f.unrevealed = await db.count(
      "SELECT COUNT(*) AS n FROM rounds WHERE status <> 'revealed' OR reveal_announced_at IS NULL",
    );
    return f;
  } finally {
    await Promise.all(bots.map((bot) => bot.kill()));
    crowd.close();
    await api.close();
    await db.remove();
  }
}

/** Answers people were told were recorded that the database does not hold as told. */
async function lostAnswers(
  db: BotDatabase,
  roundId: number,
  told: ReadonlyMap<string, string>,
): Promise<number> {
  const rows = await db.rows<{ user_id: string; response: string }>(
    "SELECT user_id, response FROM answers WHERE round_id = $1",
    [roundId],
  );
  const stored = new Map(rows.map((r) => [r.user_id, (JSON.parse(r.response) as string[])[0]]));
  return [...told].filter(([user, key]) => stored.get(user) !== key).length;
}
