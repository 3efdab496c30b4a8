import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { compareReply } from "./commands/compare-reply.js";
import { TEXT_SYNTAX } from "./commands/index.js";
import { pictured } from "./commands/lookup-replies.js";
import { stripPrefix } from "./commands/read.js";
import { loadConfig } from "./config.js";
import { contentHome } from "./content.js";
import { loadMatrix } from "./knowledge/load-matrix.js";
import { OwnershipLookup } from "./knowledge/lookup.js";
import type { OwnershipMatrix } from "./knowledge/matrix.js";
import { matrixPage } from "./pages/matrix-page.js";
import type { CardImage, Reply } from "./views/card.js";
import { renderPlain } from "./views/plain.js";

/** What a picture command needs from the CLI: settings, the working folder and where to write. */
export interface PictureIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

/** The help of `srm stack` and `srm compare`. */
export const PICTURE_HELP: Record<string, string> = {
  stack: `srm stack <service> [--png <file>]

Prints who owns each layer of a service's stack, from physical security up to customer data; with
--png it also writes the picture of that stack (PNG, coloured by owner) to <file>:
  srm stack rds --png rds.png`,
  matrix: `srm matrix export --html <file>

Writes the whole ownership matrix as one self-contained HTML page (style, script and data inline; no
request to any other site): services by areas coloured by owner, filters by service, tier and area, and
each cell's why, both parts, conditions and sources. The same page the bot serves at /matrix.
  srm matrix export --html matrix.html`,
  compare: `srm compare <services...> [--png <file>]

Compares 2 to 5 services layer by layer and says where the line between AWS and the customer moves;
with --png it also writes the picture of the stacks side by side to <file>:
  srm compare ec2 rds lambda --png compare.png
  srm compare ec2 vs fargate`,
};

/** The words of a command and the file after --png, or what is wrong with them. */
function splitPng(args: readonly string[]): { words: string; png: string | null } | { problem: string } {
  const at = args.indexOf("--png");
  if (at < 0) return { words: args.join(" "), png: null };
  const file = args[at + 1];
  if (!file || file.startsWith("--")) return { problem: "--png needs a file name, e.g. --png stack.png" };
  return { words: [...args.slice(0, at), ...args.slice(at + 2)].join(" "), png: file };
}

function matrixOf(io: PictureIo): OwnershipMatrix {
  return loadMatrix(contentHome(loadConfig(io.env, io.cwd).contentDir, "matrix"));
}

/** Prints a reply, and writes its picture where --png asked; the exit code. */
function answer(command: string, reply: Reply, png: string | null, io: PictureIo): number {
  const image = reply.cards.find((c) => c.image)?.image;
  if (!image) {
    io.err(renderPlain(reply, TEXT_SYNTAX));
    if (command === "stack")
      io.err('\nsrm stack: that names no single service to draw, e.g. "srm stack rds".');
    return 1;
  }
  io.out(renderPlain(reply, TEXT_SYNTAX));
  if (png === null) return 0;
  const path = resolve(io.cwd, png);
  const problem = writePicture(path, image);
  if (problem) {
    io.err(`srm ${command}: cannot write ${path}: ${problem}`);
    return 1;
  }
  io.out(`\nWrote the picture to ${path} (PNG, ${image.png.length.toLocaleString("en")} bytes).`);
  return 0;
}

/** Writes a picture; what went wrong, in words, for the errors a person can fix. */
function writePicture(path: string, image: CardImage): string | null {
  try {
    writeFileSync(path, image.png);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "its folder does not exist";
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") return "permission denied";
    if (code === "EISDIR") return "that is a folder; name a file such as stack.png";
    throw error;
  }
}

/** `srm stack <service> [--png <file>]` */
export function stackCommand(args: readonly string[], io: PictureIo): number {
  const parsed = splitPng(args);
  if ("problem" in parsed) {
    io.err(`srm stack: ${parsed.problem}.\n\n${PICTURE_HELP.stack}`);
    return 2;
  }
  const result = new OwnershipLookup(matrixOf(io)).lookup(stripPrefix(parsed.words));
  if (parsed.words.trim() === "") {
    io.err(`srm stack: name a service.\n\n${PICTURE_HELP.stack}`);
    return 2;
  }
  return answer("stack", pictured(result), parsed.png, io);
}

/** `srm compare <services...> [--png <file>]` */
export function compareCommand(args: readonly string[], io: PictureIo): number {
  const parsed = splitPng(args);
  if ("problem" in parsed) {
    io.err(`srm compare: ${parsed.problem}.\n\n${PICTURE_HELP.compare}`);
    return 2;
  }
  return answer("compare", compareReply(matrixOf(io), parsed.words), parsed.png, io);
}

/** `srm matrix export --html <file>` */
export function matrixCommand(args: readonly string[], io: PictureIo): number {
  const file = args[2];
  if (args[0] !== "export" || args[1] !== "--html" || !file || args.length > 3) {
    io.err(`srm matrix: expected "export --html <file>".\n\n${PICTURE_HELP.matrix}`);
    return 2;
  }
  const path = resolve(io.cwd, file);
  const html = matrixPage(matrixOf(io));
  try {
    writeFileSync(path, html);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === "ENOENT" ? "its folder does not exist" : code === "EISDIR" ? "that is a folder" : null;
    if (!problem && code !== "EACCES" && code !== "EPERM" && code !== "EROFS") throw error;
    io.err(`srm matrix: cannot write ${path}: ${problem ?? "permission denied"}`);
    return 1;
  }
  io.out(
    `Wrote the matrix page to ${path} (${Buffer.byteLength(html).toLocaleString("en")} bytes, self-contained).`,
  );
  return 0;
}
