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
import { guildSnowflake, randomToken, snowflake } from "./snowflake.js";
import { within } from "./wait.js";

/** Knobs of the fake Discord. */
export interface FakeDiscordOptions {
  /** How long an interaction may wait for its first response (Discord: 3000 ms). */
  readonly interactionDeadlineMs?: number;
  /**
   * The shard count GET /gateway/bot recommends; each shard gets a guild of its own (1 unless told). With
   * more than one, a session carrying two guilds is refused as Discord refuses one over its limit (4011).
   */
  readonly shards?: number;
}

/** A guild of the fake, with its #general channel and the shard Discord's rule puts it on. */
export interface FakeGuild {
  readonly id: string;
  readonly general: APITextChannel;
  readonly shard: number;
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
  readonly guilds: readonly FakeGuild[];
}

/** The top-level commands srm-bot registers, as interactions name them. */
export type CommandName = "srm" | "srm-admin";

/**
 * A small Discord on 127.0.0.1: the REST fake and the gateway fake sharing one application, bot user,
 * guild with two text channels (on shard 0), one more guild on each other shard, and helpers that
 * deliver interactions the way Discord shapes them, each on its guild's shard.
 */
export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly bot: APIUser;
  readonly guildId: string;
  readonly general: APITextChannel;
  readonly quiz: APITextChannel;
  /** Every guild, one per shard; the first is `guildId`'s. */
  readonly guilds: readonly FakeGuild[];
  readonly commands: Record<CommandName, CommandRef> = {
    srm: { id: snowflake(), name: "srm" },
    "srm-admin": { id: snowflake(), name: "srm-admin" },
  };
  private readonly payloads = new Map<string, APIInteraction>();
  private readonly guildOfChannel = new Map<string, string>();

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
    this.guilds = identity.guilds;
    for (const g of this.guilds) this.guildOfChannel.set(g.general.id, g.id);
    this.guildOfChannel.set(this.quiz.id, this.guildId);
  }

  /** Starts both fakes. */
  static async start(o: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const shards = o.shards ?? 1;
    const guilds = Array.from({ length: shards }, (_, shard): FakeGuild => {
      const id = guildSnowflake(shard, shards);
      return { id, general: textChannel(id, "general"), shard };
    });
    const [main] = guilds as [FakeGuild];
    const bot = userPayload("srm-bot", null, true);
    const identity: Identity = {
      token: `${randomToken(24)}.${randomToken(6)}.${randomToken(38)}`,
      applicationId: snowflake(),
      bot,
      guildId: main.id,
      general: main.general,
      quiz: textChannel(main.id, "quiz"),
      guilds,
    };
    const gateway = await GatewayFake.start({
      token: identity.token,
      applicationId: identity.applicationId,
      bot,
      guilds: guilds.map((g, i) =>
        i === 0
          ? guildCreate(g.id, "srm study group", bot, [g.general, identity.quiz])
          : guildCreate(g.id, `study group ${i}`, bot, [g.general]),
      ),
      shards,
      ...(shards > 1 ? { maxGuildsPerShard: 1 } : {}),
    });
    const rest = await RestFake.start({
      token: identity.token,
      applicationId: identity.applicationId,
      bot: identity.bot,
      gatewayUrl: () => gateway.url,
      shards,
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
    return { guildId: channel.guild_id ?? this.guildId, channelId: channel.id };
  }

  /** A direct-message channel with the bot: through a server's install, or the person's own (`user`). */
  dm(install: "guild" | "user" = "guild"): Place {
    return { guildId: null, channelId: snowflake(), install };
  }

  /** A DM or group DM between people, where only a person's own install of the app reaches. */
  privateChannel(): Place {
    return { guildId: null, channelId: snowflake(), install: "user", privateChannel: true };
  }

  /** A channel of a server the bot was never added to, reached through a person's own install. */
  elsewhere(): Place {
    return { guildId: snowflake(), channelId: snowflake(), install: "user" };
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

  /** Delivers a button press on a message (where it was posted unless told, e.g. a DM's `place`). */
  click(person: FakePerson, message: APIMessage, customId: string, place = this.placeOf(message)): Delivered {
    return this.deliver(
      buttonInteraction({ applicationId: this.applicationId, person, place }, message, customId),
    );
  }

  /** Delivers a choice in a string select menu on a message. */
  select(person: FakePerson, message: APIMessage, customId: string, values: readonly string[]): Delivered {
    const place = this.placeOf(message);
    return this.deliver(
      stringSelectInteraction(
        { applicationId: this.applicationId, person, place },
        message,
        customId,
        values,
      ),
    );
  }

  /** Sends an interaction payload as INTERACTION_CREATE, on the shard of its guild. */
  deliver(payload: APIInteraction): Delivered {
    this.rest.expectInteraction(payload);
    this.payloads.set(payload.id, payload);
    const sentAt = performance.now();
    this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload, payload.guild_id ?? null);
    return { id: payload.id, token: payload.token, sentAt };
  }

  /** Sends the same INTERACTION_CREATE once more, as a redelivery would. */
  redeliver(delivered: Delivered): void {
    const payload = this.payloads.get(delivered.id);
    if (!payload) throw new Error(`interaction ${delivered.id} was never delivered`);
    this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload, payload.guild_id ?? null);
  }

  /** Where a message's buttons are pressed: its channel, in the guild that channel belongs to. */
  private placeOf(message: APIMessage): Place {
    return {
      guildId: this.guildOfChannel.get(message.channel_id) ?? this.guildId,
      channelId: message.channel_id,
    };
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
