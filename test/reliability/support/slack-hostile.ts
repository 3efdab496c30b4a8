import fc from "fast-check";
import {
  blockActionsPayload,
  FAKE_TEAM,
  type FakePerson,
  slashCommandFields,
} from "../../fakes/slack/payloads.js";
import { hostileActionId, hostileText } from "./hostile-text.js";

/** The second workspace of the Slack fuzz: rounds there must never take answers from the first. */
export const OTHER_TEAM = "T0OTHER";

/** One request as the fuzz sends it: a body, its content type, and what it was made from. */
export interface HostileRequest {
  readonly kind: "command" | "click" | "raw";
  readonly body: string;
  readonly contentType: string;
  /** The person and the response_url left intact in the payload, when both are (a reply is owed to them). */
  readonly replyTo: { readonly user: string; readonly responseId: string } | null;
  /** "team|user" as the adapter will read it, when the payload names both. */
  readonly actorKey: string | null;
  /**
   * Whether Bolt itself may answer 500: it reads `user`, `team`, `channel` and `actions[0]` of a click
   * before any listener runs (srm-bot's listeners acknowledge first, so a 500 is always Bolt's refusal).
   */
  readonly boltMayRefuse: boolean;
}

/** A value of the wrong type (or the right type, absurd) for any field of a payload. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, 0, -1, 1e308, true, false, "", [], {}, [1, 2], { id: 7 }, "x".repeat(70_000)),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer(),
);

/**
 * A response_url after tampering. Bolt posts replies to whatever URL a payload carries, so tampered
 * ones stay on loopback (or are not URLs at all): the fuzz must never send traffic anywhere else.
 */
const tamperedResponseUrl = fc.constantFrom(
  "",
  "not a url",
  "http://127.0.0.1:1/closed",
  "ftp://127.0.0.1/x",
);

/** Paths into a block_actions payload that the adapter or Bolt reads. */
const CLICK_PATHS: readonly (readonly (string | number)[])[] = [
  ["type"],
  ["user"],
  ["user", "id"],
  ["user", "name"],
  ["user", "username"],
  ["user", "team_id"],
  ["team"],
  ["team", "id"],
  ["actions"],
  ["actions", 0],
  ["actions", 0, "action_id"],
  ["actions", 0, "action_ts"],
  ["actions", 0, "type"],
  ["actions", 0, "value"],
  ["channel"],
  ["channel", "id"],
  ["container"],
  ["container", "channel_id"],
  ["message"],
  ["trigger_id"],
  ["api_app_id"],
  ["enterprise"],
  ["is_enterprise_install"],
];

/** Fields of a slash command's form (DROPPABLE: those whose absence the bot must survive). */
const COMMAND_FIELDS = [
  "team_id",
  "channel_id",
  "user_id",
  "user_name",
  "command",
  "text",
  "trigger_id",
  "api_app_id",
  "enterprise_id",
  "is_enterprise_install",
] as const;

/**
 * Signed bodies whose JSON is not an object. Bolt reads `null.ssl_check` in a promise nobody awaits, so a body
 * of null was never answered until srm-bot refused such bodies before Bolt reads them.
 */
export const NON_OBJECT_BODIES: readonly (readonly [string, string])[] = [
  ["payload=null", "application/x-www-form-urlencoded"],
  ["null", "application/json"],
  ["null", "application/x-www-form-urlencoded; charset=utf-8"],
  ["payload=%5B%5D", "application/x-www-form-urlencoded"],
  ["7", "application/json"],
  ['"text"', "application/json"],
];

/** Half the time nothing: a clean request among the hostile ones must still be answered. */
function sometimes<T>(list: fc.Arbitrary<T[]>): fc.Arbitrary<T[]> {
  return fc.oneof(fc.constant<T[]>([]), list);
}

/** One time in six a value, else null. */
function rarely<T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value });
}

type Mutation =
  | { readonly op: "drop"; readonly path: readonly (string | number)[] }
  | { readonly op: "set"; readonly path: readonly (string | number)[]; readonly value: unknown };

function apply(target: Record<string, unknown>, m: Mutation): void {
  let at: Record<string | number, unknown> = target;
  for (const key of m.path.slice(0, -1)) {
    const next = at[key];
    if (typeof next !== "object" || next === null) return;
    at = next as Record<string | number, unknown>;
  }
  const last = m.path.at(-1) as string | number;
  if (m.op === "drop") delete at[last];
  else at[last] = m.value;
}

function mutation(paths: fc.Arbitrary<readonly (string | number)[]>): fc.Arbitrary<Mutation> {
  return fc.oneof(
    paths.map((path) => ({ op: "drop" as const, path })),
    fc.record({ op: fc.constant("set" as const), path: paths, value: wrongValue }),
  );
}

/** Who is where in the fuzz: a person of each team, and ids of rounds to point forged buttons at. */
export interface SlackCast {
  readonly people: readonly { readonly person: FakePerson; readonly team: string }[];
  readonly roundIds: fc.Arbitrary<number>;
  readonly responseUrl: (id: string) => string;
}

let sequence = 0;
const nextResponseId = () => `fuzz-${++sequence}`;

/** A signed-able `/srm` command: hostile text and, sometimes, fields dropped or of the wrong kind. */
function command(cast: SlackCast): fc.Arbitrary<HostileRequest> {
  return fc
    .record({
      who: fc.constantFrom(...cast.people),
      text: hostileText,
      channel: fc.constantFrom("C1", "C2", "C0GENERAL"),
      drops: sometimes(fc.subarray([...COMMAND_FIELDS], { minLength: 1, maxLength: 2 })),
      sets: sometimes(
        fc.array(fc.tuple(fc.constantFrom(...COMMAND_FIELDS), fc.string({ unit: "binary", maxLength: 30 })), {
          minLength: 1,
          maxLength: 2,
        }),
      ),
      url: rarely(tamperedResponseUrl),
    })
    .map(({ who, text, channel, drops, sets, url }) => {
      const responseId = nextResponseId();
      const fields: Record<string, string> = {
        ...slashCommandFields({
          person: who.person,
          text,
          responseUrl: cast.responseUrl(responseId),
          channel,
        }),
        team_id: who.team,
      };
      for (const f of drops) delete fields[f];
      for (const [f, v] of sets) fields[f] = v;
      if (url !== null) fields.response_url = url;
      const user = fields.user_id;
      const intact = url === null && drops.length === 0 && sets.length === 0;
      return {
        kind: "command" as const,
        body: new URLSearchParams(fields).toString(),
        contentType: "application/x-www-form-urlencoded",
        replyTo: intact ? { user: user as string, responseId } : null,
        actorKey: fields.team_id !== undefined && user !== undefined ? `${fields.team_id}|${user}` : null,
        // A team named after an Object prototype key (valueOf, constructor), which Bolt would trip on, is
        // refused with 400 before Bolt reads it; every other command is srm-bot's to answer.
        boltMayRefuse: false,
      };
    });
}

/** A signed-able click: a forged or hostile button id, and sometimes a payload with holes or wrong types. */
function click(cast: SlackCast): fc.Arbitrary<HostileRequest> {
  return fc
    .record({
      who: fc.constantFrom(...cast.people),
      actionId: hostileActionId(cast.roundIds),
      channel: fc.constantFrom("C1", "C2", "C0GENERAL"),
      mutations: sometimes(
        fc.array(mutation(fc.constantFrom(...CLICK_PATHS)), { minLength: 1, maxLength: 3 }),
      ),
      url: rarely(tamperedResponseUrl),
    })
    .map(({ who, actionId, channel, mutations, url }) => {
      const responseId = nextResponseId();
      const payload = blockActionsPayload({
        person: who.person,
        actionId,
        responseUrl: cast.responseUrl(responseId),
        channel,
      });
      payload.team = { id: who.team, domain: "fake" };
      (payload.user as Record<string, unknown>).team_id = who.team;
      for (const m of mutations) apply(payload, m);
      if (url !== null) payload.response_url = url;
      const user = (payload.user as { id?: unknown } | null | undefined)?.id;
      const team =
        (payload.team as { id?: unknown } | null | undefined)?.id ??
        (payload.user as { team_id?: unknown } | null | undefined)?.team_id;
      return {
        kind: "click" as const,
        body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        contentType: "application/x-www-form-urlencoded",
        replyTo:
          mutations.length === 0 && url === null && typeof user === "string" ? { user, responseId } : null,
        actorKey: typeof user === "string" && typeof team === "string" ? `${team}|${user}` : null,
        boltMayRefuse: mutations.length > 0,
      };
    });
}

/** Bodies no Slack would send: broken JSON, the wrong shapes, the wrong content types. */
function raw(): fc.Arbitrary<HostileRequest> {
  return fc
    .oneof(
      fc.constantFrom<readonly [string, string]>(
        ["command=%2Fsrm&user_id=UANN&team_id=T0FAKE&channel_id=C1", "application/x-www-form-urlencoded"],
        ["payload=%7Bnot%20json", "application/x-www-form-urlencoded"],
        ["payload=%5B%5D", "application/x-www-form-urlencoded"],
        ["payload=42", "application/x-www-form-urlencoded"],
        ["", "application/x-www-form-urlencoded"],
        ["{}", "application/json"],
        ["[]", "application/json"],
        ['{"type":"block_actions"}', "application/json"],
        ['{"type":"event_callback","event":{}}', "application/json"],
        ['{"type":', "application/json"],
        ["command=%2Fsrm&text=reveal&user_id=U1&team_id=T0FAKE", "application/x-www-form-urlencoded"],
        ["<xml/>", "text/xml"],
      ),
      fc.tuple(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.constantFrom("application/json", "application/x-www-form-urlencoded", "text/plain"),
      ),
    )
    .map(([body, contentType]) => ({
      kind: "raw" as const,
      body,
      contentType,
      replyTo: null,
      actorKey: null,
      boltMayRefuse: true,
    }));
}

/** Any hostile Slack request. */
export function hostileSlackRequest(cast: SlackCast): fc.Arbitrary<HostileRequest> {
  return fc.oneof(
    { weight: 4, arbitrary: command(cast) },
    { weight: 5, arbitrary: click(cast) },
    { weight: 1, arbitrary: raw() },
  );
}

/** The team every default fake payload comes from (the first workspace). */
export const HOME_TEAM = FAKE_TEAM;
