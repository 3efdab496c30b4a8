import { describe, expect, it } from "vitest";
import { firstDelivery, RecentIds } from "../../../adapters/shared/recent-ids.js";
import type { DeliveryLog } from "../../../src/ports.js";
import { RecordingLogger } from "../../fakes/announcer.js";

describe("recent delivery ids", () => {
  it("a delivery is new once; the same id again is a repeat", () => {
    const ids = new RecentIds(10);
    expect([ids.firstTime("a"), ids.firstTime("b"), ids.firstTime("a")]).toEqual([true, true, false]);
  });

  it("past its limit the oldest id is forgotten first, and the newest are still recognised", () => {
    const ids = new RecentIds(2);
    ids.firstTime("a");
    ids.firstTime("b");
    ids.firstTime("c");
    expect(ids.firstTime("c")).toBe(false);
    expect(ids.firstTime("b")).toBe(false);
    expect(ids.firstTime("a")).toBe(true);
  });

  it("when the log cannot say (a busy database) the delivery is handled, not dropped, and a warning says so", async () => {
    const busy: DeliveryLog = {
      async firstTime() {
        throw Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
      },
    };
    const logger = new RecordingLogger();
    const describe = (e: unknown) => ({ error: String(e) });
    expect(await firstDelivery(busy, "command:T-1", { logger, where: "slack", describe })).toBe(true);
    expect(logger.lines.map((l) => [l.level, l.fields?.where])).toEqual([["warn", "slack"]]);
  });
});
