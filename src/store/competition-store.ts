import type { ChannelRef, Platform } from "../domain/channel.js";
import type { Competition } from "../domain/competition.js";
import type { CompetitionStore } from "../ports/competition-store.js";
import { competitionValues, type RawCompetition, toCompetition } from "./competition-rows.js";
import type { Db } from "./database.js";
import type { Sync } from "./sqlite-gate.js";

/** Competitions in SQLite. */
export class SqliteCompetitionStore implements Sync<CompetitionStore> {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      insert: db.prepare(
        "INSERT INTO competitions (platform, workspace, name, channel, started_by, starts_at, ends_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
      active: db.prepare(
        "SELECT * FROM competitions WHERE platform = ? AND workspace = ? AND ended_at IS NULL",
      ),
      byName: db.prepare(
        "SELECT * FROM competitions WHERE platform = ? AND workspace = ? AND name = ? COLLATE NOCASE",
      ),
      byId: db.prepare("SELECT * FROM competitions WHERE id = ?"),
      end: db.prepare("UPDATE competitions SET ended_at = ? WHERE id = ? AND ended_at IS NULL"),
      due: db.prepare("SELECT * FROM competitions WHERE ended_at IS NULL AND ends_at <= ? ORDER BY id"),
      latestEnded: db.prepare(
        "SELECT * FROM competitions WHERE platform = ? AND workspace = ? AND ended_at IS NOT NULL ORDER BY ended_at DESC LIMIT 1",
      ),
    };
  }

  /** Starts a competition; the caller checks that none is active and the name is free. */
  create(channel: ChannelRef, name: string, startedBy: string, startsAt: Date, endsAt: Date): Competition {
    const info = this.q.insert.run(...competitionValues(channel, name, startedBy, startsAt, endsAt));
    return this.get(Number(info.lastInsertRowid)) as Competition;
  }

  /** The competition with this id. */
  get(id: number): Competition | undefined {
    const raw = this.q.byId.get(id) as RawCompetition | undefined;
    return raw ? toCompetition(raw) : undefined;
  }

  /** The workspace's running competition, if any. */
  active(platform: Platform, workspace: string): Competition | undefined {
    const raw = this.q.active.get(platform, workspace) as RawCompetition | undefined;
    return raw ? toCompetition(raw) : undefined;
  }

  /** A competition by name (any case). */
  byName(platform: Platform, workspace: string, name: string): Competition | undefined {
    const raw = this.q.byName.get(platform, workspace, name) as RawCompetition | undefined;
    return raw ? toCompetition(raw) : undefined;
  }

  /** The most recently ended competition of a workspace. */
  latestEnded(platform: Platform, workspace: string): Competition | undefined {
    const raw = this.q.latestEnded.get(platform, workspace) as RawCompetition | undefined;
    return raw ? toCompetition(raw) : undefined;
  }

  /** Marks a competition ended; false if it already was. */
  end(id: number, at: Date): boolean {
    return this.q.end.run(at.toISOString(), id).changes === 1;
  }

  /** Running competitions whose end time has passed. */
  due(now: Date): Competition[] {
    return (this.q.due.all(now.toISOString()) as RawCompetition[]).map(toCompetition);
  }
}
