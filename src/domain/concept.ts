import type { Owner } from "./matrix.js";

/**
 * An idea of the shared responsibility model itself ("security of the cloud", "inherited controls") or a
 * duty exam questions name without any service ("penetration testing"): answered on its own, not per cell.
 */
export interface Concept {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  /** A duty named without a service ("database schema"): named beside a service or a related area, it still answers. */
  readonly duty: boolean;
  /** Who carries it, where the concept has one owner; absent for the model as a whole. */
  readonly owner?: Owner;
  readonly definition: string;
  readonly aws?: string;
  readonly customer?: string;
  /** Lookups that show the concept at work, e.g. "ec2 guest-os-patching" (each names known ids). */
  readonly examples: readonly string[];
  /** Area ids worth looking at next. */
  readonly related: readonly string[];
  readonly sources: readonly string[];
}
