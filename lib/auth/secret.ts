// AUTH_SECRET from the environment; in embedded mode, generated once and kept
// beside the data (DATA_DIR/auth-secret) so sessions survive restarts.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Env } from "@/lib/env";

/** Generated secrets already read, by file: every request asks for the secret. */
const known = new Map<string, string>();

export function resolveAuthSecret(env: Pick<Env, "AUTH_SECRET" | "dataDir" | "embedded">): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (!env.embedded) {
    throw new Error("AUTH_SECRET must be set when DATABASE_URL is set.");
  }
  const file = path.join(env.dataDir, "auth-secret");
  const cached = known.get(file);
  if (cached) return cached;
  const secret = readOrCreate(file, env.dataDir);
  known.set(file, secret);
  return secret;
}

function readOrCreate(file: string, dataDir: string): string {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      // "wx": if another process wrote it first, use theirs.
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}
