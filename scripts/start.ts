// npm start: one command from a fresh clone to a served clinic.
// Migrates, seeds the demo on an empty embedded database, builds when the
// sources changed since the last build, then serves the build on PORT (scripts/serve.mjs).
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { loadEnvOrExit, migrateDatabase, seedByPolicy, withDatabase } from "./lib/database";

const started = Date.now();
// `npm start` always serves a production build, so check the configuration as production.
(process.env as Record<string, string>).NODE_ENV = "production";
const env = loadEnvOrExit();
const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const stampFile = path.join(root, ".next", "clinic-build-stamp");

// Everything `next build` reads; a change in any of them means a new build.
const BUILD_INPUTS = ["app", "components", "lib", "public", "prisma/schema.prisma", "package.json", "package-lock.json", "next.config.js", "postcss.config.js", "tsconfig.json", "instrumentation.ts", "proxy.ts"];

function fingerprint(): string {
  const hash = createHash("sha256");
  const visit = (relative: string) => {
    const full = path.join(root, relative);
    if (!fs.existsSync(full)) return;
    const stat = fs.statSync(full);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(full).sort()) visit(path.join(relative, entry));
    } else {
      hash.update(relative).update(fs.readFileSync(full));
    }
  };
  BUILD_INPUTS.forEach(visit);
  return hash.digest("hex");
}

const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  // Our instrumentation closes the database on SIGTERM before exiting.
  NEXT_MANUAL_SIG_HANDLE: "true",
};

await withDatabase(env, async (connection) => {
  await migrateDatabase(connection);
  await seedByPolicy(env, connection);
});
if (env.embedded) childEnv.AUTH_SECRET = resolveAuthSecret(env);

const current = fingerprint();
const built = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8") : "";
if (built !== current) {
  console.log("Building the app (first start, or the sources changed)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: childEnv });
  if (build.status !== 0) process.exit(build.status ?? 1);
  fs.writeFileSync(stampFile, current);
}

console.log(`Ready to serve after ${((Date.now() - started) / 1000).toFixed(1)} s; starting on port ${env.PORT}.`);
// Next behind our own small server (scripts/serve.mjs), which tells the app the TCP peer's address.
const server = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs")], {
  stdio: "inherit",
  env: { ...childEnv, PORT: String(env.PORT) },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
