import type {
  AckFn,
  AllMiddlewareArgs,
  App,
  BlockAction,
  RespondArguments,
  RespondFn,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  webApi,
} from "@slack/bolt";
import { type Engine, internalErrorCard } from "../../src/engine.js";
import type { ChannelRef, DeliveryLog, Logger } from "../../src/ports.js";
import { type Card, notice, privateReply, type Reply } from "../../src/views/card.js";
import { Answer, answerWithin } from "../shared/answer.js";
import { type Boundary, guarded, type LogFields } from "../shared/boundary.js";
import { firstDelivery } from "../shared/recent-ids.js";
import { homeView, messageFor, type SlackMessage, type UploadedFiles } from "./blocks.js";
import { deliveryKey } from "./deliveries.js";
import { dispatchCommand } from "./dispatch.js";
import { homeCards } from "./home.js";
import type { SlackPeople } from "./people.js";
import { SlackPictures } from "./pictures.js";
import { WorkQueue } from "./work-queue.js";

/** What the Slack listeners need. */
export interface SlackHandlerDeps {
  readonly engine: Engine;
  readonly people: SlackPeople;
  readonly admins: ReadonlySet<string>;
  readonly logger: Logger;
  /** Where handled deliveries are remembered (a retry or a replay is dropped). */
  readonly deliveries: DeliveryLog;
  /** Called with each request's work, so that stopping can wait for it. */
  readonly track: (work: Promise<void>) => void;
}

/** The Slack slash command srm-bot answers. */
export const SLASH_COMMAND = "/srm";

/**
 * How many requests' work may run at once, per kind; the rest wait their turn while their acknowledgements go
 * out. Answer clicks have their own places: they never wait behind commands held up by a profile lookup.
 */
const WORK_AT_ONCE = 8;

/** How long a command may run and still reply inside its acknowledgement; Slack's limit is 3 s, round trip. */
const REPLY_IN_ACK_MS = 2_000;

/**
 * Registers every listener on a Bolt app: `/srm`, button clicks and App Home. Each acknowledges within
 * Slack's three seconds and does its work inside one boundary that logs an unexpected failure once and
 * tells the person kindly.
 */
export function registerSlackHandlers(app: App, deps: SlackHandlerDeps): void {
  const { engine, people, logger, track, deliveries } = deps;
  const commandWork = new WorkQueue(WORK_AT_ONCE);
  const clickWork = new WorkQueue(WORK_AT_ONCE);
  const boundary: Boundary = { logger, where: "slack", describe: (error) => ({ error }) };
  /** Runs one request's work inside the shared boundary, and lets stopping wait for it. */
  const perform = (
    what: string,
    fields: LogFields,
    apologise: () => Promise<unknown>,
    work: () => Promise<void>,
  ) => {
    const done = guarded(boundary, `slack ${what} failed`, fields, work, apologise);
    track(done);
    return done;
  };

  const pictures = new SlackPictures(logger);

  const onCommand = async ({
    command,
    ack,
    respond,
    client,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const fields = { user: command.user_id, channel: command.channel_id };
    const answer = commandAnswer(ack, respond, logger, fields);
    const apologise = () => answer.send(responseOf(privateReply(internalErrorCard)));
    await perform("command", fields, apologise, async () => {
      const missing = missingFields({
        team_id: command.team_id,
        user_id: command.user_id,
        channel_id: command.channel_id,
      });
      if (missing) {
        logger.warn("refused a Slack command with fields missing", { missing });
        await answer.send(responseOf(privateReply(malformedCard(missing))));
        return;
      }
      const channel: ChannelRef = {
        platform: "slack",
        workspaceId: command.team_id,
        channelId: command.channel_id,
      };
      const work = (async () => {
        // The profile lookup waits outside the work queue (it has its own limit), so a rate-limited
        // users.info holds no place that another person's command or click needs.
        const actor = await people.actor(command.team_id, command.user_id, command.user_name);
        const reply = await commandWork.run(() => dispatchCommand(engine, command, actor, channel));
        // A reply's pictures are uploaded first, so its image blocks can name their files.
        const uploaded = reply.cards.some((c) => c.image)
          ? await pictures.upload(client, reply, command.team_id)
          : undefined;
        return responseOf(reply, uploaded);
      })();
      await answerWithin(answer, work, REPLY_IN_ACK_MS);
    });
  };

  const onClick = async ({
    body,
    action,
    ack,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    const fields = { user: String(body.user?.id), action: String(action.action_id) };
    const answer = clickAnswer(ack, privateAnswerer(body, respond, client));
    const apologise = () => answer.send(messageFor([internalErrorCard]));
    await perform("button", fields, apologise, async () => {
      const missing = missingFields({ "user.id": body.user?.id, action_id: action.action_id });
      if (missing) {
        logger.warn("refused a Slack click with fields missing", { missing });
        await answer.send(messageFor([malformedCard(missing)]));
        return;
      }
      const teamId = body.team?.id ?? body.user.team_id ?? "";
      // A click that names no channel is pressed nowhere a channel's question lives (null), never "anywhere".
      const channelId = body.channel?.id || stringOrNull(body.container?.channel_id);
      const pressedIn = channelId ? { platform: "slack" as const, workspaceId: teamId, channelId } : null;
      // A menu's choice comes back as the chosen option's value, which is the engine's id for it.
      const pressed = action.type === "static_select" ? action.selected_option.value : action.action_id;
      const work = (async () => {
        const actor = await people.presser(teamId, body.user.id, body.user.name || body.user.username);
        return messageFor((await clickWork.run(() => engine.press(pressed, actor, pressedIn))).cards);
      })();
      // A click's acknowledgement carries no message: it goes at once, and the answer follows privately.
      await answerWithin(answer, work, 0);
    });
  };

  const onHomeOpened = async ({
    event,
    body,
    client,
  }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== "home") return;
    const publish = (cards: Card[]) => client.views.publish({ user_id: event.user, view: homeView(cards) });
    await perform(
      "app home",
      { user: event.user },
      () => publish([internalErrorCard]),
      async () => {
        const actor = await people.actor(body.team_id, event.user);
        await publish(await commandWork.run(async () => homeCards(engine, actor, deps.admins)));
      },
    );
  };

  // One middleware routes every request, where app.command, app.action and app.event would each add a
  // listener: Bolt runs every listener's matchers for every request, copying all its arguments at each step,
  // and with three listeners that cost more per lookup than the engine and its rendering together. The
  // matching is the listeners' own: a command by name, a click by body type, an event by its type.
  app.use(async (args) => {
    // A delivery Slack sends again (a retry after a slow acknowledgement) is acknowledged and dropped, so the
    // person never gets a second, puzzling reply to one command or click.
    const key = deliveryKey(args.body);
    if (key !== null && !(await firstDelivery(deliveries, `slack:${key}`, boundary))) {
      logger.info("ignored a repeated Slack delivery", { retry: args.context.retryNum ?? null });
      if ("ack" in args && typeof args.ack === "function") await args.ack();
      return;
    }
    if ("command" in args && args.command?.command === SLASH_COMMAND)
      return onCommand(args as SlackCommandMiddlewareArgs & AllMiddlewareArgs);
    if ("action" in args && args.action && args.body.type === "block_actions")
      return onClick(args as SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs);
    if ("event" in args && args.event?.type === "app_home_opened")
      return onHomeOpened(args as SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs);
    await args.next();
  });
}

/** A reply as a response: only the asker sees a private one; a channel reply is posted for everyone. */
function responseOf(reply: Reply, uploaded?: UploadedFiles): RespondArguments {
  const { text, blocks } = messageFor(reply.cards, uploaded);
  return { response_type: reply.visibility === "channel" ? "in_channel" : "ephemeral", text, blocks };
}

/**
 * How a command's reply is sent. A reply ready within the deadline travels in the acknowledgement itself:
 * one round trip, nothing more to send. A command that takes longer (a reveal waiting out a rate limit, say)
 * is acknowledged empty at the deadline and its reply goes to the response_url when it is ready.
 */
function commandAnswer(
  ack: AckFn<string | RespondArguments>,
  respond: RespondFn,
  logger: Logger,
  fields: LogFields,
): Answer<RespondArguments> {
  return new Answer<RespondArguments>({
    first: (reply) => ack(reply),
    acknowledge: () =>
      // The reply still goes to the response_url: a failed acknowledgement is worth a warning, not an apology.
      ack().catch((error: unknown) =>
        logger.warn("slack command: acknowledging at the deadline failed", {
          ...fields,
          error: String(error),
        }),
      ),
    later: (reply) => respond(reply),
  });
}

/** How a click is answered: acknowledged empty, then answered privately (see privateAnswerer). */
function clickAnswer(
  ack: AckFn<void>,
  privately: (message: SlackMessage) => Promise<unknown>,
): Answer<SlackMessage> {
  return new Answer<SlackMessage>({
    first: async (message) => {
      await ack();
      await privately(message);
    },
    acknowledge: () => ack(),
    later: privately,
  });
}

/**
 * How to answer the person who clicked, and only them: through the click's response_url (ephemeral, the
 * clicked message left as it is), or with chat.postEphemeral when Slack sent no response_url.
 */
function privateAnswerer(
  body: BlockAction,
  respond: RespondFn,
  client: webApi.WebClient,
): (message: SlackMessage) => Promise<unknown> {
  return async (message) => {
    if (body.response_url)
      return respond({ ...message, response_type: "ephemeral", replace_original: false });
    const channel = body.channel?.id;
    if (!channel) throw new Error("a click came with neither a response_url nor a channel to answer in");
    return client.chat.postEphemeral({ channel, user: body.user.id, ...message });
  };
}

/** A value when it is a non-empty string, else null. */
function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** The names of fields that are not non-empty strings, or null when all are. */
function missingFields(values: Record<string, unknown>): string | null {
  const missing = Object.entries(values)
    .filter(([, v]) => typeof v !== "string" || v === "")
    .map(([k]) => k);
  return missing.length > 0 ? missing.join(", ") : null;
}

/** What a person reads when Slack sent a request srm-bot cannot act on. */
function malformedCard(missing: string): Card {
  return notice(
    "warning",
    "This request could not be read",
    `It came without ${missing}. Nothing was changed; please try again.`,
  );
}
