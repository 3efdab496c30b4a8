/** A failure the fake answers instead of handling a call: a rate limit, or a Discord error. */
export type Failure =
  | { readonly status: 429; readonly retryAfter: number; readonly code?: never }
  | { readonly status: number; readonly code: number; readonly message: string };

type Json = Record<string, unknown>;

/** A status and a JSON body. */
export type Response = [number, unknown];

/** Discord's 404 for an interaction that is unknown or past its response window. */
export const UNKNOWN_INTERACTION: Response = [404, { message: "Unknown interaction", code: 10062 }];

/** Discord's 404 for a message that does not exist. */
export const UNKNOWN_MESSAGE: Response = [404, { message: "Unknown Message", code: 10008 }];

/** Discord's 401 for a call without the bot's token. */
export const UNAUTHORIZED: Response = [401, { message: "401: Unauthorized", code: 0 }];

/** Discord's 400 Invalid Form Body, with its errors nested by path the way Discord nests them. */
export function invalidForm(errors: readonly { path: string; reason: string }[]): Response {
  const nested: Json = {};
  for (const e of errors) {
    let at = nested;
    for (const key of e.path.split(".")) {
      at[key] ??= {};
      at = at[key] as Json;
    }
    at._errors = [{ code: "BASE_TYPE_INVALID", message: e.reason }];
  }
  return [400, { message: "Invalid Form Body", code: 50035, errors: nested }];
}

/** The body of an armed failure: a per-route (not global) rate limit, or a Discord error. */
export function failureResponse(f: Failure): Response {
  if ("retryAfter" in f)
    return [429, { message: "You are being rate limited.", retry_after: f.retryAfter, global: false }];
  return [f.status, { message: f.message, code: f.code }];
}

/** The headers of an armed failure: for a 429, Retry-After and the bucket headers Discord sends. */
export function failureHeaders(f: Failure): [string, string][] {
  if (!("retryAfter" in f)) return [];
  const seconds = String(f.retryAfter);
  return [
    ["retry-after", seconds],
    ["x-ratelimit-limit", "5"],
    ["x-ratelimit-remaining", "0"],
    ["x-ratelimit-reset-after", seconds],
    ["x-ratelimit-bucket", "fakebucket0001"],
    ["x-ratelimit-scope", "user"],
  ];
}
