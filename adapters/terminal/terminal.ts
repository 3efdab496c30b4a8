import { createInterface } from "node:readline";
import type { Engine } from "../../src/engine.js";
import type { Actor, ChannelRef } from "../../src/ports.js";
import { renderPlain } from "../../src/views/plain.js";

/** Streams and names the terminal front end runs with. */
export interface TerminalOptions {
  readonly engine: Engine;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** The acting person at start ("you" unless given). */
  readonly user?: string;
  /** Show a prompt (only when a person types at a terminal). */
  readonly prompt?: boolean;
  /** Where unexpected errors are written (stderr in production). */
  readonly errors?: NodeJS.WritableStream;
}

const CHANNEL: ChannelRef = { platform: "terminal", workspaceId: "local", channelId: "terminal" };

const TERMINAL_HELP = [
  "Terminal commands:",
  "  /srm <command>   any srm command, e.g. /srm ec2 os-patching (the /srm may be left out)",
  "  /as <name>       act as another person from now on (for multi-person features)",
  "  /whoami          who you are acting as",
  "  /quit            leave (Ctrl-D works too)",
].join("\n");

/** The terminal front end: a readline prompt over the same engine as Slack and Discord. */
export class TerminalFrontEnd {
  private actor: Actor;

  constructor(private readonly options: TerminalOptions) {
    this.actor = actorFor(options.user ?? "you");
  }

  /** Reads commands until the input ends or /quit; resolves when done. */
  run(): Promise<void> {
    const { input, output } = this.options;
    const rl = createInterface({ input, output, terminal: false });
    const write = (text: string) => output.write(`${text}\n`);
    const prompt = () => {
      if (this.options.prompt) output.write(`${this.actor.displayName}> `);
    };
    write(
      'srm-bot terminal. Type "/srm help" for commands, "/as <name>" to switch person, "/quit" to leave.',
    );
    prompt();
    let closed = false;
    return new Promise((resolve) => {
      rl.on("line", (line) => {
        // Lines already buffered when /quit was read still arrive; they are not commands any more.
        if (closed) return;
        const reply = this.handleLine(line);
        if (reply === null) {
          closed = true;
          rl.close();
          return;
        }
        if (reply !== "") write(reply);
        prompt();
      });
      rl.on("close", () => resolve());
    });
  }

  /** Handles one typed line; returns the text to print, or null to leave. */
  handleLine(line: string): string | null {
    const text = line.trim();
    if (text === "") return "";
    const [word = "", ...rest] = text.split(/\s+/);
    switch (word.toLowerCase()) {
      case "/quit":
      case "/exit":
        return null;
      case "/as": {
        const name = rest.join(" ").trim();
        if (!/^[\w.-]{1,40}$/.test(name)) return "Usage: /as <name> (letters, digits, dot, dash; up to 40)";
        this.actor = actorFor(name);
        return `Now acting as ${name}.`;
      }
      case "/whoami":
        return `You are acting as ${this.actor.displayName}.`;
      case "/help":
        return `${TERMINAL_HELP}\n\n${this.run1("help")}`;
      default:
        if (word.startsWith("/") && word.toLowerCase() !== "/srm")
          return `Unknown terminal command ${word}. ${TERMINAL_HELP}`;
        return this.run1(text);
    }
  }

  private run1(text: string): string {
    try {
      return renderPlain(this.options.engine.handle({ text, actor: this.actor, channel: CHANNEL }));
    } catch (error) {
      // The one boundary for unexpected failures in this front end: report once, keep the prompt alive.
      this.options.errors?.write(`srm: internal error: ${(error as Error).stack ?? String(error)}\n`);
      return "Something went wrong on our side; nothing was lost. The error was written to the log.";
    }
  }
}

function actorFor(name: string): Actor {
  return { platform: "terminal", workspaceId: "local", userId: name, displayName: name, platformAdmin: true };
}
