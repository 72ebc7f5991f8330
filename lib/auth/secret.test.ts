import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { resolveAuthSecret } from "./secret";

let dataDir: string;

beforeEach(() => {
  // A folder that does not exist yet, as on a first start.
  dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "clinic-secret-")), "data");
});
afterEach(() => {
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

const embedded = () => ({ AUTH_SECRET: undefined, dataDir, embedded: true });

test("generates a secret once into DATA_DIR and returns the same one afterwards", () => {
  const first = resolveAuthSecret(embedded());
  expect(first.length).toBeGreaterThanOrEqual(32);
  expect(fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8")).toBe(first);
  expect(resolveAuthSecret(embedded())).toBe(first);
});

test("the secret file is readable by its owner only (0600)", () => {
  resolveAuthSecret(embedded());
  expect(fs.statSync(path.join(dataDir, "auth-secret")).mode & 0o777).toBe(0o600);
});

test("two data folders get different secrets", () => {
  const first = resolveAuthSecret(embedded());
  const otherDir = path.join(path.dirname(dataDir), "other");
  expect(resolveAuthSecret({ AUTH_SECRET: undefined, dataDir: otherDir, embedded: true })).not.toBe(first);
});

test("AUTH_SECRET from the environment wins and nothing is written", () => {
  const fromEnv = "e".repeat(40);
  expect(resolveAuthSecret({ AUTH_SECRET: fromEnv, dataDir, embedded: true })).toBe(fromEnv);
  expect(fs.existsSync(path.join(dataDir, "auth-secret"))).toBe(false);

  const generated = resolveAuthSecret(embedded());
  expect(resolveAuthSecret({ AUTH_SECRET: fromEnv, dataDir, embedded: true })).toBe(fromEnv);
  expect(generated).not.toBe(fromEnv);
});

test("with PostgreSQL and no AUTH_SECRET it refuses instead of generating one per instance", () => {
  expect(() => resolveAuthSecret({ AUTH_SECRET: undefined, dataDir, embedded: false })).toThrow(/AUTH_SECRET/);
  expect(fs.existsSync(dataDir)).toBe(false);
});
