import type { Stores } from "../../ports/stores.js";
import type { Clock, Logger } from "../../ports.js";
import { TokenCipher } from "../token-cipher.js";
import { PgChannelPauseStore } from "./channel-pause-store.js";
import { PgCompetitionStore } from "./competition-store.js";
import { PgDailyStore } from "./daily-store.js";
import type { PgDb } from "./db.js";
import { PgDeliveryStore } from "./delivery-store.js";
import { PgExamStore } from "./exam-store.js";
import { PgFlagStore } from "./flag-store.js";
import { PgInstallationStore } from "./installation-store.js";
import { PgLookupJournal } from "./lookup-journal.js";
import { PgPeopleData } from "./people-data.js";
import { PgPracticeStore } from "./practice-store.js";
import { PgRescoreStore } from "./rescore-store.js";
import { PgRoundStore } from "./round-store.js";
import { PgScoreStore } from "./score-store.js";
import { PgSettingsStore } from "./settings-store.js";
import { PgTeamMemoryStore } from "./team-memory-store.js";

/**
 * Every store on one PostgreSQL database, shared with the other replicas. `close` leaves the pool to its opener.
 * `secretKey` (SRM_SECRET_KEY) seals Slack installations' tokens; without it they can be neither saved nor read.
 */
export function postgresStores(
  db: PgDb,
  clock: Clock,
  logger?: Logger,
  secretKey: string | null = null,
): Stores {
  const lookups = new PgLookupJournal(db, logger);
  return {
    engine: "postgres",
    transactions: { run: (fn) => db.transaction(fn) },
    rounds: new PgRoundStore(db),
    scores: new PgScoreStore(db),
    competitions: new PgCompetitionStore(db),
    flags: new PgFlagStore(db),
    rescore: new PgRescoreStore(db),
    daily: new PgDailyStore(db),
    practice: new PgPracticeStore(db),
    exams: new PgExamStore(db),
    settings: new PgSettingsStore(db),
    teamMemory: new PgTeamMemoryStore(db),
    channelPauses: new PgChannelPauseStore(db),
    deliveries: new PgDeliveryStore(db, clock),
    lookups,
    installations: new PgInstallationStore(db, new TokenCipher(secretKey)),
    people: new PgPeopleData(db),
    close: () => lookups.flush(),
  };
}
