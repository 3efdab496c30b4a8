import type { DeliveryLog, LookupJournal } from "../ports.js";
import type { Transactions } from "./async.js";
import type { ChannelPauseStore } from "./channel-pause-store.js";
import type { CompetitionStore } from "./competition-store.js";
import type { DailyStore } from "./daily-store.js";
import type { ExamStore } from "./exam-store.js";
import type { FlagStore, Rescorer } from "./flag-store.js";
import type { InstallationStore } from "./installation-store.js";
import type { PeopleData } from "./people-data.js";
import type { PracticeStore } from "./practice-store.js";
import type { RoundStore } from "./round-store.js";
import type { ScoreStore } from "./score-store.js";
import type { SettingsStore } from "./settings-store.js";
import type { TeamMemoryStore } from "./team-memory-store.js";

/**
 * Every store of one database, as main.ts wires them: SQLite (one file, one process at a time writing) or
 * PostgreSQL (shared by replicas). The use cases see only these ports, never which engine answers.
 */
export interface Stores {
  /** Which engine answers, for logs and health: "sqlite" or "postgres". */
  readonly engine: "sqlite" | "postgres";
  readonly transactions: Transactions;
  readonly rounds: RoundStore;
  readonly scores: ScoreStore;
  readonly competitions: CompetitionStore;
  readonly flags: FlagStore;
  readonly rescore: Rescorer;
  readonly daily: DailyStore;
  readonly practice: PracticeStore;
  readonly exams: ExamStore;
  readonly settings: SettingsStore;
  readonly teamMemory: TeamMemoryStore;
  readonly channelPauses: ChannelPauseStore;
  readonly deliveries: DeliveryLog;
  readonly lookups: LookupJournal;
  /** Slack workspaces installed through "Add to Slack", tokens sealed under SRM_SECRET_KEY. */
  readonly installations: InstallationStore;
  /** A person forgotten, a workspace purged. */
  readonly people: PeopleData;
  /** Writes what is buffered and closes the connection(s). */
  close(): Promise<void>;
}
