import { DiscordAPIError, HTTPError, RESTJSONErrorCodes } from "discord.js";

/**
 * An error as log fields, with the request's status and method when Discord refused it. Discord errors
 * carry the request URL, which for interaction and webhook routes contains the interaction token: the
 * logger writes only an error's name, message, code, stack and causes, so the URL and body stay out.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError || error instanceof HTTPError)
    return { error, status: error.status, method: error.method };
  return { error };
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
