import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import AjvModule, { type ErrorObject, type ValidateFunction } from "ajv";
import { isNode, LineCounter, parseDocument, visit, type YAMLError } from "yaml";
import { editDistance } from "./text.js";

// ajv ships CommonJS with a default export; under NodeNext its class is the module's `default`.
const Ajv = AjvModule.default;
type Ajv = InstanceType<typeof Ajv>;

/** One thing wrong in a content file, with where it is. */
export interface ContentProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Thrown when content files cannot be used; carries every problem found, each with file and line. */
export class ContentInvalid extends Error {
  constructor(readonly problems: readonly ContentProblem[]) {
    super(
      `${problems.length} problem(s) in the content files:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`,
    );
    this.name = "ContentInvalid";
  }
}

/** "questions/matrix/cells/ec2.yaml:12: owner must be one of aws, customer, shared" */
export function formatProblem(p: ContentProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

/** ` (did you mean "ec2"?)` for the known id nearest a misspelt one, or "" when none is close. */
export function didYouMean(word: string, known: Iterable<string>): string {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const id of known) {
    const d = editDistance(word.toLowerCase(), id, bestDistance - 1);
    if (d < bestDistance) {
      best = id;
      bestDistance = d;
    }
  }
  return best === null ? "" : ` (did you mean "${best}"?)`;
}

/** What to look at for a YAML syntax error, by the parser's error code. */
function yamlHint(e: YAMLError): string {
  switch (e.code) {
    case "BAD_INDENT":
    case "TAB_AS_INDENT":
      return "check the indentation: the keys of one item start at the same column, indented with spaces";
    case "MULTILINE_IMPLICIT_KEY":
    case "BLOCK_AS_IMPLICIT_KEY":
      return 'a text holding ": " or "#" must be in quotes, or a line is indented too far';
    case "MISSING_CHAR":
    case "UNEXPECTED_TOKEN":
      return "a bracket or quote is not closed, or a text starting with [ { * & ! must be in quotes";
    case "DUPLICATE_KEY":
      return "a key appears twice in the same item";
    default:
      return "a text holding special characters (: # [ { * &) must be in quotes; check the indentation";
  }
}

/** A parsed YAML file that can say on which line any of its values stands. */
export interface ContentFile<T> {
  readonly path: string;
  readonly data: T;
  /** The 1-based line of the value at `path` (or of its nearest parent that exists). */
  lineOf(path: readonly (string | number)[]): number;
}

/** Reads, parses and validates YAML content files against the JSON Schemas in questions/schema. */
export class ContentReader {
  private readonly ajv: Ajv;

  constructor(
    private readonly contentDir: string,
    private readonly problems: ContentProblem[] = [],
    /** The folder whose schema/ holds the JSON Schemas (a custom content folder may use the shipped ones). */
    schemaHome: string = contentDir,
  ) {
    this.ajv = new Ajv({ allErrors: true, strict: false });
    for (const name of ["cell", "cells", "services", "areas", "concepts", "question", "questions"]) {
      const path = join(schemaHome, "schema", `${name}.schema.json`);
      try {
        this.ajv.addSchema(JSON.parse(readFileSync(path, "utf8")) as object);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
        throw error;
      }
    }
  }

  /** Every problem recorded so far. */
  get found(): readonly ContentProblem[] {
    return this.problems;
  }

  /** Records a problem found by a later consistency check. */
  report(file: string, line: number, message: string): void {
    this.problems.push({ file, line, message });
  }

  /** The display name of a content path (relative to the content folder's parent). */
  display(path: string): string {
    return relative(join(this.contentDir, ".."), path) || path;
  }

  /** Parses and validates one file; returns undefined (after recording why) when it cannot be used. */
  read<T>(path: string, schemaId: string): ContentFile<T> | undefined {
    const file = this.display(path);
    let source: string;
    try {
      source = readFileSync(path, "utf8");
    } catch (error) {
      this.report(file, 1, `cannot read the file (${(error as Error).message})`);
      return undefined;
    }
    const lineCounter = new LineCounter();
    const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      // The first error is where the file goes wrong; the ones after it mostly follow from it.
      const [first] = doc.errors as [YAMLError, ...YAMLError[]];
      const line = first.linePos?.[0].line ?? lineCounter.linePos(first.pos[0]).line;
      const more = doc.errors.length - 1;
      this.report(
        file,
        line,
        `YAML syntax: ${first.message.split("\n")[0]}. Hint: ${yamlHint(first)}${more > 0 ? ` (${more} more YAML error(s) after it; fix this one first)` : ""}`,
      );
      return undefined;
    }
    let unresolved = false;
    visit(doc, {
      Alias: (_key, node) => {
        if (node.resolve(doc) !== undefined) return;
        unresolved = true;
        const line = node.range ? lineCounter.linePos(node.range[0]).line : 1;
        this.report(
          file,
          line,
          `"*${node.source}" reads as a YAML alias of no anchor: put the value in quotes`,
        );
      },
    });
    if (unresolved) return undefined;
    let data: unknown;
    try {
      data = doc.toJS();
    } catch (error) {
      // e.g. "*important" reads as a YAML alias of an anchor that does not exist.
      this.report(
        file,
        1,
        `YAML: ${(error as Error).message.split("\n")[0]} (quote a value that starts with * or &)`,
      );
      return undefined;
    }
    const lineOf = (at: readonly (string | number)[]): number => {
      for (let depth = at.length; depth >= 0; depth--) {
        const node = doc.getIn(at.slice(0, depth), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return 1;
    };
    const validate: ValidateFunction | undefined = this.ajv.getSchema(schemaId);
    if (!validate) throw new Error(`no JSON Schema with id ${schemaId} under ${this.contentDir}/schema`);
    if (!validate(data)) {
      for (const e of relevantErrors(validate.errors ?? [])) {
        const at = pointerToPath(e.instancePath);
        this.report(file, lineOf(at), describeError(e));
      }
      return undefined;
    }
    for (const at of seedWording(data, [])) this.report(file, lineOf(at), SEED_WORDING);
    return { path: file, data: data as T, lineOf };
  }
}

/** A study-notes file name, or the word "seed": learners may read neither. */
const SEED_TEXT = /\b\d{3}_[0-9a-f]{16}\.txt\b|\bseeds?\b/i;

const SEED_WORDING =
  'learners read this text: name no study-notes file and do not say "seed"; say "study notes" and what they say, and keep the file in sources';

/** The paths of text a learner reads that names a study-notes file or says "seed" (sources and ids are exempt). */
function seedWording(value: unknown, at: (string | number)[]): (string | number)[][] {
  if (typeof value === "string") return SEED_TEXT.test(value) ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => seedWording(v, [...at, i]));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === "sources" || k === "id" ? [] : seedWording(v, [...at, k]),
  );
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Drops the "if/then" wrapper errors that only repeat what the inner error says. */
function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  return errors.filter((e) => e.keyword !== "if");
}

function describeError(e: ErrorObject): string {
  const where = e.instancePath === "" ? "the file" : e.instancePath.slice(1).replace(/\//g, ".");
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return `${where}: missing "${String(p.missingProperty)}"`;
    case "additionalProperties":
      return `${where}: unknown field "${String(p.additionalProperty)}" (check its spelling against the schema)`;
    case "enum":
      return `${where}: must be one of ${(p.allowedValues as unknown[]).join(", ")}`;
    case "const":
      return `${where}: must be ${JSON.stringify(p.allowedValue)}`;
    case "pattern":
      return `${where}: ${e.message ?? "has the wrong form"} (${describePattern(String(p.pattern))})`;
    default:
      return `${where}: ${e.message ?? "is not valid"}`;
  }
}

function describePattern(pattern: string): string {
  if (pattern.includes("txt|https"))
    return "a study-notes file name such as 002_867d46c4eb4a7334.txt, or an https URL";
  if (pattern.startsWith("^[a-z0-9]+( [a-z0-9]+)*$")) return "lowercase words separated by single spaces";
  return "lowercase letters, digits and hyphens";
}
