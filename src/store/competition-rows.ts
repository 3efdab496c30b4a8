import type { ChannelRef, Platform } from "../domain/channel.js";
import type { Competition } from "../domain/competition.js";

/** A competition's row as both engines return it. */
export interface RawCompetition {
  id: number;
  platform: string;
  workspace: string;
  name: string;
  channel: string;
  started_by: string;
  starts_at: string;
  ends_at: string;
  ended_at: string | null;
}

/** The values of a new competition's row, in column order from `platform` to `ends_at`. */
export function competitionValues(
  channel: ChannelRef,
  name: string,
  startedBy: string,
  startsAt: Date,
  endsAt: Date,
) {
  return [
    channel.platform,
    channel.workspaceId,
    name,
    channel.channelId,
    startedBy,
    startsAt.toISOString(),
    endsAt.toISOString(),
  ];
}

/** A competition from its row. */
export function toCompetition(r: RawCompetition): Competition {
  return {
    id: r.id,
    platform: r.platform as Platform,
    workspace: r.workspace,
    name: r.name,
    channel: r.channel,
    startedBy: r.started_by,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    endedAt: r.ended_at ? new Date(r.ended_at) : null,
  };
}
