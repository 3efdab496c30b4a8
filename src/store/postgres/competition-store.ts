import type { ChannelRef, Platform } from "../../domain/channel.js";
import type { Competition } from "../../domain/competition.js";
import type { CompetitionStore } from "../../ports/competition-store.js";
import { competitionValues, type RawCompetition, toCompetition } from "../competition-rows.js";
import type { PgDb } from "./db.js";

const COLUMNS = "id, platform, workspace, name, channel, started_by, starts_at, ends_at, ended_at";

/** Competitions in PostgreSQL. */
export class PgCompetitionStore implements CompetitionStore {
  constructor(private readonly db: PgDb) {}

  /** Starts a competition; the caller checks that none is active and the name is free. */
  async create(
    channel: ChannelRef,
    name: string,
    startedBy: string,
    startsAt: Date,
    endsAt: Date,
  ): Promise<Competition> {
    const raw = await this.db.one<RawCompetition>(
      "INSERT INTO competitions (platform, workspace, name, channel, started_by, starts_at, ends_at) " +
        `VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      competitionValues(channel, name, startedBy, startsAt, endsAt),
    );
    return toCompetition(raw as RawCompetition);
  }

  /** The competition with this id. */
  async get(id: number): Promise<Competition | undefined> {
    return competitionOf(
      await this.db.one<RawCompetition>(`SELECT ${COLUMNS} FROM competitions WHERE id = $1`, [id]),
    );
  }

  /** The workspace's running competition, if any. */
  async active(platform: Platform, workspace: string): Promise<Competition | undefined> {
    const raw = await this.db.one<RawCompetition>(
      `SELECT ${COLUMNS} FROM competitions WHERE platform = $1 AND workspace = $2 AND ended_at IS NULL`,
      [platform, workspace],
    );
    return competitionOf(raw);
  }

  /** A competition by name (any case). */
  async byName(platform: Platform, workspace: string, name: string): Promise<Competition | undefined> {
    // lower() under the "C" collation folds ASCII letters only: SQLite's NOCASE exactly.
    const raw = await this.db.one<RawCompetition>(
      `SELECT ${COLUMNS} FROM competitions WHERE platform = $1 AND workspace = $2 ` +
        'AND lower(name COLLATE "C") = lower($3 COLLATE "C") ORDER BY id LIMIT 1',
      [platform, workspace, name],
    );
    return competitionOf(raw);
  }

  /** The most recently ended competition of a workspace. */
  async latestEnded(platform: Platform, workspace: string): Promise<Competition | undefined> {
    const raw = await this.db.one<RawCompetition>(
      `SELECT ${COLUMNS} FROM competitions WHERE platform = $1 AND workspace = $2 AND ended_at IS NOT NULL ` +
        "ORDER BY ended_at DESC, id DESC LIMIT 1",
      [platform, workspace],
    );
    return competitionOf(raw);
  }

  /** Marks a competition ended; false if it already was. */
  async end(id: number, at: Date): Promise<boolean> {
    // One statement decides it: of two replicas ending the same competition at once, one changes the row.
    const n = await this.db.run("UPDATE competitions SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL", [
      at.toISOString(),
      id,
    ]);
    return n === 1;
  }

  /** Running competitions whose end time has passed. */
  async due(now: Date): Promise<Competition[]> {
    const rows = await this.db.rows<RawCompetition>(
      `SELECT ${COLUMNS} FROM competitions WHERE ended_at IS NULL AND ends_at <= $1 ORDER BY id`,
      [now.toISOString()],
    );
    return rows.map(toCompetition);
  }
}

function competitionOf(raw: RawCompetition | undefined): Competition | undefined {
  return raw ? toCompetition(raw) : undefined;
}
