import type { Person } from "./practice.js";

/**
 * Whether the workspace is the person's own (Discord's personal study outside a server, `user-<their id>`):
 * its very name says who studied there, so forgetting the person forgets all of it, lookups included.
 */
export function isOwnWorkspace(who: Person): boolean {
  return who.workspaceId === `user-${who.userId}`;
}

/** Rows deleted (or made anonymous), by table: what a forget or a purge did, for the person and the operator. */
export type DeletedRows = Readonly<Record<string, number>>;

/** What `/srm forget me` and its confirmation came to. */
export type ForgetOutcome =
  | { readonly kind: "asked"; readonly until: Date }
  | { readonly kind: "forgotten"; readonly deleted: DeletedRows }
  /** No ask within the confirmation's time: nothing was deleted. */
  | { readonly kind: "notAsked" };
