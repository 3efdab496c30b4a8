import type { Platform } from "../domain/channel.js";
import type { FlagCount, FlagResolution, NewFlag, OpenFlag } from "../domain/flag.js";

/** Flags on questions, stored. */
export interface FlagStore {
  /** Stores a flag; false when the person flagged that question before. */
  add(f: NewFlag): Promise<boolean>;
  /** A workspace's open flags, grouped by question. */
  open(platform: Platform, workspace: string): Promise<OpenFlag[]>;
  /** The questions flagged by enough different people in a workspace, still unresolved. */
  heldOut(platform: Platform, workspace: string): Promise<ReadonlySet<string>>;
  /** Resolves every open flag on a question in a workspace; returns how many. */
  resolve(
    platform: Platform,
    workspace: string,
    questionId: string,
    how: FlagResolution,
    by: string,
    at: Date,
  ): Promise<number>;
  /** Open flags per question and reason, over every workspace. */
  counts(): Promise<FlagCount[]>;
}

/** Scores a workspace again from its answers after a revealed round changed. */
export interface Rescorer {
  /** Rescores one workspace in one transaction; returns how many rounds and answers it replayed. */
  rescoreWorkspace(platform: Platform, workspace: string): Promise<{ rounds: number; answers: number }>;
}
