import { notice, privateReply } from "../views/card.js";
import { failureCard } from "../views/messages.js";
import { defineCommand } from "./command.js";

/** `/srm void`: withdraws a question posted by mistake, with no answer shown and no points. */
export default defineCommand({
  name: "void",
  aliases: ["withdraw"],
  summary: "Withdraw this channel's open question posted by mistake: no answer shown, no points",
  group: "admin",
  admin: true,
  slow: true,
  args: [],
  run: async ({ deps, steps, actor, channel }) => {
    const open = await deps.rounds.openInChannel(channel);
    if (!open) return privateReply(failureCard({ code: "NoOpenRound" }));
    // Pending count updates land first, so none can put the question back over the withdrawal.
    await steps.idle();
    const voided = await deps.rounds.voidRound(open.id, actor);
    if (!voided.ok) return privateReply(failureCard(voided.failure));
    return privateReply(
      notice(
        "success",
        "Withdrawn",
        `Round ${voided.value.round.id} is closed without points (${voided.value.answers} answered); the channel sees that it was withdrawn, not its answer, and the question may be asked again later.`,
      ),
    );
  },
});
