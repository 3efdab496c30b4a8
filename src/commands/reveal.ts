import { cmd, say } from "../domain/text.js";
import { notice, privateReply } from "../views/card.js";
import { failureCard } from "../views/messages.js";
import { defineCommand } from "./command.js";

/** `/srm reveal`: closes this channel's open question and reveals the answer and the points. */
export default defineCommand({
  name: "reveal",
  summary: "Reveal this channel's open question now: the answer and the points",
  group: "admin",
  admin: true,
  slow: true,
  args: [],
  run: async ({ deps, steps, channel }) => {
    const open = await deps.rounds.openInChannel(channel);
    if (!open) return privateReply(failureCard({ code: "NoOpenRound" }));
    // Pending count updates land first, so none can overwrite the reveal.
    await steps.idle();
    const revealed = await deps.rounds.closeAndReveal(open.id);
    if (!revealed) return privateReply(notice("neutral", "That question was already revealed"));
    if (revealed.announceFailure !== null)
      return privateReply(
        notice(
          "warning",
          "Revealed, but the channel could not be told",
          say`${revealed.answers.length} answered and their points are saved, but the platform refused the reveal: ${revealed.announceFailure}. srm-bot tries again shortly; ${cmd("leaderboard")} shows the points meanwhile.`,
        ),
      );
    return privateReply(
      notice(
        "success",
        "Revealed",
        `${revealed.answers.length} answered; the answer and the points are in the channel.`,
      ),
    );
  },
});
