import { describe, expect, it } from "vitest";
import { memoryApp } from "../support/app.js";
import { channel, member, say } from "../support/people.js";

const admin = member("admin", { admin: true });

function firstQuestionOf(app: ReturnType<typeof memoryApp>, channelId: string): string {
  const row = app.db
    .prepare("SELECT question_id FROM rounds WHERE channel = ? AND kind = 'channel' ORDER BY id LIMIT 1")
    .get(channelId) as { question_id: string };
  return row.question_id;
}

describe("the first question of a new channel", () => {
  it("differs between channels: 20 new channels start with many different questions", async () => {
    const app = memoryApp();
    const firsts = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const where = channel(`C${1000 + i}`);
      await say(app, admin, "daily now", where);
      firsts.add(firstQuestionOf(app, where.channelId));
    }
    expect(firsts.size).toBeGreaterThan(10);
  });
});
