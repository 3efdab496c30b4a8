import { USAGE } from "../../src/commands/grammar.js";
import type { Engine } from "../../src/engine.js";
import type { Actor } from "../../src/ports.js";
import type { Card } from "../../src/views/card.js";

/**
 * A person's App Home: the engine's home cards, and for admins the commands only they can run, since
 * App Home is where a Slack admin looks for what the app can do.
 */
export function homeCards(engine: Engine, actor: Actor, admins: ReadonlySet<string>): Card[] {
  const cards = engine.home(actor);
  if (!actor.platformAdmin && !admins.has(actor.userId)) return cards;
  return [
    ...cards,
    {
      accent: "neutral",
      title: "Admin commands",
      subtitle: "you can run these in any channel the bot is in",
      sections: [
        {
          items: [
            USAGE.daily,
            "/srm reveal (reveal the open question and give the points)",
            "/srm void (withdraw a question posted by mistake: no answer shown, no points)",
            USAGE.competition,
            USAGE.settings,
          ],
        },
      ],
    },
  ];
}
