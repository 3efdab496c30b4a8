import type { APIMessage } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Question } from "../../../src/domain/question.js";
import { SqliteRoundStore } from "../../../src/store/round-store.js";
import type { Delivered } from "../../fakes/discord/fake-discord.js";
import type { FakePerson } from "../../fakes/discord/guild.js";
import { waitFor } from "../../fakes/discord/wait.js";
import { buttonIds, type RunningBot, replyEmbeds, startBot } from "./harness.js";

let bot: RunningBot;

beforeEach(async () => {
  bot = await startBot();
});

afterEach(async () => {
  await bot?.stop();
});

interface Menu {
  type: number;
  custom_id: string;
  options: { label: string; value: string }[];
}

/** Opens a split question privately for `person` (its first `duties` duties), as /srm quiz would have. */
function splitQuestionFor(person: FakePerson, id: string, duties?: number): Question {
  const shipped = bot.app.bank.get(id);
  if (!shipped) throw new Error(`no question ${id}`);
  const question = duties ? { ...shipped, duties: shipped.duties.slice(0, duties) } : shipped;
  new SqliteRoundStore(bot.app.db).open({
    channel: { platform: "discord", workspaceId: bot.fake.guildId, channelId: bot.fake.general.id },
    kind: "private",
    player: person.user.id,
    question,
    speedBonus: false,
    competitionId: null,
    openedAt: bot.clock.now(),
    closesAt: null,
    choiceOrder: null,
  });
  return question;
}

/** The private reply to an interaction, as the message the person sees (with its components). */
async function replyMessage(delivered: Delivered): Promise<APIMessage> {
  await bot.fake.reply(delivered);
  return waitFor(() => bot.fake.rest.original(delivered.id), "the reply message");
}

function menusOf(message: APIMessage): Menu[] {
  return (message.components ?? []).flatMap((row) =>
    "components" in row ? (row.components as unknown as Menu[]).filter((c) => c.type === 3) : [],
  );
}

async function title(delivered: Delivered): Promise<string> {
  return (await replyEmbeds(bot, delivered))[0]?.title ?? "";
}

function storedAnswers(): { response: string; correct: number }[] {
  return bot.app.db.prepare("SELECT response, correct FROM answers").all() as never;
}

describe("a split-the-duties question on Discord", () => {
  it("gets a select menu per duty and Submit; choices are kept until Submit, and a missing duty is named", async () => {
    const ann = bot.fake.person("ann");
    const question = splitQuestionFor(ann, "ec2-split-web-stack-1", 4);
    const shown = await replyMessage(bot.fake.command(ann, "srm", "quiz"));
    const menus = menusOf(shown);
    expect(menus).toHaveLength(4);
    expect(menus[1]?.options.map((o) => o.label)).toEqual(["2: AWS", "2: Customer"]);
    const submit = buttonIds(shown).find((id) => id.startsWith("submit:")) as string;
    expect(buttonIds(shown)).toEqual(expect.arrayContaining([submit, expect.stringMatching(/^skip:/)]));

    const owners = question.duties.map((d) => d.owner);
    const choose = (i: number, owner: string) => {
      const menu = menus[i] as Menu;
      const value = menu.options.find((o) => o.value.endsWith(`:${owner}`))?.value as string;
      return bot.fake.select(ann, shown, menu.custom_id, [value]);
    };
    // A wrong first choice, then the right one: the later choice stands.
    expect(await title(await choose(0, owners[0] === "aws" ? "customer" : "aws"))).toMatch(/^Duty 1: /);
    for (let i = 0; i < 3; i++) await title(choose(i, owners[i] as string));
    expect(await title(bot.fake.click(ann, shown, submit))).toBe("Duty 4 has no owner yet");
    expect(storedAnswers()).toEqual([]);
    await title(choose(3, owners[3] as string));
    const result = await replyEmbeds(bot, bot.fake.click(ann, shown, submit));
    expect(result[0]?.title).toBe("Right!");
    expect(storedAnswers()).toEqual([{ response: JSON.stringify(owners), correct: 1 }]);
  });

  it("a question with more duties than one message holds gets its menus and Submit in further private messages", async () => {
    const ann = bot.fake.person("ann");
    const question = splitQuestionFor(ann, "vpc-split-network-duties-1");
    expect(question.duties.length).toBe(6);
    const delivered = bot.fake.command(ann, "srm", "quiz");
    const shown = await replyMessage(delivered);
    expect(menusOf(shown)).toEqual([]);
    const followUps = await waitFor(() => {
      const found = [...bot.fake.rest.messages.values()].filter(
        (m) => m.id !== shown.id && m.webhook_id !== undefined && (m.components ?? []).length > 0,
      );
      return found.length === 2 ? found : undefined;
    }, "the menus in further messages");
    expect(followUps.every((m) => (m.flags ?? 0) & 64)).toBeTruthy();
    const menus = followUps.flatMap(menusOf);
    expect(menus).toHaveLength(6);
    const submit = followUps.flatMap(buttonIds).find((id) => id.startsWith("submit:")) as string;
    const owners = question.duties.map((d) => d.owner);
    for (const [i, menu] of menus.entries()) {
      const value = menu.options.find((o) => o.value.endsWith(`:${owners[i]}`))?.value as string;
      const holder = followUps.find((m) => menusOf(m).includes(menu)) as APIMessage;
      await title(bot.fake.select(ann, holder, menu.custom_id, [value]));
    }
    const result = await replyEmbeds(bot, bot.fake.click(ann, followUps[1] as APIMessage, submit));
    expect(result[0]?.title).toBe("Right!");
    expect(storedAnswers()).toEqual([{ response: JSON.stringify(owners), correct: 1 }]);
  });

  it("typing the owners still answers a split question", async () => {
    const ann = bot.fake.person("ann");
    const question = splitQuestionFor(ann, "ec2-split-web-stack-1");
    const typed = bot.fake.command(ann, "srm", "answer", {
      choice: question.duties.map((d) => d.owner).join(" "),
    });
    expect(await title(typed)).toBe("Right!");
  });
});

describe("Skip and I don't know on Discord", () => {
  it("every private question has both buttons, and /srm skip, /srm dont-know and /srm stop answer", async () => {
    const ann = bot.fake.person("ann");
    const shown = await replyMessage(bot.fake.command(ann, "srm", "quiz"));
    const idk = buttonIds(shown).find((id) => id.startsWith("idk:")) as string;
    expect(buttonIds(shown).some((id) => id.startsWith("skip:"))).toBe(true);
    expect(await title(bot.fake.click(ann, shown, idk))).toBe("Counted as a miss");
    await replyMessage(bot.fake.command(ann, "srm", "quiz"));
    expect(await title(bot.fake.command(ann, "srm", "skip"))).toBe("Skipped");
    await replyMessage(bot.fake.command(ann, "srm", "quiz"));
    expect(await title(bot.fake.command(ann, "srm", "idk"))).toBe("Counted as a miss");
    expect(await title(bot.fake.command(ann, "srm", "stop"))).toBe(
      "You have no practice, review or cram running",
    );
  });
});
