// A second app instance on an EMPTY database (no demo seed), for e2e/admin-staff.spec.ts: its own PGlite folder,
// or its own database on the PostgreSQL server of DATABASE_URL. The first admin is made the way a clinic makes
// it, with `npm run admin:create` (scripts/admin-create.ts), before the server starts (a PGlite folder belongs to
// one process at a time).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createDatabase, dropDatabase, postgresTarget } from "../test/postgres-admin";
import { E2E_AUTH_SECRET, e2eAppEnv } from "./app-env";

const TSX = path.join("node_modules", "tsx", "dist", "cli.mjs");

export interface EmptyClinic {
  baseURL: string;
  /** The line admin:create printed: the first admin's one-time set-password link. */
  adminLink: string;
  stop(): Promise<void>;
}

/** The first admin has no password yet: the test follows `adminLink` to the set-password page. */
export async function startEmptyClinic(options: { name: string; port: number; admin: { email: string; name: string } }): Promise<EmptyClinic> {
  const baseURL = `http://127.0.0.1:${options.port}`;
  const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? ".data-e2e", options.name);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  let databaseUrl: string | undefined;
  let dropOwnDatabase = async () => {};
  if (process.env.DATABASE_URL) {
    const target = postgresTarget(process.env.DATABASE_URL);
    const database = `${target.baseName}_${options.name.replaceAll("-", "_")}`;
    await dropDatabase(target, database);
    await createDatabase(target, database, "template0");
    databaseUrl = target.urlFor(database);
    dropOwnDatabase = () => dropDatabase(target, database);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...e2eAppEnv(baseURL),
    DATA_DIR: dataDir,
    AUTH_SECRET: E2E_AUTH_SECRET,
    SEED_DEMO: "false",
    DATABASE_URL: databaseUrl,
  };
  if (!databaseUrl) delete env.DATABASE_URL;

  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, [TSX, ...args], { env, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${args.join(" ")} failed (${result.status}): ${result.stderr}${result.stdout}`);
    return result.stdout;
  };
  const printed = run(["scripts/admin-create.ts", "--email", options.admin.email, "--name", options.admin.name]);
  const adminLink = /^http\S+\/password\/set\?token=\S+$/m.exec(printed)?.[0];
  if (!adminLink) throw new Error(`admin:create printed no link:\n${printed}`);

  const server: ChildProcess = spawn(process.execPath, [path.join("scripts", "serve.mjs")], {
    env: { ...env, PORT: String(options.port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NEXT_MANUAL_SIG_HANDLE: "true" },
    stdio: "ignore",
  });
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      const forced = setTimeout(() => server.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(forced);
    }
    await dropOwnDatabase();
  };
  for (let i = 0; i < 120; i++) {
    const up = await fetch(`${baseURL}/api/v1/massage-types`).then((r) => r.ok).catch(() => false);
    if (up) return { baseURL, adminLink, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error("The empty clinic's app did not start");
}
