import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RecordingLogger } from "../../fakes/announcer.js";
import { eventually } from "../../fakes/slack/eventually.js";
import { MultiWorkspaceBot } from "../../fakes/slack/installs.js";
import type { FakePerson } from "../../fakes/slack/payloads.js";
import { FakeSlackWebApi } from "../../fakes/slack/web-api.js";
import { ManualClock } from "../../support/app.js";
import { freshDatabaseUrl } from "../../support/postgres.js";

const ONE = { team: "T0ONE", teamName: "Team One & Co", installer: "UADMIN1" };
const TWO = { team: "T0TWO", teamName: "Team Two", installer: "UADMIN2" };
const MIN = 60_000;

describe.each(["sqlite", "postgres"] as const)("Slack workspaces installing srm-bot (on %s)", (engine) => {
  let bot: MultiWorkspaceBot;
  let logger: RecordingLogger;
  let clock: ManualClock;
  let alice: FakePerson;
  let bob: FakePerson;
  beforeEach(async () => {
    logger = new RecordingLogger();
    clock = new ManualClock(new Date("2026-12-07T08:00:00Z")); // a Monday
    bot = await MultiWorkspaceBot.start(engine, logger, clock);
    alice = { id: "UALICE", name: "alice" };
    bob = { id: "UBOB", name: "bob" };
    bot.api.setUser(alice.id, { name: "alice", admin: true });
    bot.api.setUser(bob.id, { name: "bob", admin: true });
  });
  afterEach(async () => bot.close());

  /** Waits until the bot logs that `team`'s installation was removed. */
  const removed = (team: string) =>
    eventually(`${team}'s installation removed`, () =>
      logger.lines.find(
        (l) => l.message.includes("installation and token were removed") && l.fields?.team === team,
      ),
    );

  /** Every token the Web API calls naming `field` = `value` carried. */
  const tokensOf = (field: string, value: string) =>
    new Set(bot.api.calls.filter((c) => c.args[field] === value).map((c) => c.token));

  it("two workspaces install through Slack's consent page, and each is answered with its own token", async () => {
    const page = await bot.install(ONE);
    expect(page.status).toBe(200);
    expect(page.body).toContain("srm-bot is installed in Team One &#38; Co");
    expect((await bot.install(TWO)).status).toBe(200);
    const one = bot.api.oauth.tokenOf(ONE.team);
    const two = bot.api.oauth.tokenOf(TWO.team);
    expect(one).toBeDefined();
    expect(two).not.toEqual(one);

    const replyOne = await bot.ask(ONE.team, alice, "ec2 os-patching");
    const replyTwo = await bot.ask(TWO.team, bob, "ec2 os-patching");
    expect(JSON.stringify(replyOne)).toContain("Customer");
    expect(JSON.stringify(replyTwo)).toContain("Customer");
    // Who is asking is looked up in each workspace with that workspace's token, and only with it.
    expect(tokensOf("user", alice.id)).toEqual(new Set([one]));
    expect(tokensOf("user", bob.id)).toEqual(new Set([two]));
    // The exchange went to SLACK_API_URL (the fake), with the app's credentials.
    expect(bot.api.callsOf("oauth.v2.access").map((c) => c.args.client_id)).toEqual([
      bot.api.oauth.client.id,
      bot.api.oauth.client.id,
    ]);
    // No token reaches the log.
    expect(JSON.stringify(logger.lines)).not.toMatch(/xoxb-/);
  });

  it("a scheduled daily question is posted with the token of its channel's workspace", async () => {
    await bot.install(ONE);
    await bot.install(TWO);
    await bot.ask(ONE.team, alice, "daily set 09:00 UTC", "C0ONEDAILY");
    await bot.ask(TWO.team, bob, "daily set 09:00 UTC", "C0TWODAILY");
    while (clock.now() < new Date("2026-12-07T09:10:00Z")) {
      clock.advance(5 * MIN);
      await bot.app.engine.tick();
    }
    const posted = bot.api.callsOf("chat.postMessage");
    expect(posted.map((c) => c.args.channel).sort()).toEqual(["C0ONEDAILY", "C0TWODAILY"]);
    expect(tokensOf("channel", "C0ONEDAILY")).toEqual(new Set([bot.api.oauth.tokenOf(ONE.team)]));
    expect(tokensOf("channel", "C0TWODAILY")).toEqual(new Set([bot.api.oauth.tokenOf(TWO.team)]));
  });

  it("a workspace that uninstalls loses its token at once and is refused after, while the other is still served", async () => {
    await bot.install(ONE);
    await bot.install(TWO);
    const two = bot.api.oauth.tokenOf(TWO.team) ?? "";
    const gone = await bot.sender.event({ type: "app_uninstalled" }, undefined, {}, TWO.team);
    expect(gone.status).toBe(200);
    bot.api.oauth.revoke(two);
    // Slack is acknowledged first; the removal follows at once.
    await removed(TWO.team);
    expect((await bot.app.stores.installations.list()).map((i) => i.teamId)).toEqual([ONE.team]);

    const callsBefore = bot.api.calls.length;
    const { ack, replyId } = await bot.command(TWO.team, bob, "ec2 os-patching");
    // Refused without an answer or a crash, and logged for the operator; Slack is never called with the old token.
    expect(ack.status).toBe(200);
    expect(ack.body).toBe("");
    expect(bot.api.responsesTo(replyId)).toEqual([]);
    expect(bot.api.calls.slice(callsBefore).filter((c) => c.token === two)).toEqual([]);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: "error", message: "slack: a request failed before reaching srm-bot" }),
    );
    expect(JSON.stringify(logger.lines)).not.toContain(two);

    expect(JSON.stringify(await bot.ask(ONE.team, alice, "ec2 os-patching"))).toContain("Customer");
  });

  it("a scheduled question for a workspace that uninstalled is not posted, and its channel's schedule pauses", async () => {
    await bot.install(ONE);
    await bot.install(TWO);
    await bot.ask(TWO.team, bob, "daily set 09:00 UTC", "C0TWODAILY");
    await bot.sender.event({ type: "app_uninstalled" }, undefined, {}, TWO.team);
    await removed(TWO.team);
    while (clock.now() < new Date("2026-12-07T09:10:00Z")) {
      clock.advance(5 * MIN);
      await bot.app.engine.tick();
    }
    expect(tokensOf("channel", "C0TWODAILY")).toEqual(new Set());
    const channel = { platform: "slack" as const, workspaceId: TWO.team, channelId: "C0TWODAILY" };
    expect(await bot.app.stores.channelPauses.get(channel)).toMatchObject({ reason: "not_installed" });
  });

  it("revoking the bot's token removes the workspace's installation too", async () => {
    await bot.install(ONE);
    const revoked = await bot.sender.event(
      { type: "tokens_revoked", tokens: { oauth: [], bot: ["UT0ONEBOT"] } },
      undefined,
      {},
      ONE.team,
    );
    expect(revoked.status).toBe(200);
    await removed(ONE.team);
    expect(await bot.app.stores.installations.list()).toEqual([]);
  });

  it("an admin who cancels on Slack's consent page is told nothing was saved", async () => {
    const start = await bot.get("/slack/install");
    const state = new URL(String(start.headers.location)).searchParams.get("state") ?? "";
    const cookie = [start.headers["set-cookie"] ?? []]
      .flat()
      .map((c) => c.split(";")[0])
      .join("; ");
    const page = await bot.get(
      `/slack/oauth_redirect?error=access_denied&state=${encodeURIComponent(state)}`,
      cookie,
    );
    expect(page.status).toBe(200);
    expect(page.body).toContain("The install was cancelled in Slack, and nothing was saved");
    expect(await bot.app.stores.installations.list()).toEqual([]);
  });

  it("an install that did not start at /slack/install (no state cookie) is refused and saves nothing", async () => {
    const start = await bot.get("/slack/install");
    const back = new URL(
      bot.api.oauth.approve(String(start.headers.location), ONE, "http://127.0.0.1/slack/oauth_redirect"),
    );
    const page = await bot.get(`${back.pathname}${back.search}`);
    expect(page.status).toBe(400);
    expect(page.body).toContain("srm-bot was not installed");
    expect(await bot.app.stores.installations.list()).toEqual([]);
  });
});

describe.each(["sqlite", "postgres"] as const)("SRM_SECRET_KEY across restarts (on %s)", (engine) => {
  it("a restart with another SRM_SECRET_KEY stops, naming the setting, and the right key serves the workspace again", async () => {
    const folder = mkdtempSync(join(tmpdir(), "srm-install-"));
    const database: Record<string, string> =
      engine === "postgres"
        ? { SRM_DATABASE_URL: await freshDatabaseUrl() }
        : { SRM_DB: join(folder, "srm.db") };
    const api = await FakeSlackWebApi.start();
    const logger = new RecordingLogger();
    const clock = new ManualClock();
    const alice = { id: "UALICE", name: "alice" };
    try {
      const first = await MultiWorkspaceBot.start(engine, logger, clock, database, api);
      await first.install(ONE);
      await first.close(true);
      const wrongKey = "another-secret-key-that-is-longer-than-32-characters";
      const refused = await MultiWorkspaceBot.start(
        engine,
        logger,
        clock,
        { ...database, SRM_SECRET_KEY: wrongKey },
        api,
      ).catch((error: unknown) => error);
      expect(String((refused as Error).message)).toMatch(/SRM_SECRET_KEY is not the key it was saved with/);
      expect(String((refused as Error).message)).not.toContain(wrongKey);
      const again = await MultiWorkspaceBot.start(engine, logger, clock, database, api);
      expect(JSON.stringify(await again.ask(ONE.team, alice, "ec2 os-patching"))).toContain("Customer");
      await again.close(true);
    } finally {
      await api.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("an Enterprise Grid org-wide install", () => {
  let bot: MultiWorkspaceBot;
  const clock = new ManualClock(new Date("2026-12-07T08:00:00Z"));
  beforeEach(async () => {
    bot = await MultiWorkspaceBot.start("sqlite", new RecordingLogger(), clock);
  });
  afterEach(async () => bot.close());

  it("serves every workspace of the org with the org's token, for commands and scheduled posts", async () => {
    const page = await bot.install({
      team: "",
      teamName: "Grid Org",
      installer: "UORGADMIN",
      enterprise: "E0ORG",
    });
    expect(page.body).toContain("srm-bot is installed in every workspace of Grid Org");
    const org = bot.api.oauth.tokenOf("E0ORG");
    const carol = { id: "UCAROL", name: "carol" };
    bot.api.setUser(carol.id, { name: "carol", admin: true });
    const inOrg = { team: "T0GRIDA", enterprise: "E0ORG" };
    expect(JSON.stringify(await bot.ask(inOrg, carol, "ec2 os-patching"))).toContain("Customer");
    await bot.ask(inOrg, carol, "daily set 09:00 UTC", "C0GRIDDAILY");
    while (clock.now() < new Date("2026-12-07T09:10:00Z")) {
      clock.advance(5 * MIN);
      await bot.app.engine.tick();
    }
    const calls = bot.api.calls.filter((c) => c.args.user === carol.id || c.args.channel === "C0GRIDDAILY");
    expect(calls.map((c) => c.method)).toContain("chat.postMessage");
    expect(new Set(calls.map((c) => c.token))).toEqual(new Set([org]));
    // A workspace outside the org is not served by it.
    const { ack, replyId } = await bot.command("T0ELSEWHERE", carol, "ec2 os-patching");
    expect(ack.body).toBe("");
    expect(bot.api.responsesTo(replyId)).toEqual([]);
  });
});
