import { DiscordAPIError, HTTPError, RESTJSONErrorCodes } from "discord.js";

/**
 * An error as log fields. Discord errors carry the request URL, which for interaction and webhook
 * routes contains the interaction token: it is left out, as are request bodies.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError)
    return { error: `${error.name}: ${error.message}`, status: error.status, method: error.method };
  if (error instanceof HTTPError) return { error: `HTTPError ${error.status}`, method: error.method };
  if (error instanceof Error) return { error: `${error.name}: ${error.message}` };
  return { error: String(error) };
}

/** Whether Discord refused a message body as invalid (400, code 50035). */
export function isInvalidFormBody(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.InvalidFormBodyOrContentType;
}

/** Whether the interaction had expired or was answered elsewhere (10062, 40060): nothing more can be sent. */
export function isSpentInteraction(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.UnknownInteraction ||
      error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged)
  );
}
