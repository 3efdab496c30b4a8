// A restore run as its own process, which a test kills with SIGKILL at a chosen step of the restore.
// Usage: node --import tsx restore-child.ts <backup> <database> <migrations folder> <step to stop at>
import { writeSync } from "node:fs";
import { restoreDatabase } from "../../../src/store/backup.js";

const [backup, database, migrations, stopAt] = process.argv.slice(2) as [string, string, string, string];
await restoreDatabase(backup, database, migrations, (step) => {
  writeSync(1, `${step}\n`);
  // Waits here, without returning to the event loop, until the test kills the process.
  if (step === stopAt) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});
writeSync(1, "done\n");
