import { helpLines } from "../../src/commands/help.js";
import { REGISTRY } from "../../src/commands/index.js";
import type { Engine } from "../../src/engine.js";
import type { Actor } from "../../src/ports.js";
import type { Card } from "../../src/views/card.js";

/**
 * A person's App Home: the engine's home cards, and for admins the commands only they can run, since
 * App Home is where a Slack admin looks for what the app can do. Both lists come from the command registry.
 */
export async function homeCards(engine: Engine, actor: Actor, admins: ReadonlySet<string>): Promise<Card[]> {
  const cards = await engine.home(actor);
  // What Slack said when the tab opened is enough to show a list; running a command asks afresh.
  if (!actor.platformAdmin && !admins.has(actor.userId)) return cards;
  return [
    ...cards,
    {
      accent: "neutral",
      title: "Admin commands",
      subtitle: "you can run these in any channel the bot is in",
      sections: [{ items: REGISTRY.commands.filter((c) => c.group === "admin").flatMap(helpLines) }],
    },
  ];
}
