import type { APIInteraction, APIMessage } from "discord.js";
import fc from "fast-check";
import { commandBodies } from "../../../adapters/discord/commands.js";
import type { FakeDiscord } from "../../fakes/discord/fake-discord.js";
import type { FakePerson } from "../../fakes/discord/guild.js";
import {
  autocompleteInteraction,
  buttonInteraction,
  chatInputInteraction,
  type InteractionContext,
  type Place,
} from "../../fakes/discord/payloads.js";
import { hostileActionId, hostileText } from "./hostile-text.js";

/** An interaction the fuzz delivers, and whether it is left well-formed (a response is then owed). */
export interface HostileInteraction {
  readonly payload: APIInteraction;
  readonly wellFormed: boolean;
  /** "guild|user" as the adapter reads the actor (the person's own "user-<id>" outside a guild). */
  readonly actorKey: string;
}

/** Who is where in the Discord fuzz. */
export interface DiscordCast {
  readonly fake: FakeDiscord;
  readonly people: readonly { readonly person: FakePerson; readonly place: Place }[];
  /** A posted question to press buttons on. */
  readonly message: APIMessage;
  readonly roundIds: fc.Arbitrary<number>;
}

/** Each command's subcommands as registered with Discord, and one it never had ("gone"). */
const SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  commandBodies().map((c) => [c.name, [...(c.options ?? []).map((o) => o.name), "gone"]]),
);
const OPTION_NAMES = [
  "service",
  "area",
  "text",
  "choice",
  "period",
  "schedule",
  "name",
  "length",
  "value",
  "x",
];

/** Parts of an interaction that discord.js or the adapter read, for structural tampering. */
const PATHS: readonly (readonly string[])[] = [
  ["data", "custom_id"],
  ["data", "component_type"],
  ["data", "name"],
  ["channel_id"],
  ["locale"],
  ["member", "nick"],
  ["member", "user", "global_name"],
];

/**
 * Parts discord.js itself cannot read when tampered (it throws building the interaction, or reading its
 * options): contained by the process and the adapter's boundary, which discord-containment.test.ts shows.
 */
export const LIBRARY_PATHS: readonly (readonly string[])[] = [
  ["data", "options"],
  ["member", "permissions"],
  ["app_permissions"],
  ["channel"],
  ["message", "components"],
];

const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, 0, -1, true, "", [], {}, "9".repeat(40), "x".repeat(5_000)),
  fc.string({ unit: "binary", maxLength: 30 }),
);

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (typeof next !== "object" || next === null) return;
    at = next as Record<string, unknown>;
  }
  const last = path.at(-1) as string;
  if (value === undefined) delete at[last];
  else at[last] = value;
}

/** A command, autocomplete or button press with hostile values and, sometimes, tampered parts. */
export function hostileInteraction(cast: DiscordCast): fc.Arbitrary<HostileInteraction> {
  const who = fc.constantFrom(...cast.people);
  const options = fc.dictionary(fc.constantFrom(...OPTION_NAMES), hostileText, { maxKeys: 3 });
  const command = fc
    .record({ name: fc.constantFrom("srm" as const, "srm-admin" as const), pick: fc.nat(), options })
    .map(({ name, pick, options }) => {
      const subcommands = SUBCOMMANDS[name] ?? ["gone"];
      const subcommand = subcommands[pick % subcommands.length] as string;
      return (c: InteractionContext) =>
        chatInputInteraction(c, cast.fake.commands[name], subcommand, options);
    });
  const autocomplete = fc
    .record({
      pick: fc.nat(),
      value: hostileText,
      focused: fc.constantFrom("service", "area", "period", "x"),
    })
    .map(
      ({ pick, value, focused }) =>
        (c: InteractionContext) =>
          autocompleteInteraction(
            c,
            cast.fake.commands.srm,
            pick % 2 ? "lookup" : "leaderboard",
            { [focused]: value },
            focused,
          ),
    );
  const button = hostileActionId(cast.roundIds).map(
    (id) => (c: InteractionContext) => buttonInteraction(c, cast.message, id.slice(0, 300)),
  );
  const tamper = fc.oneof(
    { weight: 3, arbitrary: fc.constant<[readonly string[], unknown][]>([]) },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(fc.constantFrom(...PATHS), fc.oneof(fc.constant(undefined), wrongValue)), {
        minLength: 1,
        maxLength: 2,
      }),
    },
  );
  return fc
    .record({
      who,
      build: fc.oneof(
        { weight: 4, arbitrary: command },
        { weight: 1, arbitrary: autocomplete },
        { weight: 4, arbitrary: button },
      ),
      tamper,
    })
    .map(({ who, build, tamper }) => {
      const payload = build({ applicationId: cast.fake.applicationId, person: who.person, place: who.place });
      for (const [path, value] of tamper) setPath(payload as unknown as Record<string, unknown>, path, value);
      return {
        payload,
        wellFormed: tamper.length === 0,
        actorKey: `${who.place.guildId ?? `user-${who.person.user.id}`}|${who.person.user.id}`,
      };
    });
}
