/** The workspace (team) every fake payload comes from. */
export const FAKE_TEAM = "T0FAKE";
/** The app every fake payload is addressed to. */
export const FAKE_APP = "A0SRM";

/** A Slack user in a payload. */
export interface FakePerson {
  readonly id: string;
  readonly name: string;
}

let counter = 0;
/** A fresh id for trigger_ids, action_ts and event_ids: unique within a test run. */
export function uniqueId(): string {
  counter += 1;
  return `${Date.now()}${String(counter).padStart(6, "0")}`;
}

/** A fresh Slack timestamp ("seconds.sequence"), as action_ts and message ts look. */
export function uniqueTs(): string {
  counter += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(counter).padStart(6, "0")}`;
}

/** The fields of a `/srm` slash command, as Slack form-encodes them. */
export function slashCommandFields(o: {
  readonly person: FakePerson;
  readonly text: string;
  readonly responseUrl: string;
  readonly channel?: string;
  readonly triggerId?: string;
  /** The workspace it is typed in (FAKE_TEAM when not given). */
  readonly team?: string;
  /** The Enterprise Grid org whose org-wide install serves the workspace. */
  readonly enterprise?: string;
}): Record<string, string> {
  return {
    token: "legacy-verification-token",
    team_id: o.team ?? FAKE_TEAM,
    team_domain: "fake",
    channel_id: o.channel ?? "C0GENERAL",
    channel_name: "general",
    user_id: o.person.id,
    user_name: o.person.name,
    command: "/srm",
    text: o.text,
    api_app_id: FAKE_APP,
    is_enterprise_install: o.enterprise ? "true" : "false",
    ...(o.enterprise ? { enterprise_id: o.enterprise, enterprise_name: "Org" } : {}),
    response_url: o.responseUrl,
    trigger_id: o.triggerId ?? `${uniqueId()}.trigger`,
  };
}

/**
 * A `block_actions` payload: one person clicked one button on a channel message, or (with `selected`) chose
 * one option of a static_select menu, which Slack sends with the option chosen as `selected_option`.
 */
export function blockActionsPayload(o: {
  readonly person: FakePerson;
  readonly actionId: string;
  readonly responseUrl: string;
  readonly channel?: string;
  readonly messageTs?: string;
  readonly actionTs?: string;
  readonly selected?: { readonly value: string; readonly text: string };
}): Record<string, unknown> {
  const channel = o.channel ?? "C0GENERAL";
  const messageTs = o.messageTs ?? "1700000000.000001";
  return {
    type: "block_actions",
    user: { id: o.person.id, username: o.person.name, name: o.person.name, team_id: FAKE_TEAM },
    api_app_id: FAKE_APP,
    token: "legacy-verification-token",
    container: { type: "message", message_ts: messageTs, channel_id: channel, is_ephemeral: false },
    trigger_id: `${uniqueId()}.trigger`,
    team: { id: FAKE_TEAM, domain: "fake" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: "general" },
    message: { type: "message", ts: messageTs, text: "question" },
    state: { values: {} },
    response_url: o.responseUrl,
    actions: [
      o.selected
        ? {
            type: "static_select",
            action_id: o.actionId,
            block_id: "menus",
            selected_option: {
              text: { type: "plain_text", text: o.selected.text, emoji: true },
              value: o.selected.value,
            },
            placeholder: { type: "plain_text", text: "Choose", emoji: true },
            action_ts: o.actionTs ?? uniqueTs(),
          }
        : {
            type: "button",
            action_id: o.actionId,
            block_id: "answers",
            text: { type: "plain_text", text: o.actionId.slice(-1), emoji: true },
            action_ts: o.actionTs ?? uniqueTs(),
          },
    ],
  };
}

/** An Events API envelope (`event_callback`) around one event. */
export function eventCallback(
  event: Record<string, unknown>,
  eventId: string = `Ev${uniqueId()}`,
  team: string = FAKE_TEAM,
): Record<string, unknown> {
  return {
    token: "legacy-verification-token",
    team_id: team,
    api_app_id: FAKE_APP,
    event: { event_ts: "1700000000.000100", ...event },
    type: "event_callback",
    event_id: eventId,
    event_time: 1700000000,
    authorizations: [
      {
        enterprise_id: null,
        team_id: team,
        user_id: "UBOT",
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

/** The `app_home_opened` event Slack sends when a person opens the app's Home tab. */
export function appHomeOpened(
  person: FakePerson,
  tab: "home" | "messages" = "home",
): Record<string, unknown> {
  return { type: "app_home_opened", user: person.id, channel: "D0HOME", tab };
}
