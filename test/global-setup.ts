// Builds the one test database from the migrations, once per run. Test files
// copy it (test/db.ts):
// - embedded: an in-memory PGlite, migrated, dumped to an uncompressed tarball
//   in a temp file; each file loads that instead of running initdb (~6 s).
// - DATABASE_URL set: a template database "<name>_tmpl" on that server; each
//   file gets CREATE DATABASE ... TEMPLATE, which takes a fraction of a second.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { connectionFromPglite, connectionFromUrl, createPglite } from "../lib/db/connection";
import { migrate } from "../lib/db/migrate";
import { createDatabase, dropDatabase, postgresTarget } from "./postgres-admin";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { kind: "pglite"; dumpFile: string } | { kind: "postgres"; databaseUrl: string; templateName: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const databaseUrl = process.env.DATABASE_URL?.trim();
  return databaseUrl ? setupPostgres(project, databaseUrl) : setupPglite(project);
}

async function setupPglite(project: TestProject): Promise<() => Promise<void>> {
  const pg = createPglite();
  try {
    await migrate(connectionFromPglite(pg).raw);
    const dump = await pg.dumpDataDir("none");
    const dumpFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "clinic-vitest-")), "migrated.tar");
    fs.writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
    project.provide("testDatabase", { kind: "pglite", dumpFile });
    return async () => fs.rmSync(path.dirname(dumpFile), { recursive: true, force: true });
  } finally {
    await pg.close();
  }
}

async function setupPostgres(project: TestProject, databaseUrl: string): Promise<() => Promise<void>> {
  const target = postgresTarget(databaseUrl);
  await dropDatabase(target, target.templateName);
  await createDatabase(target, target.templateName);
  // One connection: a template must have none open when it is copied.
  const connection = connectionFromUrl(target.urlFor(target.templateName), 1);
  try {
    await migrate(connection.raw);
  } finally {
    await connection.close();
  }
  project.provide("testDatabase", { kind: "postgres", databaseUrl, templateName: target.templateName });
  return () => dropDatabase(target, target.templateName);
}
