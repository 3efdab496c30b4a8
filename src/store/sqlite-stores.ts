import type { ChannelPauseStore } from "../ports/channel-pause-store.js";
import type { CompetitionStore } from "../ports/competition-store.js";
import type { DailyStore } from "../ports/daily-store.js";
import type { ExamStore } from "../ports/exam-store.js";
import type { FlagStore, Rescorer } from "../ports/flag-store.js";
import type { InstallationStore } from "../ports/installation-store.js";
import type { PeopleData } from "../ports/people-data.js";
import type { PracticeStore } from "../ports/practice-store.js";
import type { RoundStore } from "../ports/round-store.js";
import type { ScoreStore } from "../ports/score-store.js";
import type { SettingsStore } from "../ports/settings-store.js";
import type { Stores } from "../ports/stores.js";
import type { TeamMemoryStore } from "../ports/team-memory-store.js";
import type { Clock, Logger } from "../ports.js";
import { SqliteChannelPauseStore } from "./channel-pause-store.js";
import { SqliteCompetitionStore } from "./competition-store.js";
import { SqliteDailyStore } from "./daily-store.js";
import type { Db } from "./database.js";
import { DeliveryStore } from "./delivery-store.js";
import { SqliteExamStore } from "./exam-store.js";
import { SqliteFlagStore } from "./flag-store.js";
import { SqliteInstallationStore } from "./installation-store.js";
import { SqliteLookupJournal } from "./lookup-journal.js";
import { SqlitePeopleData } from "./people-data.js";
import { SqlitePracticeStore } from "./practice-store.js";
import { RescoreStore } from "./rescore-store.js";
import { SqliteRoundStore } from "./round-store.js";
import { SqliteScoreStore } from "./score-store.js";
import { SqliteSettingsStore } from "./settings-store.js";
import { SqliteGate, served } from "./sqlite-gate.js";
import { SqliteTeamMemoryStore } from "./team-memory-store.js";
import { TokenCipher } from "./token-cipher.js";

/**
 * Every store on one open SQLite file, served through one gate. `close` leaves the file open: its opener closes it.
 * `secretKey` (SRM_SECRET_KEY) seals Slack installations' tokens; without it they can be neither saved nor read.
 */
export function sqliteStores(db: Db, clock: Clock, logger?: Logger, secretKey: string | null = null): Stores {
  const gate = new SqliteGate(db);
  const lookups = new SqliteLookupJournal(db, gate, logger);
  return {
    engine: "sqlite",
    transactions: gate,
    rounds: served<RoundStore>(new SqliteRoundStore(db), gate),
    scores: served<ScoreStore>(new SqliteScoreStore(db), gate),
    competitions: served<CompetitionStore>(new SqliteCompetitionStore(db), gate),
    flags: served<FlagStore>(new SqliteFlagStore(db), gate),
    rescore: served<Rescorer>(new RescoreStore(db), gate),
    daily: served<DailyStore>(new SqliteDailyStore(db), gate),
    practice: served<PracticeStore>(new SqlitePracticeStore(db), gate),
    exams: served<ExamStore>(new SqliteExamStore(db), gate),
    settings: served<SettingsStore>(new SqliteSettingsStore(db), gate),
    teamMemory: served<TeamMemoryStore>(new SqliteTeamMemoryStore(db), gate),
    channelPauses: served<ChannelPauseStore>(new SqliteChannelPauseStore(db), gate),
    deliveries: new DeliveryStore(db, gate, clock),
    lookups,
    installations: served<InstallationStore>(
      new SqliteInstallationStore(db, new TokenCipher(secretKey)),
      gate,
    ),
    people: served<PeopleData>(new SqlitePeopleData(db), gate),
    close: () => lookups.flush(),
  };
}
