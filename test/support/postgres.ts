import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { startTestPostgres, type TestPostgres } from "./postgres-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The superuser URL of the run's PostgreSQL server. */
    postgresServerUrl: string;
  }
}

let server: TestPostgres | undefined;

/** vitest globalSetup: one PostgreSQL server for the whole run, its URL provided to every test file. */
export async function setup(project: {
  provide: (key: "postgresServerUrl", value: string) => void;
}): Promise<void> {
  server = await startTestPostgres();
  project.provide("postgresServerUrl", server.url);
}

/** vitest globalSetup: stops the run's server. */
export async function teardown(): Promise<void> {
  await server?.stop();
  server = undefined;
}

/** The run's server (superuser, database `postgres`): for tests that create or inspect databases themselves. */
export function postgresServerUrl(): string {
  return inject("postgresServerUrl");
}

/** The same server URL pointed at another database. */
export function databaseUrl(database: string): string {
  const url = new URL(postgresServerUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A new, empty database on the run's server, for one test: its URL works from this process and from any
 * child process (several bot replicas on one database).
 */
export async function freshDatabaseUrl(): Promise<string> {
  const name = `srm_test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: postgresServerUrl() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return databaseUrl(name);
}
