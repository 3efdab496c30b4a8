import type { ChannelSettings } from "../domain/channel.js";
import { echo, echoWords } from "../domain/echo.js";
import { fail, type Outcome, ok } from "../domain/failure.js";
import type { Difficulty } from "../domain/question.js";
import { say, usage } from "../domain/text.js";
import { didYouMean } from "../knowledge/content-file.js";
import type { OwnershipMatrix } from "../knowledge/matrix.js";
import type { Card } from "../views/card.js";

/** The settings a channel has, as `/srm settings <name>` names them. */
export const SETTING_NAMES = ["services", "difficulty", "speed-bonus", "pick", "digest"] as const;

/** Applies `/srm settings <name> <value>` to a channel's settings, or says what is wrong. */
export function applySetting(
  current: ChannelSettings,
  args: readonly string[],
  matrix: OwnershipMatrix,
): Outcome<ChannelSettings> {
  const [name = "", ...values] = args.map((a) => a.toLowerCase());
  const value = values.join(" ").trim();
  switch (name) {
    case "services": {
      if (value === "")
        return fail({ code: "BadUsage", problem: "Name the services, or all", usage: "settings" });
      if (value === "all" || value === "any") return ok({ ...current, services: null });
      const ids = value.split(/[\s,]+/).filter((v) => v !== "");
      const unknown = ids.filter((id) => !matrix.service(id));
      if (unknown.length > 0)
        return fail({
          code: "BadUsage",
          problem: `Unknown service id ${echoWords(unknown)}${
            unknown.length === 1
              ? didYouMean(
                  unknown[0] as string,
                  matrix.services.map((s) => s.id),
                )
              : ""
          }; known: ${matrix.services.map((s) => s.id).join(", ")}`,
          usage: "settings",
        });
      return ok({ ...current, services: [...new Set(ids)] });
    }
    case "difficulty": {
      if (value === "any" || value === "all") return ok({ ...current, difficulty: null });
      if (value === "easy" || value === "medium" || value === "hard")
        return ok({ ...current, difficulty: value as Difficulty });
      return fail({
        code: "BadUsage",
        problem: `"${echo(value)}" is not a difficulty`,
        usage: "settings",
      });
    }
    case "speed-bonus":
    case "speed": {
      if (value === "on" || value === "off") return ok({ ...current, speedBonus: value === "on" });
      return fail({ code: "BadUsage", problem: "speed-bonus is on or off", usage: "settings" });
    }
    case "pick": {
      if (value === "rotation" || value === "memory") return ok({ ...current, pick: value });
      return fail({ code: "BadUsage", problem: "pick is rotation or memory", usage: "settings" });
    }
    case "digest": {
      if (value === "on" || value === "off") return ok({ ...current, digest: value === "on" });
      return fail({ code: "BadUsage", problem: "digest is on or off", usage: "settings" });
    }
    default:
      return fail({ code: "BadUsage", problem: `Unknown setting "${echo(name)}"`, usage: "settings" });
  }
}

/** The card that shows a channel's settings. */
export function settingsCard(s: ChannelSettings, title = "Question settings for this channel"): Card {
  return {
    accent: "neutral",
    title,
    sections: [
      { label: "Services", text: s.services ? s.services.join(", ") : "all" },
      { label: "Difficulty", text: s.difficulty ?? "any" },
      {
        label: "Speed bonus",
        text: s.speedBonus
          ? "on: the first three correct answers earn +3, +2, +1"
          : "off (the default: a question stays open for hours, so being first earns nothing)",
      },
      {
        label: "Question pick",
        text:
          s.pick === "memory"
            ? "memory: the question whose cells this channel's active members are most likely to have forgotten"
            : "rotation (the default): every question once before any repeats, varying service and area",
      },
      {
        label: "Weekly digest",
        text: s.digest ? "on: Mondays, the three weakest cells and the most asked lookups" : "off",
      },
    ],
    footer: say`Change with ${usage("settings")}`,
  };
}
