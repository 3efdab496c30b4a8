#!/usr/bin/env node
// Part of `npm run lint`: finds a promise tested as a value (`if (reply)`, `!found`, `a ?? b`, `a && b`)
// where an `await` was forgotten, and a call whose promise nobody awaits (Biome's check cannot always see the
// type of a port reached through a dependency object). A promise is always truthy, so such a test never sees the value it meant
// to, and TypeScript says nothing when the tested variable is used again inside the branch. A union that
// may be null or undefined (`running?.stop() ?? ...`, `let stopping: Promise<void> | null`) is a real test.
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const parsed = ts.getParsedCommandLineOfConfigFile(
  join(root, "tsconfig.json"),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  },
);
if (!parsed) throw new Error("tsconfig.json could not be read");
const program = ts.createProgram(parsed.fileNames, parsed.options);
const checker = program.getTypeChecker();

/** Every member of the type is a promise: nothing null or undefined beside it. */
function alwaysPromise(node) {
  const type = checker.getTypeAtLocation(node);
  const parts = type.isUnion() ? type.types : [type];
  return parts.every(
    (p) => p.getProperty("then") !== undefined && checker.typeToString(p).startsWith("Promise<"),
  );
}

const tested = (n) => {
  if (ts.isIfStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n)) return n.expression;
  if (ts.isConditionalExpression(n)) return n.condition;
  if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.ExclamationToken) return n.operand;
  const logical = [
    ts.SyntaxKind.AmpersandAmpersandToken,
    ts.SyntaxKind.BarBarToken,
    ts.SyntaxKind.QuestionQuestionToken,
  ];
  if (ts.isBinaryExpression(n) && logical.includes(n.operatorToken.kind)) return n.left;
  return null;
};

/**
 * A statement that is only a call whose promise nobody awaits, returns or marks `void`: its failure is lost.
 * A chain that handles failure itself (`.catch(f)`, `.then(ok, failed)`) is not.
 */
const floating = (n) => {
  if (!ts.isExpressionStatement(n) || !ts.isCallExpression(n.expression)) return null;
  const call = n.expression;
  const handled =
    ts.isPropertyAccessExpression(call.expression) &&
    (call.expression.name.text === "catch" ||
      (call.expression.name.text === "then" && call.arguments.length === 2));
  return handled ? null : call;
};

const found = [];
for (const file of program.getSourceFiles()) {
  if (file.isDeclarationFile || file.fileName.includes("/node_modules/")) continue;
  const visit = (n) => {
    const where = (node) => {
      const { line, character } = file.getLineAndCharacterOfPosition(node.getStart());
      return `${relative(root, file.fileName)}:${line + 1}:${character + 1}`;
    };
    const test = tested(n);
    if (test && alwaysPromise(test))
      found.push(`${where(test)}: a promise tested as a value: ${test.getText().slice(0, 60)} (await it)`);
    const left = floating(n);
    if (left && ts.isCallExpression(left) && alwaysPromise(left))
      found.push(
        `${where(left)}: a promise nobody awaits: ${left.getText().slice(0, 60)} (await it, or mark it void)`,
      );
    ts.forEachChild(n, visit);
  };
  visit(file);
}
if (found.length > 0) {
  console.error(found.join("\n"));
  process.exit(1);
}
console.log(`promise checks: nothing found in ${parsed.fileNames.length} files`);
