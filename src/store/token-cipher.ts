import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";

/** SRM_SECRET_KEY is not the key a stored token was sealed with: nothing sealed under the old key can be read. */
export class SecretKeyMismatch extends Error {
  readonly code = "SRM_SECRET_KEY_MISMATCH";
  constructor(what: string, options?: ErrorOptions) {
    super(
      `${what} cannot be decrypted: SRM_SECRET_KEY is not the key it was saved with. Set SRM_SECRET_KEY back to ` +
        "the key the bot ran with when the workspace installed the app, or install the app in that workspace again " +
        "(its /slack/install page) to save its token under the new key.",
      options,
    );
    this.name = "SecretKeyMismatch";
  }
}

/** A token was to be sealed or read, but SRM_SECRET_KEY is not set. */
export class SecretKeyMissing extends Error {
  readonly code = "SRM_SECRET_KEY_MISSING";
  constructor() {
    super(
      "SRM_SECRET_KEY is not set, so Slack installations' tokens can be neither saved nor read. Set SRM_SECRET_KEY " +
        "to a random string of at least 32 characters (e.g. the output of `openssl rand -base64 48`) and keep it.",
    );
    this.name = "SecretKeyMissing";
  }
}

const FORMAT = "v1";
/** Fixed, so one SRM_SECRET_KEY gives one key on every replica; the secret itself carries the entropy. */
const SALT = "srm-bot/slack-installations/v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals secrets for storage with AES-256-GCM under a key derived from SRM_SECRET_KEY by scrypt (derived once,
 * on first use). Each sealed value is bound to what it belongs to (`context`), so a sealed token copied into
 * another workspace's row fails to open instead of answering for it.
 */
export class TokenCipher {
  private key: Buffer | null = null;

  constructor(private readonly secret: string | null) {}

  /** "v1:<iv>:<tag>:<ciphertext>", base64url; a fresh IV each time, so equal tokens never look equal. */
  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.derived(), iv).setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return [FORMAT, iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
      .join(":");
  }

  /** The plain value of `sealed`; SecretKeyMismatch (naming `what`) when the key or the context is not its own. */
  open(sealed: string, context: string, what: string): string {
    const [format, iv, tag, body] = sealed.split(":");
    if (format !== FORMAT || iv === undefined || tag === undefined || body === undefined)
      throw new SecretKeyMismatch(what);
    const key = this.derived();
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), {
        authTagLength: TAG_BYTES,
      })
        .setAAD(Buffer.from(context, "utf8"))
        .setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    } catch (error) {
      // GCM's authentication failed: another key, or a value moved or altered. Node gives it no code to match.
      throw new SecretKeyMismatch(what, { cause: error });
    }
  }

  private derived(): Buffer {
    if (this.secret === null) throw new SecretKeyMissing();
    this.key ??= scryptSync(this.secret, SALT, 32);
    return this.key;
  }
}
