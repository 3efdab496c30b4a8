import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WorkspaceInstallation } from "../../../src/domain/installation.js";
import type { InstallationStore } from "../../../src/ports/installation-store.js";
import type { Db } from "../../../src/store/database.js";
import { SqliteInstallationStore } from "../../../src/store/installation-store.js";
import type { PgDb } from "../../../src/store/postgres/db.js";
import { PgInstallationStore } from "../../../src/store/postgres/installation-store.js";
import { TokenCipher } from "../../../src/store/token-cipher.js";
import { type OpenStores, storeEngines } from "../../support/store-engines.js";

const KEY = "a-test-secret-key-of-more-than-32-characters";
const OTHER_KEY = "another-secret-key-of-more-than-32-characters";

/** Every stored row of the table, as the engine holds it. */
interface RawRows {
  rows(): Promise<Record<string, unknown>[]>;
}

class SqliteRawRows {
  constructor(private readonly db: Db) {}
  rows(): Record<string, unknown>[] {
    return this.db.prepare("SELECT * FROM slack_installations").all() as Record<string, unknown>[];
  }
}

class PgRawRows {
  constructor(private readonly db: PgDb) {}
  async rows(): Promise<Record<string, unknown>[]> {
    return this.db.rows("SELECT * FROM slack_installations");
  }
}

interface S {
  store: InstallationStore;
  otherKey: InstallationStore;
  noKey: InstallationStore;
  raw: RawRows;
}

const engines = storeEngines<S>({
  sqlite: (db) => ({
    store: new SqliteInstallationStore(db, new TokenCipher(KEY)),
    otherKey: new SqliteInstallationStore(db, new TokenCipher(OTHER_KEY)),
    noKey: new SqliteInstallationStore(db, new TokenCipher(null)),
    raw: new SqliteRawRows(db),
  }),
  postgres: (db) => ({
    store: new PgInstallationStore(db, new TokenCipher(KEY)),
    otherKey: new PgInstallationStore(db, new TokenCipher(OTHER_KEY)),
    noKey: new PgInstallationStore(db, new TokenCipher(null)),
    raw: new PgRawRows(db),
  }),
});

function workspace(
  team: string,
  token: string,
  o: Partial<WorkspaceInstallation> = {},
): WorkspaceInstallation {
  return {
    enterpriseId: null,
    enterpriseName: null,
    teamId: team,
    teamName: `Team ${team}`,
    isEnterpriseInstall: false,
    appId: "A0SRM",
    botToken: token,
    botId: `B${team}`,
    botUserId: `U${team}BOT`,
    botScopes: ["commands", "chat:write"],
    installerUserId: `U${team}ADMIN`,
    installedAt: new Date("2026-12-01T10:00:00.000Z"),
    ...o,
  };
}

const orgInstall = (enterprise: string, token: string): WorkspaceInstallation =>
  workspace("", token, {
    enterpriseId: enterprise,
    enterpriseName: "Org",
    teamId: null,
    teamName: null,
    isEnterpriseInstall: true,
  });

const forTeam = (teamId: string, enterpriseId: string | null = null) => ({
  teamId,
  enterpriseId,
  isEnterpriseInstall: false,
});

describe.each(engines)("InstallationStore on $name", (engine) => {
  let opened: OpenStores<S>;
  let s: S;
  beforeEach(async () => {
    opened = await engine.open();
    s = opened.stores;
  });
  afterEach(async () => opened.close());

  it("a workspace's installation is found by its team with its own token, and another team finds none", async () => {
    await s.store.save(workspace("T1", "xoxb-one"));
    await s.store.save(workspace("T2", "xoxb-two"));
    expect(await s.store.find(forTeam("T1"))).toEqual(workspace("T1", "xoxb-one"));
    expect((await s.store.find(forTeam("T2")))?.botToken).toBe("xoxb-two");
    expect(await s.store.find(forTeam("T3"))).toBeNull();
  });

  it("installing again replaces the workspace's token", async () => {
    await s.store.save(workspace("T1", "xoxb-old"));
    await s.store.save(workspace("T1", "xoxb-new", { installedAt: new Date("2026-12-02T10:00:00.000Z") }));
    expect((await s.store.find(forTeam("T1")))?.botToken).toBe("xoxb-new");
    expect(await s.store.list()).toHaveLength(1);
  });

  it("an org-wide install serves the org's workspaces, and a workspace's own install comes first", async () => {
    await s.store.save(orgInstall("E1", "xoxb-org"));
    expect((await s.store.find(forTeam("T5", "E1")))?.botToken).toBe("xoxb-org");
    expect(
      (await s.store.find({ teamId: null, enterpriseId: "E1", isEnterpriseInstall: true }))?.botToken,
    ).toBe("xoxb-org");
    await s.store.save(workspace("T5", "xoxb-own", { enterpriseId: "E1" }));
    expect((await s.store.find(forTeam("T5", "E1")))?.botToken).toBe("xoxb-own");
    expect(await s.store.find(forTeam("T5", "E2"))).not.toBeNull();
    expect(await s.store.find(forTeam("T6", "E2"))).toBeNull();
  });

  it("a workspace noted in an org is served by the org's install when named alone, until the org uninstalls", async () => {
    await s.store.save(orgInstall("E1", "xoxb-org"));
    expect(await s.store.find(forTeam("T7"))).toBeNull();
    await s.store.noteOrgWorkspace("T7", "E1");
    await s.store.noteOrgWorkspace("T7", "E1");
    expect((await s.store.find(forTeam("T7")))?.botToken).toBe("xoxb-org");
    expect(await s.store.find(forTeam("T8"))).toBeNull();
    await s.store.remove({ teamId: null, enterpriseId: "E1", isEnterpriseInstall: true });
    await s.store.save(orgInstall("E1", "xoxb-org-again"));
    // The org installed again: its workspaces are learnt afresh from their requests.
    expect(await s.store.find(forTeam("T7"))).toBeNull();
  });

  it("removing a workspace takes its installation and token away and leaves the others", async () => {
    await s.store.save(workspace("T1", "xoxb-one"));
    await s.store.save(workspace("T2", "xoxb-two"));
    await s.store.save(orgInstall("E1", "xoxb-org"));
    expect(await s.store.remove(forTeam("T1"))).toBe(true);
    expect(await s.store.remove(forTeam("T1"))).toBe(false);
    expect(await s.store.find(forTeam("T1"))).toBeNull();
    expect((await s.store.find(forTeam("T2")))?.botToken).toBe("xoxb-two");
    expect(await s.store.remove({ teamId: null, enterpriseId: "E1", isEnterpriseInstall: true })).toBe(true);
    expect(await s.store.find(forTeam("T9", "E1"))).toBeNull();
    expect((await s.raw.rows()).map((r) => r.team_id)).toEqual(["T2"]);
  });

  it("the list names every installation, oldest first, and carries no token", async () => {
    await s.store.save(workspace("T2", "xoxb-two", { installedAt: new Date("2026-12-03T00:00:00.000Z") }));
    await s.store.save(workspace("T1", "xoxb-one"));
    const listed = await s.store.list();
    expect(listed.map((i) => i.teamId)).toEqual(["T1", "T2"]);
    expect(listed[0]).toEqual({
      enterpriseId: null,
      enterpriseName: null,
      teamId: "T1",
      teamName: "Team T1",
      isEnterpriseInstall: false,
      botUserId: "UT1BOT",
      installerUserId: "UT1ADMIN",
      installedAt: new Date("2026-12-01T10:00:00.000Z"),
    });
    expect(JSON.stringify(listed)).not.toContain("xoxb-");
  });

  it("a stored row holds no plaintext token, and the same token is sealed differently in two workspaces", async () => {
    await s.store.save(workspace("T1", "xoxb-secret-token-1234"));
    await s.store.save(workspace("T2", "xoxb-secret-token-1234"));
    const rows = await s.raw.rows();
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain("xoxb-secret-token-1234");
    expect(stored).not.toContain(Buffer.from("xoxb-secret-token-1234").toString("base64"));
    expect(rows[0]?.bot_token_sealed).not.toEqual(rows[1]?.bot_token_sealed);
  });

  it("a token saved under one SRM_SECRET_KEY is refused under another, naming the setting, and never shown", async () => {
    await s.store.save(workspace("T1", "xoxb-secret-token-1234"));
    const refused = await s.otherKey.find(forTeam("T1")).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: "SecretKeyMismatch", code: "SRM_SECRET_KEY_MISMATCH" });
    expect((refused as Error).message).toContain("SRM_SECRET_KEY");
    expect((refused as Error).message).not.toContain("xoxb-secret-token-1234");
    await expect(s.noKey.find(forTeam("T1"))).rejects.toMatchObject({ code: "SRM_SECRET_KEY_MISSING" });
    await expect(s.noKey.save(workspace("T2", "xoxb-two"))).rejects.toMatchObject({
      code: "SRM_SECRET_KEY_MISSING",
    });
    // The list needs no key: an operator can still see what is installed.
    expect((await s.noKey.list()).map((i) => i.teamId)).toEqual(["T1"]);
  });
});

describe("TokenCipher", () => {
  it("a sealed token opens only for the workspace it was sealed for", () => {
    const cipher = new TokenCipher(KEY);
    const sealed = cipher.seal("xoxb-one", "slack-installation:/T1");
    expect(cipher.open(sealed, "slack-installation:/T1", "T1's token")).toBe("xoxb-one");
    expect(() => cipher.open(sealed, "slack-installation:/T2", "T2's token")).toThrow(
      /T2's token cannot be decrypted/,
    );
  });
});
