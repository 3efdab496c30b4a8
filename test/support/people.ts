import { TEXT_SYNTAX } from "../../src/commands/index.js";
import type { Actor, ChannelRef } from "../../src/ports.js";
import { renderPlain } from "../../src/views/plain.js";
import type { memoryApp } from "./app.js";

type TestApp = ReturnType<typeof memoryApp>;

/** A channel in the test workspace. */
export function channel(id = "C1", workspaceId = "W1"): ChannelRef {
  return { platform: "slack", workspaceId, channelId: id };
}

/** A person in the test workspace. */
export function member(id: string, opts: { admin?: boolean; workspaceId?: string } = {}): Actor {
  return {
    platform: "slack",
    workspaceId: opts.workspaceId ?? "W1",
    userId: id,
    displayName: id,
    platformAdmin: opts.admin ?? false,
  };
}

/** Runs a command and returns what the person reads. */
export async function say(
  app: TestApp,
  who: Actor,
  text: string,
  where: ChannelRef = channel(),
): Promise<string> {
  const reply = await app.engine.handle({
    text,
    actor: who,
    channel: { ...where, workspaceId: who.workspaceId },
  });
  return renderPlain(reply, TEXT_SYNTAX);
}

/** The open round's id in a channel (from the engine's own store). */
export function openRoundId(app: TestApp, where: ChannelRef = channel()): number {
  const row = app.db
    .prepare(
      "SELECT id FROM rounds WHERE platform = ? AND workspace = ? AND channel = ? AND status = 'open' AND kind = 'channel'",
    )
    .get(where.platform, where.workspaceId, where.channelId) as { id: number } | undefined;
  if (!row) throw new Error("no open round");
  return row.id;
}

/** The correct and one wrong letter of a round's question. */
export function letters(app: TestApp, roundId: number): { right: string; wrong: string } {
  const row = app.db.prepare("SELECT question_json FROM rounds WHERE id = ?").get(roundId) as {
    question_json: string;
  };
  const q = JSON.parse(row.question_json) as { choices: { key: string; correct: boolean }[] };
  return {
    right: q.choices.find((c) => c.correct)?.key as string,
    wrong: q.choices.find((c) => !c.correct)?.key as string,
  };
}

/** Posts a question (as an admin), lets `right` answer correctly and `wrong` wrongly, and reveals it. */
export async function playRound(
  app: TestApp,
  right: string[],
  wrong: string[],
  where: ChannelRef = channel(),
) {
  const admin = member("admin", { admin: true, workspaceId: where.workspaceId });
  await say(app, admin, "daily now", where);
  const id = openRoundId(app, where);
  const l = letters(app, id);
  for (const p of right)
    await app.engine.press(`answer:${id}:${l.right}`, member(p, { workspaceId: where.workspaceId }));
  for (const p of wrong)
    await app.engine.press(`answer:${id}:${l.wrong}`, member(p, { workspaceId: where.workspaceId }));
  await say(app, admin, "reveal", where);
  return id;
}
