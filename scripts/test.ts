// npm test: every test. Unit and integration tests (vitest), then end-to-end
// tests (Playwright in Debian's Chromium against the built app). On PGlite by
// default; on PostgreSQL when DATABASE_URL is set.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);
const database = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite";

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  console.log(`\n=== ${label} on ${database} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env });
  console.log(`=== ${label}: ${result.status === 0 ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  return result.status ?? 1;
}

const unit = run("unit and integration tests", bin("vitest"), ["run"]);

// The e2e app gets a data folder of its own, new every run.
const e2eDataDir = path.resolve(process.env.E2E_DATA_DIR ?? ".data-e2e");
fs.rmSync(e2eDataDir, { recursive: true, force: true });
const e2e = run("end-to-end tests", bin("playwright"), ["test"], { ...process.env, E2E_DATA_DIR: e2eDataDir });

process.exit(unit === 0 && e2e === 0 ? 0 : 1);
