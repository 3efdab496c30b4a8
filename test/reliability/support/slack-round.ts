import type { FakePerson } from "../../fakes/slack/payloads.js";
import { SlackWorkspace } from "../../fakes/slack/workspace.js";

/** A Slack workspace whose admin ("boss") has just posted a question of the day in `channel`. */
export async function workspaceWithRound(
  channel = "C1",
): Promise<{ slack: SlackWorkspace; boss: FakePerson }> {
  const slack = await SlackWorkspace.start();
  const boss = slack.person("boss", { admin: true });
  await slack.ask(boss, "daily now", { channel });
  return { slack, boss };
}
