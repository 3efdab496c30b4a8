import { afterEach, describe, expect, it, vi } from "vitest";
import { Answer, type AnswerRoute, answerWithin } from "../../../adapters/shared/answer.js";

/** A platform's answer route that records what was sent, in order. */
function recordingRoute() {
  const sent: string[] = [];
  let acknowledgementArrives: () => void = () => {};
  let holdAcknowledgement = false;
  const route: AnswerRoute<string> = {
    first: async (m) => sent.push(`first: ${m}`),
    acknowledge: async () => {
      sent.push("acknowledged");
      if (holdAcknowledgement) await new Promise<void>((resolve) => (acknowledgementArrives = resolve));
    },
    later: async (m) => sent.push(`later: ${m}`),
  };
  return {
    sent,
    route,
    /** Makes the acknowledgement take until `arrive` is called. */
    slowAcknowledgement: () => {
      holdAcknowledgement = true;
      return { arrive: () => acknowledgementArrives() };
    },
  };
}

/** A piece of work that finishes when told to. */
function pending<T>() {
  let finish: (v: T) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const work = new Promise<T>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { work, finish, fail };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("answering within a platform's deadline", () => {
  it("an answer ready within the budget travels in the first response, and nothing follows", async () => {
    const r = recordingRoute();
    await answerWithin(new Answer(r.route), Promise.resolve("AWS patches the hypervisor"), 1_000);
    expect(r.sent).toEqual(["first: AWS patches the hypervisor"]);
  });

  it("an answer not ready by the budget is acknowledged at the budget, and follows when it is ready", async () => {
    vi.useFakeTimers();
    const r = recordingRoute();
    const slow = pending<string>();
    const answering = answerWithin(new Answer(r.route), slow.work, 1_500);
    await vi.advanceTimersByTimeAsync(1_499);
    expect(r.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.sent).toEqual(["acknowledged"]);
    slow.finish("Competition started");
    await answering;
    expect(r.sent).toEqual(["acknowledged", "later: Competition started"]);
  });

  it("with no budget the request is acknowledged at once, before the work is done", async () => {
    const r = recordingRoute();
    const slow = pending<string>();
    const answering = answerWithin(new Answer(r.route), slow.work, 0);
    await vi.waitFor(() => expect(r.sent).toEqual(["acknowledged"]));
    slow.finish("Posted");
    await answering;
    expect(r.sent).toEqual(["acknowledged", "later: Posted"]);
  });

  it("an answer ready while the acknowledgement is on its way follows it, and is sent once", async () => {
    vi.useFakeTimers();
    const r = recordingRoute();
    const ack = r.slowAcknowledgement();
    const slow = pending<string>();
    const answer = new Answer(r.route);
    const answering = answerWithin(answer, slow.work, 10);
    await vi.advanceTimersByTimeAsync(10);
    slow.finish("ready just now");
    expect(answer.acknowledged).toBe(true);
    ack.arrive();
    await answering;
    expect(r.sent).toEqual(["acknowledged", "later: ready just now"]);
  });

  it("a failure within the budget is thrown, and the apology then goes in the first response", async () => {
    const r = recordingRoute();
    const answer = new Answer(r.route);
    const failure = new Error("database closed");
    await expect(answerWithin(answer, Promise.reject(failure), 1_000)).rejects.toBe(failure);
    await answer.send("Something went wrong on our side");
    expect(r.sent).toEqual(["first: Something went wrong on our side"]);
  });

  it("a failure after the acknowledgement is thrown, and the apology follows the acknowledgement", async () => {
    const r = recordingRoute();
    const answer = new Answer(r.route);
    const slow = pending<string>();
    const answering = answerWithin(answer, slow.work, 0);
    slow.fail(new Error("database closed"));
    await expect(answering).rejects.toThrow("database closed");
    await answer.send("Something went wrong on our side");
    expect(r.sent).toEqual(["acknowledged", "later: Something went wrong on our side"]);
  });

  it("acknowledging an answer already sent sends nothing more", async () => {
    const r = recordingRoute();
    const answer = new Answer(r.route);
    await answer.send("Locked in: B");
    await answer.acknowledge();
    expect(r.sent).toEqual(["first: Locked in: B"]);
  });
});
