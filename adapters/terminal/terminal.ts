import { createInterface, type Interface } from "node:readline";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import type { Engine } from "../../src/engine.js";
import type { Actor, Announcer, ChannelRef, PostedMessage } from "../../src/ports.js";
import type { Action, Card, Reply } from "../../src/views/card.js";
import { renderCard, renderPlain } from "../../src/views/plain.js";
import { defaultPictureFolder, savePictures } from "./pictures.js";

/** The one channel of the terminal front end. */
export const TERMINAL_CHANNEL: ChannelRef = {
  platform: "terminal",
  workspaceId: "local",
  channelId: "terminal",
};

/** The person who starts the terminal: its admin, as the owner of the machine. */
export const TERMINAL_OWNER = "you";

/** Posts channel messages into the terminal: each post in full, each update as one line unless it is final. */
export class TerminalAnnouncer implements Announcer {
  private next = 1;
  /** The title each message was drawn with: an update under the same title is an open round's count. */
  private readonly titles = new Map<string, string>();
  /** Told the buttons of each post drawn in full, so typing their number presses them. */
  drawn: ((actions: readonly Action[]) => void) | null = null;

  constructor(
    private readonly output: NodeJS.WritableStream,
    /** The folder a post's picture (the digest's heat map) is saved in. */
    private readonly pictures: string = defaultPictureFolder(),
  ) {}

  async post(_channel: ChannelRef, card: Card): Promise<PostedMessage> {
    const ref = `t${this.next++}`;
    this.titles.set(ref, card.title);
    const saved = savePictures({ visibility: "channel", cards: [card] }, this.pictures);
    const text = [renderCard(card, TEXT_SYNTAX), ...saved].join("\n");
    this.output.write(`\n[#terminal] ${text.replace(/\n/g, "\n  ")}\n`);
    if (card.actions && card.actions.length > 0) this.drawn?.(card.actions);
    return { ref };
  }

  async update(_channel: ChannelRef, ref: string, card: Card): Promise<void> {
    // An open round changes only its count; a reveal (a new title) is worth reading in full.
    if (this.titles.get(ref) === card.title) {
      this.output.write(`[#terminal] (${ref}) ${card.footer ?? card.title}\n`);
      return;
    }
    this.titles.set(ref, card.title);
    this.output.write(`\n[#terminal] ${renderCard(card, TEXT_SYNTAX).replace(/\n/g, "\n  ")}\n`);
    if (card.actions && card.actions.length > 0) this.drawn?.(card.actions);
  }
}

/** Streams and names the terminal front end runs with. */
export interface TerminalOptions {
  readonly engine: Engine;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly announcer?: TerminalAnnouncer;
  /** A person types at a terminal: show a prompt, edit the line and keep a history (readline's terminal mode). */
  readonly prompt?: boolean;
  /** Where unexpected errors are written (stderr in production). */
  readonly errors?: NodeJS.WritableStream;
  /** The folder pictures are saved in (a temporary folder unless given). */
  readonly pictures?: string;
}

const TERMINAL_HELP = [
  "Terminal commands:",
  "  /srm <command>   any srm command, e.g. /srm ec2 os-patching (the /srm may be left out)",
  "  /answer <choice> the same as /srm answer: answers the question in front of you",
  "  /as <name>       act as another person from now on (they are not admins unless listed in SRM_ADMINS)",
  "  /whoami          who you are acting as",
  "  1, 2, ... or a button's label   presses that button of the last buttons drawn, e.g. [2] B",
  "  /quit            leave (Ctrl-D works too)",
].join("\n");

/** The terminal front end: a readline prompt over the same engine as Slack and Discord. */
export class TerminalFrontEnd {
  private actor: Actor;
  /** The buttons drawn last, numbered from 1 as printed. */
  private buttons: readonly Action[] = [];
  private rl: Interface | null = null;
  private stopped = false;

  constructor(private readonly options: TerminalOptions) {
    this.actor = actorFor(TERMINAL_OWNER, true);
    if (options.announcer)
      options.announcer.drawn = (actions) => {
        this.buttons = actions;
      };
  }

  /** Stops reading (Ctrl-C, SIGTERM): commands already read finish, then `run` resolves. */
  stop(): void {
    this.stopped = true;
    this.rl?.close();
  }

  /** Reads commands one after another until the input ends or /quit; resolves when done. */
  run(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const { input, output } = this.options;
    const terminal = this.options.prompt === true;
    const rl = createInterface({ input, output, terminal, historySize: terminal ? 500 : 0 });
    this.rl = rl;
    // Ctrl-C at the prompt leaves as Ctrl-D does, so the database is closed cleanly.
    rl.on("SIGINT", () => rl.close());
    const write = (text: string) => output.write(`${text}\n`);
    let ended = false;
    const prompt = () => {
      if (!terminal || ended) return;
      rl.setPrompt(`${this.actor.displayName}> `);
      rl.prompt();
    };
    write(
      'srm-bot terminal. Type "/srm help" for commands, "/as <name>" to switch person, "/quit" to leave.',
    );
    prompt();
    let closed = false;
    let queue = Promise.resolve();
    return new Promise((resolve) => {
      rl.on("line", (line) => {
        // Commands run in order, one at a time, as a person would see them answered.
        queue = queue.then(async () => {
          // Lines already buffered when /quit was read still arrive; they are not commands any more.
          if (closed) return;
          const reply = await this.handleLine(line);
          if (reply === null) {
            closed = true;
            rl.close();
            return;
          }
          if (reply !== "") write(reply);
          prompt();
        });
      });
      rl.on("close", () => {
        ended = true;
        void queue.then(() => resolve());
      });
    });
  }

  /** Handles one typed line; returns the text to print, or null to leave. */
  async handleLine(line: string): Promise<string | null> {
    const text = line.trim();
    if (text === "") return "";
    if (/^\d{1,3}$/.test(text)) {
      const byNumber = this.buttons[Number(text) - 1];
      if (!byNumber)
        return this.buttons.length > 0
          ? `There is no button ${text}; the buttons drawn last are 1 to ${this.buttons.length}.`
          : `There is no button ${text}: no buttons are drawn yet.`;
      return this.pressButton(byNumber);
    }
    const byLabel = this.buttons.find((b) => b.label.toLowerCase() === text.toLowerCase());
    if (byLabel) return this.pressButton(byLabel);
    const [word = "", ...rest] = text.split(/\s+/);
    switch (word.toLowerCase()) {
      case "/quit":
      case "/exit":
        return null;
      case "/as": {
        const name = rest.join(" ").trim();
        if (!/^[\w.-]{1,40}$/.test(name)) return "Usage: /as <name> (letters, digits, dot, dash; up to 40)";
        this.actor = actorFor(name, name === TERMINAL_OWNER);
        return `Now acting as ${name}.`;
      }
      case "/whoami":
        return `You are acting as ${this.actor.displayName}${(await this.options.engine.isAdmin(this.actor)) ? " (admin)" : ""}.`;
      case "/help":
        return `${TERMINAL_HELP}\n\n${await this.runCommand("help")}`;
      case "/answer":
        return this.runCommand(`answer ${rest.join(" ")}`);
      default:
        if (word.startsWith("/") && word.toLowerCase() !== "/srm")
          return `Unknown terminal command ${word}. ${TERMINAL_HELP}`;
        return this.runCommand(text);
    }
  }

  private pressButton(action: Action): Promise<string> {
    return this.replyTo(() => this.options.engine.press(action.id, this.actor, TERMINAL_CHANNEL));
  }

  private runCommand(text: string): Promise<string> {
    return this.replyTo(() =>
      this.options.engine.handle({ text, actor: this.actor, channel: TERMINAL_CHANNEL }),
    );
  }

  private async replyTo(run: () => Promise<Reply>): Promise<string> {
    try {
      const reply = await run();
      // A reply with buttons replaces the numbers; one without leaves a question's buttons pressable.
      const drawn = reply.cards.filter((c) => c.actions && c.actions.length > 0).at(-1)?.actions;
      if (drawn) this.buttons = drawn;
      const saved = savePictures(reply, this.options.pictures ?? defaultPictureFolder());
      const text = [renderPlain(reply, TEXT_SYNTAX), ...saved].join("\n");
      return reply.visibility === "channel" ? `[#terminal] ${text.replace(/\n/g, "\n  ")}` : text;
    } catch (error) {
      // The one boundary for unexpected failures in this front end: report once, keep the prompt alive.
      this.options.errors?.write(`srm: internal error: ${(error as Error).stack ?? String(error)}\n`);
      return "Something went wrong on our side; nothing was lost. The error was written to the log.";
    }
  }
}

function actorFor(name: string, owner: boolean): Actor {
  return {
    platform: "terminal",
    workspaceId: "local",
    userId: name,
    displayName: name,
    platformAdmin: owner,
  };
}
