// npm run api:lint: writes the OpenAPI document to a temporary file and lints it with Redocly
// (redocly.yaml: the recommended rules; .redocly.lint-ignore.yaml: the findings that are true and
// kept, each with its reason). Redocly is run offline: no telemetry, no update check.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildOpenApiDocument } from "@/lib/api-docs/document";

const root = path.resolve(import.meta.dirname, "..");
// A fixed (git-ignored) path: the ignore file names the document by its path.
const dir = path.join(root, ".api-lint");
const file = path.join(dir, "openapi.json");
mkdirSync(dir, { recursive: true });
writeFileSync(file, JSON.stringify(buildOpenApiDocument(), null, 2));
const result = spawnSync(
  process.execPath,
  [path.join(root, "node_modules/@redocly/cli/bin/cli.js"), "lint", path.relative(root, file), "--config", "redocly.yaml"],
  { cwd: root, stdio: "inherit", env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
);
rmSync(dir, { recursive: true, force: true });
process.exit(result.status ?? 1);
