import type { SlackWorkspace } from "../../fakes/slack/workspace.js";

/** Posts a body to the bot with exactly these headers (no signing help): for forgeries. */
export async function postRaw(
  slack: SlackWorkspace,
  body: string,
  headersIn: Record<string, string>,
): Promise<number> {
  const url = `http://127.0.0.1:${slack.frontEnd.httpPort()}/slack/events`;
  const r = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", ...headersIn },
  });
  await r.arrayBuffer();
  return r.status;
}
