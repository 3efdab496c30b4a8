import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { BLOCK_LIMITS, messageFor } from "../../adapters/slack/blocks.js";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import type { Actor, ChannelRef, Platform } from "../../src/ports.js";
import type { Reply } from "../../src/views/card.js";
import { renderPlain } from "../../src/views/plain.js";
import { memoryApp } from "../support/app.js";
import { report, Tally } from "./support/figures.js";
import { hostileActionId, hostileText } from "./support/hostile-text.js";
import { checkParams } from "./support/scale.js";
import { unsoundness } from "./support/tables.js";

type Step =
  | { readonly kind: "command"; readonly actor: Actor; readonly channel: ChannelRef; readonly text: string }
  | { readonly kind: "press"; readonly actor: Actor; readonly actionId: string; readonly channelId: string }
  | {
      readonly kind: "click";
      readonly actor: Actor;
      readonly key: string;
      readonly target: Target;
      readonly channelId: string;
    }
  | { readonly kind: "tick"; readonly minutes: number };

/** Whose open round a click's button points at: the actor's own channel's, or a round elsewhere. */
type Target = "own channel" | "any workspace";

const PLATFORMS: Platform[] = ["slack", "discord", "terminal"];
const WORKSPACES = ["W1", "W2"];

/** People are named after their platform and workspace, so an answer's owner says where they act from. */
const actor: fc.Arbitrary<Actor> = fc
  .record({
    platform: fc.constantFrom(...PLATFORMS),
    workspaceId: fc.constantFrom(...WORKSPACES),
    name: fc.constantFrom("ann", "bob", "cy", "boss"),
  })
  .map(({ platform, workspaceId, name }) => ({
    platform,
    workspaceId,
    userId: `${platform}.${workspaceId}.${name}`,
    displayName: name,
    platformAdmin: name === "boss",
  }));

/** Well-formed commands, so that hostile input lands between real rounds, answers, reveals and competitions. */
const purposeful = fc.constantFrom(
  "daily now",
  "reveal",
  "void",
  "quiz",
  "answer A",
  "answer b",
  "answer A C",
  "answer aws customer aws",
  "leaderboard",
  "leaderboard accuracy",
  "stats",
  'competition start "Cup" 2w',
  "competition end",
  "settings speed-bonus on",
  "daily set 09:00 UTC mon-sun reveal after 1h",
  "practice",
  "sure certain",
  "drill ec2 os-patching",
);

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        actor,
        channelId: fc.constantFrom("C1", "C2"),
        text: fc.oneof({ weight: 3, arbitrary: hostileText }, { weight: 2, arbitrary: purposeful }),
      })
      .map(({ actor, channelId, text }) => ({
        kind: "command" as const,
        actor,
        channel: { platform: actor.platform, workspaceId: actor.workspaceId, channelId },
        text,
      })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        actor,
        actionId: hostileActionId(fc.integer({ min: 1, max: 25 })),
        channelId: fc.constantFrom("C1", "C2"),
      })
      .map((s) => ({ kind: "press" as const, ...s })),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({
        actor,
        key: fc.constantFrom("A", "B", "C", "D"),
        target: fc.constantFrom<Target>("own channel", "own channel", "any workspace"),
        channelId: fc.constantFrom("C1", "C1", "C2"),
      })
      .map((s) => ({ kind: "click" as const, ...s })),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0, max: 3 * 24 * 60 })
      .map((minutes) => ({ kind: "tick" as const, minutes })),
  },
);

/** Whether a reply reads as an answer or a clear refusal, and renders within Slack's limits. */
function replyProblem(reply: Reply): string | null {
  if (reply.visibility !== "private" && reply.visibility !== "channel") return "no visibility";
  if (reply.cards.length === 0) return "no card";
  if (reply.cards.some((c) => c.title.trim() === "")) return "a card without a title";
  if (renderPlain(reply, TEXT_SYNTAX).trim() === "") return "nothing to read";
  const { blocks, text } = messageFor(reply.cards);
  if (blocks.length > BLOCK_LIMITS.messageBlocks) return `${blocks.length} Slack blocks`;
  if (text.length > BLOCK_LIMITS.fallback) return "Slack fallback text too long";
  return null;
}

const member = (platform: string, workspace: string, userId: string) =>
  userId.startsWith(`${platform}.${workspace}.`);

const tally = new Tally();
afterAll(() => report("engine fuzz (/srm grammar and buttons)", tally.figures()));

describe("the /srm grammar and buttons under hostile input", () => {
  it("every command and button press is answered or refused clearly, and no score is ever wrong", async () => {
    const app = memoryApp();
    /** The button a click presses, chosen when it runs: on an open round of the actor's channel, or any. */
    const clickedId = (s: Extract<Step, { kind: "click" }>): string => {
      const open = app.db
        .prepare(
          "SELECT id FROM rounds WHERE status = 'open' AND kind = 'channel' AND (? OR (platform = ? AND workspace = ? AND channel = 'C1')) ORDER BY id DESC LIMIT 1",
        )
        .get(s.target === "any workspace" ? 1 : 0, s.actor.platform, s.actor.workspaceId) as
        | { id: number }
        | undefined;
      return `answer:${open?.id ?? 1}:${s.key}`;
    };
    const lastAnswer = (userId: string) =>
      app.db
        .prepare(
          "SELECT a.id, r.kind, r.channel FROM answers a JOIN rounds r ON r.id = a.round_id WHERE a.user_id = ? ORDER BY a.id DESC LIMIT 1",
        )
        .get(userId) as { id: number; kind: string; channel: string } | undefined;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (steps) => {
        for (const s of steps) {
          if (s.kind === "tick") {
            app.clock.advance(s.minutes * 60_000);
            await app.engine.tick();
            tally.add("ticks");
            continue;
          }
          if (s.kind === "command") {
            const reply = await app.engine.handle({ text: s.text, actor: s.actor, channel: s.channel });
            tally.add("commands");
            expect(replyProblem(reply), JSON.stringify(s).slice(0, 300)).toBeNull();
            continue;
          }
          const where = {
            platform: s.actor.platform,
            workspaceId: s.actor.workspaceId,
            channelId: s.channelId,
          };
          const before = lastAnswer(s.actor.userId);
          const reply = await app.engine.press(
            s.kind === "press" ? s.actionId : clickedId(s),
            s.actor,
            where,
          );
          tally.add("button presses");
          expect(replyProblem(reply), JSON.stringify(s).slice(0, 300)).toBeNull();
          // A button answers a channel's question only when pressed in that channel.
          const after = lastAnswer(s.actor.userId);
          if (after && after.id !== before?.id && after.kind === "channel")
            expect(after.channel).toBe(s.channelId);
        }
        await app.engine.idle();
        expect(unsoundness(app.db, member)).toEqual([]);
      }),
      checkParams(150),
    );
    const count = (sql: string) => (app.db.prepare(sql).get() as { n: number }).n;
    tally.add("rounds opened", count("SELECT COUNT(*) AS n FROM rounds"));
    tally.add("rounds revealed", count("SELECT COUNT(*) AS n FROM rounds WHERE status = 'revealed'"));
    tally.add("answers stored", count("SELECT COUNT(*) AS n FROM answers"));
    tally.add("errors logged", app.logger.lines.filter((l) => l.level === "error").length);
    // The run must have reached the parts that write scores, or it proves little about them.
    expect(tally.get("rounds revealed")).toBeGreaterThan(0);
    expect(tally.get("answers stored")).toBeGreaterThan(0);
    await app.close();
  });
});
