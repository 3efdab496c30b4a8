import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Question } from "../../../src/domain/question.js";
import { SqliteRoundStore } from "../../../src/store/round-store.js";
import { FAKE_TEAM, type FakePerson } from "../../fakes/slack/payloads.js";
import { blockText, headers, SlackWorkspace } from "../../fakes/slack/workspace.js";

let slack: SlackWorkspace;

beforeEach(async () => {
  slack = await SlackWorkspace.start();
});

afterEach(async () => {
  await slack.close();
});

interface Select {
  action_id: string;
  options: { text: { text: string }; value: string }[];
}

/** Opens a split question privately for `person`, as /srm quiz would have, and returns it. */
function splitQuestionFor(person: FakePerson): Question {
  const question = slack.app.bank.get("ec2-split-web-stack-1");
  if (!question) throw new Error("the split question is missing");
  new SqliteRoundStore(slack.app.db).open({
    channel: { platform: "slack", workspaceId: FAKE_TEAM, channelId: "C0GENERAL" },
    kind: "private",
    player: person.id,
    question,
    speedBonus: false,
    competitionId: null,
    openedAt: new Date(),
    closesAt: null,
    choiceOrder: null,
  });
  return question;
}

function selectsIn(blocks: unknown): Select[] {
  return (blocks as { accessory?: Select & { type: string } }[]).flatMap((b) =>
    b.accessory?.type === "static_select" ? [b.accessory] : [],
  );
}

function buttonsIn(blocks: unknown): string[] {
  return (blocks as { type: string; elements?: { action_id: string }[] }[])
    .filter((b) => b.type === "actions")
    .flatMap((b) => (b.elements ?? []).map((e) => e.action_id));
}

/** One choice in a menu (or, without `value`, one button press); returns the private reply. */
async function press(person: FakePerson, actionId: string, value?: string, text = "") {
  const replyId = `press-${Math.random()}`;
  const ack = await slack.sender.click({
    person,
    actionId,
    responseUrl: slack.api.responseUrl(replyId),
    ...(value ? { selected: { value, text } } : {}),
  });
  expect(ack.status).toBe(200);
  return slack.replyTo(replyId);
}

function storedAnswers(): { response: string; correct: number }[] {
  return slack.app.db.prepare("SELECT response, correct FROM answers").all() as never;
}

describe("a split-the-duties question in Slack", () => {
  it("has a menu per duty and Submit; choices are kept until Submit, a missing duty is named, and typing still works", async () => {
    const ann = slack.person("ann");
    const question = splitQuestionFor(ann);
    const shown = await slack.ask(ann, "quiz");
    const selects = selectsIn(shown.blocks);
    expect(selects).toHaveLength(question.duties.length);
    expect(selects[0]?.options.map((o) => o.text.text)).toEqual(["1: AWS", "1: Customer"]);
    expect(blockText(shown.blocks)).toContain(question.duties[0]?.text);
    const submit = buttonsIn(shown.blocks).find((id) => id.startsWith("submit:")) as string;
    expect(submit).toBeDefined();

    const choose = (i: number, owner: string) => {
      const option = selects[i]?.options.find((o) => o.value.endsWith(`:${owner}`));
      return press(ann, selects[i]?.action_id as string, option?.value, option?.text.text);
    };
    const owners = question.duties.map((d) => d.owner);
    // The first duty is chosen wrong, then changed: the later choice stands.
    await choose(0, owners[0] === "aws" ? "customer" : "aws");
    for (let i = 0; i < owners.length - 1; i++) await choose(i, owners[i] as string);
    const early = await press(ann, submit);
    expect(headers(early.blocks)).toEqual([`Duty ${owners.length} has no owner yet`]);
    expect(blockText(early.blocks)).toContain("Nothing was stored");
    expect(storedAnswers()).toEqual([]);

    const last = await choose(owners.length - 1, owners.at(-1) as string);
    expect(blockText(last.blocks)).toContain("Every duty has an owner");
    const result = await press(ann, submit);
    expect(headers(result.blocks)[0]).toBe("Right!");
    expect(storedAnswers()).toEqual([{ response: JSON.stringify(owners), correct: 1 }]);
    // A second Submit is told the question is no longer open; the answer stands.
    const again = await press(ann, submit);
    expect(headers(again.blocks)).toEqual(["That question is not open for you"]);
    expect(storedAnswers()).toHaveLength(1);
  });

  it("another person's choices on the same menus are refused and change nothing", async () => {
    const ann = slack.person("ann");
    const bo = slack.person("bo");
    splitQuestionFor(ann);
    const selects = selectsIn((await slack.ask(ann, "quiz")).blocks);
    const option = selects[0]?.options[0];
    const reply = await press(bo, selects[0]?.action_id as string, option?.value, option?.text.text);
    expect(headers(reply.blocks)).toEqual(["That question is not open for you"]);
  });

  it("typing the owners still answers a split question", async () => {
    const ann = slack.person("ann");
    const question = splitQuestionFor(ann);
    const reply = await slack.ask(ann, `answer ${question.duties.map((d) => d.owner).join(" ")}`);
    expect(headers(reply.blocks)[0]).toBe("Right!");
  });
});

describe("Skip and I don't know in Slack", () => {
  it("every private question has both buttons: Skip closes it untouched, I don't know shows the answer as a miss", async () => {
    const ann = slack.person("ann");
    const first = await slack.ask(ann, "quiz");
    const skip = buttonsIn(first.blocks).find((id) => id.startsWith("skip:")) as string;
    expect(buttonsIn(first.blocks).some((id) => id.startsWith("idk:"))).toBe(true);
    expect(headers((await press(ann, skip)).blocks)).toEqual(["Skipped"]);
    expect(storedAnswers()).toEqual([]);
    const second = await slack.ask(ann, "quiz");
    const idk = buttonsIn(second.blocks).find((id) => id.startsWith("idk:")) as string;
    expect(idk).not.toBe(skip.replace("skip", "idk"));
    const missed = await press(ann, idk);
    expect(headers(missed.blocks)[0]).toBe("Counted as a miss");
    expect(storedAnswers()).toEqual([{ response: "[]", correct: 0 }]);
  });
});
