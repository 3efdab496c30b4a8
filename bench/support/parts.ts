// srm-bot's own share of a lookup, measured alone in the bot's process: the engine for a phrasing it has
// answered before and for a new one, and the platform rendering of a new answer.
import type { Engine } from "../../src/engine.js";
import type { Actor, ChannelRef } from "../../src/ports.js";
import type { Reply } from "../../src/views/card.js";
import { cpuMicros } from "./child.js";

/** CPU µs per lookup. */
export interface Parts {
  /** engine.handle for a phrasing asked before (its answer is remembered). */
  readonly engineRepeated: number;
  /** engine.handle for a phrasing never seen (matching, answer card, statistics). */
  readonly engineNew: number;
  /** Rendering a new answer for the platform (a repeated one is rendered once). */
  readonly render: number;
}

/** The same words in a new spelling each time: upper and lower case by the bits of `n`, extra spaces. */
export function newPhrasing(text: string, n: number): string {
  let bits = n;
  let out = "";
  for (const ch of text) {
    out += bits & 1 ? ch.toUpperCase() : ch;
    bits = bits >>> 1 || n + 7;
  }
  return `${" ".repeat(n % 3)}${out}`;
}

/** Measures the parts over `calls` lookups of `texts` in turn. */
export async function measureParts(
  engine: Engine,
  channel: ChannelRef,
  texts: readonly string[],
  render: (reply: Reply) => unknown,
  calls = 3_000,
): Promise<Parts> {
  const actor: Actor = { ...channel, userId: "parts", displayName: "parts", platformAdmin: false };
  const text = (i: number) => texts[i % texts.length] as string;
  const timed = async (f: (i: number) => Promise<unknown> | unknown) => {
    const t0 = cpuMicros();
    for (let i = 0; i < calls; i++) await f(i);
    await engine.idle();
    return (cpuMicros() - t0) / calls;
  };
  const engineRepeated = await timed((i) => engine.handle({ text: text(i), actor, channel }));
  const fresh: Reply[] = [];
  const engineNew = await timed(async (i) => {
    fresh.push(await engine.handle({ text: newPhrasing(text(i), 1_000_003 + i), actor, channel }));
  });
  const renderNew = await timed((i) => render(fresh[i] as Reply));
  return { engineRepeated, engineNew, render: renderNew };
}

/** One line: what srm-bot's own work costs per lookup, measured alone. */
export function partsLine(p: Parts, rendering: string): string {
  return `  srm-bot's own work per lookup, measured alone: engine.handle ${p.engineRepeated.toFixed(0)} µs for a phrasing asked before, ${p.engineNew.toFixed(0)} µs for a new one; ${rendering} of a new answer ${p.render.toFixed(0)} µs`;
}
