import fc from "fast-check";
import { expect } from "vitest";
import { FORM_BODY_LIMIT, JSON_BODY_LIMIT } from "../../../adapters/slack/http-endpoint.js";
import type { RecordingLogger } from "../../fakes/announcer.js";
import { eventually } from "../../fakes/slack/eventually.js";
import { slashCommandFields } from "../../fakes/slack/payloads.js";
import { headers, SlackWorkspace } from "../../fakes/slack/workspace.js";
import { Tally } from "./figures.js";
import { checkParams } from "./scale.js";
import {
  HOME_TEAM,
  type HostileRequest,
  hostileSlackRequest,
  OTHER_TEAM,
  type SlackCast,
} from "./slack-hostile.js";
import { unsoundness } from "./tables.js";

/** A request the bot has not answered by then is a hang: Bolt itself gives up on a request after 3 s. */
const ANSWER_WITHIN_MS = 10_000;

/** The only failures srm-bot's boundary may log here: a reply that could not travel to a tampered response_url. */
const UNDELIVERABLE = /fetch failed|Failed to parse URL|Invalid URL|neither a response_url nor a channel/;

/** What srm-bot logs when one of its listeners failed: at its boundary, or (thrown past it) through Bolt. */
const LISTENER_FAILED =
  /^slack (command|button|app home) failed|^slack: a request failed before reaching srm-bot/;

/** A request body as a person reads it: form-decoded where possible, and cut short. */
function readable(body: string): string {
  try {
    return decodeURIComponent(body.replace(/\+/g, " ")).slice(0, 700);
  } catch {
    return body.slice(0, 700);
  }
}

/** A Slack workspace with rounds in two channels, a round in a second team, and a private quiz. */
export async function fuzzWorkspace(): Promise<{ slack: SlackWorkspace; cast: SlackCast }> {
  const slack = await SlackWorkspace.start();
  const boss = slack.person("boss", { admin: true });
  const olga = slack.person("olga", { admin: true });
  await slack.ask(boss, "daily now", { channel: "C1" });
  await slack.ask(boss, "daily now", { channel: "C2" });
  // The same app installed in a second team opens a round there.
  const responseUrl = slack.api.responseUrl("setup");
  const fields = {
    ...slashCommandFields({ person: olga, text: "daily now", responseUrl }),
    team_id: OTHER_TEAM,
  };
  await slack.sender.send(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded");
  await slack.ask(slack.person("ann"), "quiz", { channel: "C1" });
  await eventually(
    "the setup rounds",
    () => (slack.app.db.prepare("SELECT COUNT(*) AS n FROM rounds").get() as { n: number }).n === 4,
  );
  const people = [boss, slack.person("ann"), slack.person("bob")].map((person) => ({
    person,
    team: HOME_TEAM,
  }));
  return {
    slack,
    cast: {
      people: [...people, { person: olga, team: OTHER_TEAM }],
      roundIds: fc.integer({ min: 1, max: 6 }),
      responseUrl: (id) => slack.api.responseUrl(id),
    },
  };
}

/**
 * Sends batches of hostile requests, each signed with the right secret so that it reaches Bolt's
 * listeners; checks every answer, the replies owed, the scores and who owns answers. Returns the tally.
 */
export async function fuzzSlack(runs: number): Promise<Tally> {
  const { slack, cast } = await fuzzWorkspace();
  const tally = new Tally();
  /** "team|user" of every request sent: the only pairs that may own answers. */
  const actors = new Set<string>();
  const send = async (r: HostileRequest): Promise<void> => {
    if (r.actorKey) actors.add(r.actorKey);
    const sent = await Promise.race([
      slack.sender.send(r.body, r.contentType),
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`no answer in ${ANSWER_WITHIN_MS} ms to ${readable(r.body)}`)),
          ANSWER_WITHIN_MS,
        ),
      ),
    ]);
    tally.add(`${r.kind}s sent`);
    tally.add(`HTTP ${sent.status}`);
    // A body over srm-bot's limit is refused with 413 before it is read (Slack's own are far smaller).
    const limit = r.contentType.startsWith("application/json") ? JSON_BODY_LIMIT : FORM_BODY_LIMIT;
    const oversized = Buffer.byteLength(r.body) > limit;
    const allowed = oversized ? [413] : r.boltMayRefuse ? [200, 400, 401, 404, 500] : [200, 400, 401, 404];
    expect(allowed, `${sent.status} for ${readable(r.body)}`).toContain(sent.status);
    if (r.replyTo === null || oversized) return;
    // A request that names a person and where to answer gets one clear reply: in the acknowledgement or later.
    const inAck = sent.body !== "" ? (JSON.parse(sent.body) as Record<string, unknown>) : null;
    const reply = inAck ?? (await slack.replyTo(r.replyTo.responseId));
    expect(headers(reply.blocks)[0], readable(r.body)).toMatch(/\S/);
    tally.add("replies checked");
  };
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostileSlackRequest(cast), { minLength: 100, maxLength: 100 }),
        async (batch) => {
          // Sent at once: Bolt holds a request no listener takes for three seconds before refusing it.
          await Promise.all(batch.map(send));
          await slack.app.engine.idle();
          const member = (_p: string, workspace: string, user: string) => actors.has(`${workspace}|${user}`);
          expect(unsoundness(slack.app.db, member)).toEqual([]);
        },
      ),
      checkParams(runs),
    );
    tally.add(
      "answers stored",
      (slack.app.db.prepare("SELECT COUNT(*) AS n FROM answers").get() as { n: number }).n,
    );
    // Still alive and answering after all of it.
    const after = await slack.ask(slack.person("ann"), "ec2 os-patching");
    expect(headers(after.blocks)[0]).toBe("Customer");
    await slack.frontEnd.stop();
    const lines = (slack.logger as RecordingLogger).lines;
    const unexpected = lines.filter(
      (l) => LISTENER_FAILED.test(l.message) && !UNDELIVERABLE.test(String(l.fields?.error)),
    );
    expect(unexpected.map((l) => `${l.message}: ${String(l.fields?.error)}`)).toEqual([]);
    tally.add(
      "replies undeliverable (tampered response_url)",
      lines.filter((l) => LISTENER_FAILED.test(l.message)).length - unexpected.length,
    );
    return tally;
  } finally {
    await slack.close();
  }
}
