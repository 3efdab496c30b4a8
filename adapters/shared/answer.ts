/**
 * The ways a platform lets a front end answer one request. Slack and Discord both want a first response
 * within three seconds: it may carry the answer, or only acknowledge, and the answer follows.
 */
export interface AnswerRoute<M> {
  /** Sends the request's one first response, carrying `m` (Slack's ack with a body, interaction.reply). */
  first(m: M): Promise<unknown>;
  /** The first response without an answer yet (Slack's empty ack, interaction.deferReply). */
  acknowledge(): Promise<unknown>;
  /** Sends `m` once the request was acknowledged (Slack's response_url, interaction.editReply). */
  later(m: M): Promise<unknown>;
}

/**
 * One request's answer, sent exactly once whatever happens first: the answer, the deadline or a failure.
 * Its state changes before each send starts, so an answer that becomes ready while the acknowledgement is
 * on its way follows it instead of racing it.
 */
export class Answer<M> {
  private state: "open" | "acknowledged" = "open";

  constructor(private readonly route: AnswerRoute<M>) {}

  /** Whether the first response has gone (or is on its way). */
  get acknowledged(): boolean {
    return this.state !== "open";
  }

  /** Acknowledges without an answer, unless the first response went already. */
  async acknowledge(): Promise<void> {
    if (this.state !== "open") return;
    this.state = "acknowledged";
    await this.route.acknowledge();
  }

  /** Sends `m`: in the first response when there was none yet, after it otherwise. */
  async send(m: M): Promise<void> {
    if (this.state === "open") {
      this.state = "acknowledged";
      await this.route.first(m);
    } else await this.route.later(m);
  }
}

type Settled<M> = { readonly ok: true; readonly value: M } | { readonly ok: false; readonly error: unknown };

/**
 * Answers within the platform's deadline: when `work` is ready within `budgetMs` its answer goes in the first
 * response (one round trip, nothing more to send); otherwise the request is acknowledged at the budget and
 * the answer follows when it is ready. A budget of 0 acknowledges at once, for work known to be slow. A
 * failure of `work` is thrown, for the boundary to apologise through the same Answer.
 */
export async function answerWithin<M>(answer: Answer<M>, work: Promise<M>, budgetMs: number): Promise<void> {
  // Settled right away so that a failure while acknowledging is never an unhandled rejection.
  const settled: Promise<Settled<M>> = work.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
  const ready = budgetMs > 0 ? await withinBudget(settled, budgetMs) : null;
  if (!ready) await answer.acknowledge();
  const done = ready ?? (await settled);
  if (!done.ok) throw done.error;
  await answer.send(done.value);
}

/** What `settled` resolved to within `ms`, or null when it took longer. */
async function withinBudget<T>(settled: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}
