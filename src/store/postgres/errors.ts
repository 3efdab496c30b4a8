import { DatabaseUnusable } from "../database-errors.js";

/** The SQLSTATE of a PostgreSQL error (23505, 40001, 57P01 …) or a network error's code (ECONNREFUSED), or "". */
export function pgCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "";
}

/**
 * Failures worth another attempt while the server starts or the network settles: refused and reset
 * connections, names not resolvable yet, timeouts, "the database system is starting up" (57P03), the
 * connection-exception class (08xxx) and an administrator's restart (57P01, 57P02).
 */
export function isTransientConnectError(error: unknown): boolean {
  const code = pgCode(error);
  if (
    [
      "ECONNREFUSED",
      "ECONNRESET",
      "ENOTFOUND",
      "EAI_AGAIN",
      "ETIMEDOUT",
      "EHOSTUNREACH",
      "ENETUNREACH",
      "EPIPE",
    ].includes(code)
  )
    return true;
  if (code.startsWith("08") || ["57P01", "57P02", "57P03"].includes(code)) return true;
  // pg rejects without a code when the server hangs up mid-handshake: a server still starting.
  return code === "";
}

/** The PostgreSQL server could not be reached (or refused this login) within the start-up wait. */
export class DatabaseUnreachable extends DatabaseUnusable {
  constructor(
    readonly address: string,
    detail: string,
    retried: boolean,
  ) {
    super(
      `PostgreSQL at ${address} ${retried ? "was not reachable" : "refused the connection"}: ${detail}. ` +
        "Check SRM_DATABASE_URL (host, port, user, password, database), that the server runs and accepts " +
        "connections from this machine" +
        (retried ? ", or wait longer for it with SRM_DATABASE_CONNECT_SECONDS." : "."),
    );
    this.name = "DatabaseUnreachable";
  }
}

/** `host:port` of a connection URL, never its user or password. */
export function addressOf(url: string): string {
  if (!URL.canParse(url)) return "(an unreadable URL)";
  const parsed = new URL(url);
  return `${parsed.hostname || "localhost"}:${parsed.port || "5432"}`;
}
