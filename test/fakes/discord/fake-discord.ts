import { performance } from "node:perf_hooks";
import {
  type APIInteraction,
  type APIMessage,
  type APITextChannel,
  type APIUser,
  GatewayDispatchEvents,
} from "discord.js";
import { GatewayFake } from "./gateway-fake.js";
import { type FakePerson, fakePerson, guildCreate, textChannel, userPayload } from "./guild.js";
import {
  autocompleteInteraction,
  buttonInteraction,
  type CommandRef,
  chatInputInteraction,
  type OptionValue,
  type Place,
  stringSelectInteraction,
} from "./payloads.js";
import { type CallbackRecord, RestFake } from "./rest-fake.js";
import { randomToken, snowflake } from "./snowflake.js";
import { within } from "./wait.js";

/** Knobs of the fake Discord. */
export interface FakeDiscordOptions {
  /** How long an interaction may wait for its first response (Discord: 3000 ms). */
  readonly interactionDeadlineMs?: number;
}

/** An interaction the fake delivered, and when. */
export interface Delivered {
  readonly id: string;
  readonly token: string;
  /** performance.now() at dispatch. */
  readonly sentAt: number;
}

interface Identity {
  readonly token: string;
  readonly applicationId: string;
  readonly bot: APIUser;
  readonly guildId: string;
  readonly general: APITextChannel;
  readonly quiz: APITextChannel;
}

/** The top-level commands srm-bot registers, as interactions name them. */
export type CommandName = "srm" | "srm-admin";

/**
 * A small Discord on 127.0.0.1: the REST fake and the gateway fake sharing one application, bot user,
 * guild with two text channels, and helpers that deliver interactions the way Discord shapes them.
 */
export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly bot: APIUser;
  readonly guildId: string;
  readonly general: APITextChannel;
  readonly quiz: APITextChannel;
  readonly commands: Record<CommandName, CommandRef> = {
    srm: { id: snowflake(), name: "srm" },
    "srm-admin": { id: snowflake(), name: "srm-admin" },
  };
  private readonly payloads = new Map<string, APIInteraction>();

  private constructor(
    identity: Identity,
    readonly rest: RestFake,
    readonly gateway: GatewayFake,
  ) {
    this.token = identity.token;
    this.applicationId = identity.applicationId;
    this.bot = identity.bot;
    this.guildId = identity.guildId;
    this.general = identity.general;
    this.quiz = identity.quiz;
  }

  /** Starts both fakes. */
  static async start(o: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const guildId = snowflake();
    const identity: Identity = {
      token: `${randomToken(24)}.${randomToken(6)}.${randomToken(38)}`,
      applicationId: snowflake(),
      bot: userPayload("srm-bot", null, true),
      guildId,
      general: textChannel(guildId, "general"),
      quiz: textChannel(guildId, "quiz"),
    };
    const gateway = await GatewayFake.start({
      token: identity.token,
      applicationId: identity.applicationId,
      bot: identity.bot,
      guilds: [guildCreate(guildId, "srm study group", identity.bot, [identity.general, identity.quiz])],
    });
    const rest = await RestFake.start({
      token: identity.token,
      applicationId: identity.applicationId,
      bot: identity.bot,
      gatewayUrl: () => gateway.url,
      ...(o.interactionDeadlineMs ? { interactionDeadlineMs: o.interactionDeadlineMs } : {}),
    });
    return new FakeDiscord(identity, rest, gateway);
  }

  /** A new person in the guild (an ordinary member unless `manageGuild`). */
  person(name: string, options: { nick?: string; manageGuild?: boolean } = {}): FakePerson {
    return fakePerson(name, options);
  }

  /** A guild channel as a place for interactions (#general unless told). */
  channel(channel: APITextChannel = this.general): Place {
    return { guildId: this.guildId, channelId: channel.id };
  }

  /** A direct-message channel with the bot. */
  dm(): Place {
    return { guildId: null, channelId: snowflake() };
  }

  /** Delivers `/name sub option:value ...` from a person. */
  command(
    person: FakePerson,
    name: CommandName,
    sub: string,
    options: Readonly<Record<string, OptionValue>> = {},
    place: Place = this.channel(),
  ): Delivered {
    const context = { applicationId: this.applicationId, person, place };
    return this.deliver(chatInputInteraction(context, this.commands[name], sub, options));
  }

  /** Delivers an autocomplete request while a person types into `focused`. */
  autocomplete(
    person: FakePerson,
    name: CommandName,
    sub: string,
    options: Readonly<Record<string, string>>,
    focused: string,
    place: Place = this.channel(),
  ): Delivered {
    const context = { applicationId: this.applicationId, person, place };
    return this.deliver(autocompleteInteraction(context, this.commands[name], sub, options, focused));
  }

  /** Delivers a button press on a message. */
  click(person: FakePerson, message: APIMessage, customId: string): Delivered {
    const place = { guildId: this.guildId, channelId: message.channel_id };
    return this.deliver(
      buttonInteraction({ applicationId: this.applicationId, person, place }, message, customId),
    );
  }

  /** Delivers a choice in a string select menu on a message. */
  select(person: FakePerson, message: APIMessage, customId: string, values: readonly string[]): Delivered {
    const place = { guildId: this.guildId, channelId: message.channel_id };
    return this.deliver(
      stringSelectInteraction(
        { applicationId: this.applicationId, person, place },
        message,
        customId,
        values,
      ),
    );
  }

  /** Sends an interaction payload as INTERACTION_CREATE. */
  deliver(payload: APIInteraction): Delivered {
    this.rest.expectInteraction(payload);
    this.payloads.set(payload.id, payload);
    const sentAt = performance.now();
    this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { id: payload.id, token: payload.token, sentAt };
  }

  /** Sends the same INTERACTION_CREATE once more, as a redelivery would. */
  redeliver(delivered: Delivered): void {
    const payload = this.payloads.get(delivered.id);
    if (!payload) throw new Error(`interaction ${delivered.id} was never delivered`);
    this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
  }

  /** The first response to a delivered interaction (fails after `ms`). */
  reply(delivered: Delivered, ms = 5000): Promise<CallbackRecord> {
    return within(this.rest.callback(delivered.id), ms, `the response to interaction ${delivered.id}`);
  }

  /** Stops both fakes. */
  async close(): Promise<void> {
    await this.gateway.close();
    await this.rest.close();
  }
}
