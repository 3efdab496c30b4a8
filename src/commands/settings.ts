import { cmd } from "../domain/text.js";
import { privateReply } from "../views/card.js";
import { failureCard } from "../views/messages.js";
import { applySetting, SETTING_NAMES, settingsCard } from "./channel-settings.js";
import { defineCommand, str } from "./command.js";

/** `/srm settings [name value]`: shows this channel's question settings; admins change them. */
export default defineCommand({
  name: "settings",
  summary: "Show this channel's question settings; admins change them",
  group: "admin",
  admin: (args) => args.name !== undefined,
  args: [
    {
      name: "name",
      description: "The setting to change (leave out to show them)",
      kind: "choice",
      choices: SETTING_NAMES,
      placeholder: "setting",
    },
    {
      name: "value",
      description: "e.g. ec2,rds or all; easy, medium, hard or any; on or off; rotation or memory",
      kind: "text",
      rest: true,
      maxLength: 200,
    },
  ],
  help: [
    [cmd("settings"), ": this channel's settings"],
    [
      cmd("settings", { name: "services", value: "ec2,rds" }),
      " | difficulty easy|medium|hard|any | speed-bonus on|off | pick rotation|memory | digest on|off (Mondays from 09:00 UTC)",
    ],
  ],
  run: async ({ deps, channel }, args) => {
    const current = deps.settings.get(channel);
    const name = str(args, "name");
    if (name === "") return privateReply(settingsCard(await current));
    const value = str(args, "value");
    const changed = applySetting(
      await current,
      [name, ...(value === "" ? [] : value.split(/\s+/))],
      deps.matrix,
    );
    if (!changed.ok) return privateReply(failureCard(changed.failure));
    await deps.settings.put(channel, changed.value, deps.clock.now());
    return privateReply(settingsCard(changed.value, "Settings saved for this channel"));
  },
});
