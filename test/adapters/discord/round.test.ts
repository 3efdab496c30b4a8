import type { APIMessage } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCENT_COLOURS } from "../../../adapters/discord/embeds.js";
import type { FakePerson } from "../../fakes/discord/guild.js";
import {
  buttonIds,
  embedText,
  isEphemeral,
  lastPost,
  type RunningBot,
  replyEmbeds,
  startBot,
} from "./harness.js";

let bot: RunningBot;
let admin: FakePerson;
let question: APIMessage;
let roundId: number;
const people: FakePerson[] = [];

const answersInRound = () =>
  bot.app.db
    .prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS people FROM answers WHERE round_id = ?")
    .get(roundId) as { n: number; people: number };

const latest = (m: APIMessage) => bot.fake.rest.messages.get(m.id) as APIMessage;

beforeAll(async () => {
  bot = await startBot();
  admin = bot.fake.person("ada", { manageGuild: true });
  for (let i = 0; i < 30; i++) people.push(bot.fake.person(`player${i}`));
});

afterAll(async () => {
  await bot?.stop();
});

describe("a question of the day on Discord, from post to leaderboard", () => {
  it("/srm-admin daily-now is deferred privately, then posts the question with one button per choice", async () => {
    const sent = bot.fake.command(admin, "srm-admin", "daily now");
    const callback = await bot.fake.reply(sent);
    expect(callback.type).toBe(5);
    expect(isEphemeral(callback)).toBe(true);
    const confirmation = await replyEmbeds(bot, sent);
    expect(confirmation[0]?.title).toBe("Posted a question in this channel");
    expect(confirmation[0]?.description).toMatch(/^Reveal it with \/srm-admin reveal \(round \d+\)\.$/);
    question = await lastPost(bot, bot.fake.general.id, "the question of the day");
    expect(question.embeds[0]?.title).toBe("Question of the day");
    expect(question.embeds[0]?.footer?.text).toMatch(/^0 answered/);
    const ids = buttonIds(question);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids.every((id) => /^answer:\d+:[A-D]$/.test(id))).toBe(true);
    roundId = Number(ids[0]?.split(":")[1]);
  });

  it("thirty people click: each is confirmed privately, counted once, and the message count follows", async () => {
    const ids = buttonIds(question);
    const clicks = people.map((p, i) => bot.fake.click(p, question, ids[i % ids.length] as string));
    const callbacks = await Promise.all(clicks.map((c) => bot.fake.reply(c)));
    for (const c of callbacks) {
      expect(c.type).toBe(4);
      expect(isEphemeral(c)).toBe(true);
      expect(((c.data.embeds as { title: string }[])[0]?.title ?? "").startsWith("Locked in: ")).toBe(true);
    }
    expect(answersInRound()).toEqual({ n: 30, people: 30 });
    await bot.app.engine.idle();
    expect(latest(question).embeds[0]?.footer?.text).toMatch(/^30 answered/);
    expect(buttonIds(latest(question))).toEqual(ids);
  });

  it("a second click from the same person is refused and the first answer stands", async () => {
    const first = people[0] as FakePerson;
    const again = bot.fake.click(first, question, buttonIds(question).at(-1) as string);
    const embeds = await replyEmbeds(bot, again);
    expect(embeds[0]?.title).toMatch(/^You already answered /);
    expect(answersInRound()).toEqual({ n: 30, people: 30 });
  });

  it("a double click sends two interactions: each gets exactly one response, and one answer is counted", async () => {
    const quick = bot.fake.person("quick");
    const [a, b] = [
      bot.fake.click(quick, question, buttonIds(question)[0] as string),
      bot.fake.click(quick, question, buttonIds(question)[0] as string),
    ];
    const titles = (await Promise.all([replyEmbeds(bot, a), replyEmbeds(bot, b)])).map(
      (e) => e[0]?.title ?? "",
    );
    expect(titles.filter((t) => t.startsWith("Locked in"))).toHaveLength(1);
    expect(titles.filter((t) => t.startsWith("You already answered"))).toHaveLength(1);
    expect(bot.fake.rest.callsTo("POST", new RegExp(`^/interactions/(${a.id}|${b.id})/`))).toHaveLength(2);
    expect(answersInRound()).toEqual({ n: 31, people: 31 });
  });

  it("the reveal edits the message: answer, explanation, how the channel answered, points, no buttons", async () => {
    const sent = bot.fake.command(admin, "srm-admin", "reveal");
    expect((await bot.fake.reply(sent)).type).toBe(5);
    const confirmation = await replyEmbeds(bot, sent);
    expect(confirmation[0]?.title).toBe("Revealed");
    const revealed = latest(question);
    const embed = revealed.embeds[0];
    expect(embed?.title).toMatch(/^Answer: [A-D]$/);
    expect(embed?.color).toBe(ACCENT_COLOURS.success);
    expect(embed?.description).toContain("31 answered");
    const text = embedText(embed);
    expect(text).toContain("Why");
    expect(text).toMatch(/How the channel answered\nA: \d+ · B: \d+/);
    expect(text).toContain("Points");
    // The answer buttons are gone; only "Flag" is left.
    expect(JSON.stringify(revealed.components)).toMatch(/"custom_id":"flag:\d+"/);
    expect(JSON.stringify(revealed.components)).not.toContain("answer:");
  });

  it("a late click on the old message is told the question has closed, and is not counted", async () => {
    const late = bot.fake.person("latecomer");
    const embeds = await replyEmbeds(bot, bot.fake.click(late, question, buttonIds(question)[0] as string));
    expect(embeds[0]?.title).toBe("This question has closed");
    expect(answersInRound()).toEqual({ n: 31, people: 31 });
  });

  it("/srm leaderboard shows this week's points privately, with the people who got it right", async () => {
    const right = bot.app.db
      .prepare("SELECT display_name AS name FROM answers WHERE round_id = ? AND correct = 1 LIMIT 1")
      .get(roundId) as { name: string } | undefined;
    const sent = bot.fake.command(people[1] as FakePerson, "srm", "leaderboard");
    expect(isEphemeral(await bot.fake.reply(sent))).toBe(true);
    const embeds = await replyEmbeds(bot, sent);
    expect(embeds[0]?.title).toMatch(/^Leaderboard: This week/);
    if (right) expect(embedText(embeds[0])).toContain(right.name);
    const periods = await bot.fake.reply(
      bot.fake.autocomplete(admin, "srm", "leaderboard", { period: "mo" }, "period"),
    );
    expect((periods.data.choices as { value: string }[])[0]?.value).toBe("month");
  });
});

describe("withdrawing a question on Discord", () => {
  it("/srm-admin void edits the message to say it was withdrawn, with no answer and no buttons", async () => {
    const posted = bot.fake.command(admin, "srm-admin", "daily now");
    await replyEmbeds(bot, posted);
    const mistake = await lastPost(bot, bot.fake.general.id, "the question posted by mistake");
    expect(mistake.id).not.toBe(question.id);
    const member = bot.fake.person("not-an-admin");
    const refused = await replyEmbeds(bot, bot.fake.command(member, "srm-admin", "void"));
    expect(refused[0]?.title).toBe("Only admins can run void");
    const sent = bot.fake.command(admin, "srm-admin", "void");
    const confirmation = await replyEmbeds(bot, sent);
    expect(confirmation[0]?.title).toBe("Withdrawn");
    const withdrawn = latest(mistake);
    expect(withdrawn.embeds[0]?.title).toBe("Question withdrawn");
    expect(embedText(withdrawn.embeds[0])).not.toMatch(/Answer:|Why/);
    expect(withdrawn.components).toEqual([]);
  });
});
