import { describe, expect, it } from "vitest";
import { openApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { PgDb } from "../../src/store/postgres/db.js";
import { pgScoreDifferences } from "../../src/store/postgres/recompute.js";
import { RecordingAnnouncer, RecordingLogger } from "../fakes/announcer.js";
import { ManualClock, realContent } from "../support/app.js";
import { channel, member } from "../support/people.js";
import { freshDatabaseUrl } from "../support/postgres.js";

describe("/srm forget me on PostgreSQL", () => {
  it("forgets the person after the confirmation, and every stored score still equals a recomputation", async () => {
    const url = await freshDatabaseUrl();
    const app = await openApp(loadConfig({ SRM_DATABASE_URL: url }), {
      clock: new ManualClock(),
      announcer: new RecordingAnnouncer(),
      logger: new RecordingLogger(),
      content: realContent(),
    });
    const db = await PgDb.connect(url);
    try {
      const admin = member("admin", { admin: true });
      const [ann, bob] = [member("ann"), member("bob")];
      const say = (who: typeof ann, text: string) =>
        app.engine.handle({ text, actor: who, channel: channel() });
      await say(admin, "daily now");
      const round = await db.one<{ id: number; question_json: string }>(
        "SELECT id, question_json FROM rounds WHERE kind = 'channel' AND status = 'open'",
      );
      const key = (
        JSON.parse(round?.question_json ?? "{}") as { choices: { key: string; correct: boolean }[] }
      ).choices.find((c) => c.correct)?.key;
      for (const who of [ann, bob]) await app.engine.press(`answer:${round?.id}:${key}`, who);
      await say(admin, "reveal");
      const people = async () =>
        (await db.rows<{ user_id: string }>("SELECT DISTINCT user_id FROM scores ORDER BY user_id")).map(
          (r) => r.user_id,
        );
      expect(await people()).toEqual(["ann", "bob"]);

      await say(ann, "forget me");
      const done = await say(ann, "forget me confirm");
      expect(done.visibility).toBe("private");
      expect(done.cards[0]?.title).toBe("Forgotten");
      expect(await people()).toEqual(["bob"]);
      expect(await db.rows("SELECT id FROM answers WHERE user_id = 'ann'")).toEqual([]);
      expect(await pgScoreDifferences(db)).toEqual([]);
    } finally {
      await db.close();
      await app.close();
    }
  });
});
