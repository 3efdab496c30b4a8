/** What a `/srm ...` command asks for, before any use case runs. */
export type Intent = { readonly kind: "help" } | { readonly kind: "lookup"; readonly text: string };

/** Strips a leading "/srm" (or "srm") and surrounding space from what a person typed. */
export function stripPrefix(text: string): string {
  return text.replace(/^\s*\/?srm\b/i, "").trim();
}

/** Reads the text after `/srm` as an intent. Anything that is not a command word is a lookup. */
export function parseCommand(raw: string): Intent {
  const text = stripPrefix(raw);
  const [first = "", ...rest] = text.split(/\s+/);
  const word = first.toLowerCase();
  if (text === "" || word === "help" || word === "?" || word === "--help" || word === "-h")
    return { kind: "help" };
  if (word === "lookup" || word === "ask") return { kind: "lookup", text: rest.join(" ") };
  return { kind: "lookup", text };
}
