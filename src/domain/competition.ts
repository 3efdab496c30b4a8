import type { Platform } from "./channel.js";

/** A named competition with its own leaderboard. */
export interface Competition {
  readonly id: number;
  readonly platform: Platform;
  readonly workspace: string;
  readonly name: string;
  readonly channel: string;
  readonly startedBy: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly endedAt: Date | null;
}
