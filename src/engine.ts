import { parseCommand } from "./commands/grammar.js";
import { helpCard } from "./commands/help.js";
import { lookupSummary } from "./commands/lookup-json.js";
import type { OwnershipLookup } from "./knowledge/lookup.js";
import type { Actor, ChannelRef, Clock, LookupJournal } from "./ports.js";
import { privateReply, type Reply } from "./views/card.js";
import { lookupReply } from "./views/lookup-view.js";

/** One `/srm` command as a front end receives it. */
export interface CommandRequest {
  readonly text: string;
  readonly actor: Actor;
  readonly channel: ChannelRef;
}

/** What the engine needs from the outside. */
export interface EngineDeps {
  readonly lookup: OwnershipLookup;
  readonly journal: LookupJournal;
  readonly clock: Clock;
}

/** The platform-neutral engine every front end drives: `/srm` text in, a reply model out. */
export class Engine {
  constructor(private readonly deps: EngineDeps) {}

  /** Runs one `/srm` command. Expected failures come back as replies; only bugs throw. */
  handle(request: CommandRequest): Reply {
    const intent = parseCommand(request.text);
    switch (intent.kind) {
      case "help":
        return privateReply(helpCard());
      case "lookup":
        return this.lookup(intent.text, request);
    }
  }

  private lookup(text: string, request: CommandRequest): Reply {
    const result = this.deps.lookup.lookup(text);
    const json = lookupSummary(result);
    this.deps.journal.record({
      actor: request.actor,
      channel: request.channel,
      query: text,
      status: json.status,
      serviceId: json.service?.id ?? null,
      areaId: json.area?.id ?? null,
      owner: json.owner,
      at: this.deps.clock.now(),
    });
    return lookupReply(result);
  }
}
