import type { Owner } from "../domain/matrix.js";

/** An owner, or null where the area does not apply to the service. */
export type Holder = Owner | null;

/**
 * The fill of each owner, the same as the accents of the Slack and Discord cards (AWS orange, customer blue,
 * shared purple) and grey where an area does not apply, so a picture and its card read alike.
 */
export const HOLDER_FILL: Readonly<Record<Owner | "none", string>> = {
  aws: "#ff9900",
  customer: "#1f6feb",
  shared: "#8250df",
  none: "#8b949e",
};

/** The text colour on each fill: dark on orange and grey, white on blue and purple (contrast 4.5:1 or more). */
export const HOLDER_INK: Readonly<Record<Owner | "none", string>> = {
  aws: "#1b1f24",
  customer: "#ffffff",
  shared: "#ffffff",
  none: "#1b1f24",
};

/** The word a picture writes for an owner. */
export const HOLDER_WORD: Readonly<Record<Owner | "none", string>> = {
  aws: "AWS",
  customer: "Customer",
  shared: "Shared",
  none: "Does not apply",
};

/** The key of a holder in the tables above. */
export function holderKey(holder: Holder): Owner | "none" {
  return holder ?? "none";
}

/** The page's background and its plain text colours. */
export const PAPER = "#ffffff";
export const INK = "#1b1f24";
export const MUTED = "#57606a";
