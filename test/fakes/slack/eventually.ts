/**
 * Polls `check` until it returns a value other than undefined, null or false, and returns that value;
 * fails after `timeoutMs` naming `what` was awaited. For effects that happen after an acknowledgement.
 */
export async function eventually<T>(
  what: string,
  check: () => T | undefined | null | false,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
