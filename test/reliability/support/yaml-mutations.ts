import fc from "fast-check";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";

/** One random change to a YAML file: to its text (anything an editor can do), or to its structure. */
export type YamlMutation =
  | {
      readonly kind: "text";
      readonly op: TextOp;
      readonly at: number;
      readonly other: number;
      readonly text: string;
    }
  | {
      readonly kind: "structure";
      readonly op: "set" | "delete" | "duplicate";
      readonly at: number;
      readonly value: unknown;
    };

type TextOp =
  | "delete line"
  | "duplicate line"
  | "swap lines"
  | "insert line"
  | "truncate"
  | "replace char"
  | "indent"
  | "dedent"
  | "empty";

const TEXT_OPS: readonly TextOp[] = [
  "delete line",
  "duplicate line",
  "swap lines",
  "insert line",
  "truncate",
  "replace char",
  "indent",
  "dedent",
  "empty",
];

/** Characters that mean something to YAML, and some that mean nothing to anyone. */
const NOISE = [
  ":",
  "-",
  "[",
  "]",
  "{",
  "}",
  "'",
  '"',
  "#",
  "&",
  "!",
  "|",
  ">",
  "%",
  "@",
  "\t",
  "\n",
  "\u0000",
  "\ufeff",
  "é",
  "🔥",
];

/** A value of any type for a structural change: wrong types, wrong ids, huge and empty. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    0,
    -1,
    1.5,
    true,
    "",
    "aws",
    "customer",
    "shared",
    "nobody",
    "ec2",
    "os-patching",
    "x".repeat(20_000),
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
);

/** A random mutation; positions wrap around the file it is applied to. */
export function yamlMutation(): fc.Arbitrary<YamlMutation> {
  const noise = fc.constantFrom(...NOISE);
  const text = fc.oneof(
    fc.string({ unit: noise, maxLength: 12 }),
    fc.string({ unit: "binary", maxLength: 30 }),
  );
  return fc.oneof(
    fc.record({
      kind: fc.constant("text" as const),
      op: fc.constantFrom(...TEXT_OPS),
      at: fc.nat(),
      other: fc.nat(),
      text,
    }),
    fc.record({
      kind: fc.constant("structure" as const),
      op: fc.constantFrom("set" as const, "delete" as const, "duplicate" as const),
      at: fc.nat(),
      value: anyValue,
    }),
  );
}

/** Applies a mutation to a file's text. */
export function mutate(source: string, m: YamlMutation): string {
  return m.kind === "text" ? mutateText(source, m) : mutateStructure(source, m);
}

function mutateText(source: string, m: Extract<YamlMutation, { kind: "text" }>): string {
  const lines = source.split("\n");
  const i = m.at % lines.length;
  const j = m.other % lines.length;
  const line = lines[i] ?? "";
  switch (m.op) {
    case "delete line":
      lines.splice(i, 1);
      break;
    case "duplicate line":
      lines.splice(i, 0, line);
      break;
    case "swap lines":
      [lines[i], lines[j]] = [lines[j] ?? "", line];
      break;
    case "insert line":
      lines.splice(i, 0, m.text);
      break;
    case "truncate":
      return source.slice(0, m.at % (source.length + 1));
    case "replace char": {
      const k = m.other % (line.length + 1);
      lines[i] = line.slice(0, k) + m.text + line.slice(k + 1);
      break;
    }
    case "indent":
      lines[i] = `  ${line}`;
      break;
    case "dedent":
      lines[i] = line.replace(/^ {1,2}/, "");
      break;
    case "empty":
      return "";
  }
  return lines.join("\n");
}

/** Every path to a node of a parsed document, in document order. */
function paths(node: unknown, at: (string | number)[] = []): (string | number)[][] {
  const found: (string | number)[][] = at.length > 0 ? [at] : [];
  if (isMap(node))
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (typeof key === "string" || typeof key === "number") found.push(...paths(pair.value, [...at, key]));
    }
  else if (isSeq(node)) for (const [i, item] of node.items.entries()) found.push(...paths(item, [...at, i]));
  return found;
}

function mutateStructure(source: string, m: Extract<YamlMutation, { kind: "structure" }>): string {
  const doc = parseDocument(source);
  if (doc.errors.length > 0) return source;
  const all = paths(doc.contents);
  const path = all[m.at % Math.max(1, all.length)];
  if (!path) return source;
  if (m.op === "delete") doc.deleteIn(path);
  else if (m.op === "set") doc.setIn(path, m.value);
  else {
    // A repeated list entry: the same question or service twice.
    const parent = path.slice(0, -1);
    const last = path.at(-1);
    const list = doc.getIn(parent, true);
    if (isSeq(list) && typeof last === "number") list.items.splice(last, 0, list.items[last]);
    else doc.setIn(path, m.value);
  }
  try {
    return doc.toString({ lineWidth: 0 });
  } catch {
    // A document the yaml library cannot write back (an alias without its anchor): leave the text as it was.
    return source;
  }
}
