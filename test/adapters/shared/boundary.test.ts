import { describe, expect, it } from "vitest";
import { type Boundary, guarded } from "../../../adapters/shared/boundary.js";
import { RecordingLogger } from "../../fakes/announcer.js";

function boundary(unanswerable?: (error: unknown) => string | null): Boundary & { logger: RecordingLogger } {
  return {
    logger: new RecordingLogger(),
    where: "test",
    describe: (error) => ({
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    }),
    ...(unanswerable ? { unanswerable } : {}),
  };
}

describe("the error boundary around a request", () => {
  it("work that succeeds is neither logged nor apologised for", async () => {
    const b = boundary();
    const apologies: string[] = [];
    await guarded(
      b,
      "command failed",
      { user: "U1" },
      async () => {},
      async () => apologies.push("sorry"),
    );
    expect(apologies).toEqual([]);
    expect(b.logger.lines).toEqual([]);
  });

  it("an unexpected failure is logged once as an error with the request's ids, and the person gets the apology", async () => {
    const b = boundary();
    const apologies: string[] = [];
    await guarded(
      b,
      "command failed",
      { user: "U1" },
      async () => {
        throw new TypeError("x is undefined");
      },
      async () => apologies.push("sorry"),
    );
    expect(apologies).toEqual(["sorry"]);
    expect(b.logger.lines).toEqual([
      {
        level: "error",
        message: "command failed",
        fields: { where: "test", user: "U1", error: "TypeError: x is undefined" },
      },
    ]);
  });

  it("an apology that fails too is named on the same one error line, and nothing is thrown", async () => {
    const b = boundary();
    await guarded(
      b,
      "command failed",
      {},
      async () => {
        throw new Error("database closed");
      },
      async () => {
        throw new Error("the platform is down");
      },
    );
    expect(b.logger.lines).toHaveLength(1);
    expect(b.logger.lines[0]?.fields).toMatchObject({
      error: "Error: database closed",
      apologyFailed: "Error: the platform is down",
    });
  });

  it("a failure that leaves nothing to answer is a warning, with no apology", async () => {
    const b = boundary((e) => (e instanceof RangeError ? "the request expired" : null));
    const apologies: string[] = [];
    await guarded(
      b,
      "command failed",
      { user: "U2" },
      async () => {
        throw new RangeError("Unknown interaction");
      },
      async () => apologies.push("sorry"),
    );
    expect(apologies).toEqual([]);
    expect(b.logger.lines.map((l) => [l.level, l.message])).toEqual([["warn", "the request expired"]]);
  });
});
