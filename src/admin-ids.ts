/** Characters no one can see, which make an id that looks right never match (zero-width, bidi, soft hyphen). */
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;

/** What each entry of SRM_ADMINS may be: a Slack id, a Discord id, or a terminal name (as after /as). */
const USER_ID = /^[\w.-]{1,40}$/;

/** How to write SRM_ADMINS, for every refusal. */
export const ADMIN_IDS_FIX =
  "Use comma-separated ids such as SRM_ADMINS=U012ABCDEF,123456789012345678 (Slack ids in upper case, Discord ids as digits).";

/**
 * Why one SRM_ADMINS entry can never match anyone, or null when it can: an id that never matches leaves
 * the operator thinking someone is an admin who is not, with nothing said.
 */
export function adminIdProblem(entry: string): string | null {
  const shown = `"${shownSafely(entry)}"`;
  const invisible = INVISIBLE.exec(entry);
  if (invisible)
    return `${shown} contains an invisible character (U+${hex(invisible[0])}) that no user id has`;
  if (/\s/u.test(entry)) return `${shown} contains a space`;
  if (/^<[@#!]/.test(entry)) return `${shown} is a mention, not a user id (write the id alone)`;
  if (/["'`\u2018\u2019\u201c\u201d]/u.test(entry)) return `${shown} is in quotes (write the id alone)`;
  if (entry.includes(";")) return `${shown} has a ";" in it (separate ids with commas)`;
  if (entry.includes("*")) return `${shown} is a wildcard (list each admin's id)`;
  if (/^[uw][a-z0-9]{6,}$/i.test(entry) && /\d/.test(entry) && entry !== entry.toUpperCase())
    return `${shown} is a Slack id in lower case (Slack ids are upper case: ${entry.toUpperCase()})`;
  if (!USER_ID.test(entry)) return `${shown} is not a user id`;
  return null;
}

/** An entry as it can be shown in a log: visible ASCII as is, anything else as its code point. */
function shownSafely(entry: string): string {
  const shown = [...entry].map((c) => (/^[\x21-\x7e ]$/.test(c) ? c : `\\u{${hex(c)}}`)).join("");
  return shown.length > 60 ? `${shown.slice(0, 60)}...` : shown;
}

function hex(c: string): string {
  return (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
}
