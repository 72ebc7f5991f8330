// The Prisma CLI is used here only for `generate` and `migrate diff`. It runs the
// JavaScript schema engine against an in-memory PGlite, so it never needs a
// database server nor downloads a native engine (see docs/decisions/0002).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

// The schema's datasource reads DATABASE_URL; without it the CLI falls back to
// downloading engines, so give it a placeholder it never connects to.
process.env.DATABASE_URL ??= "postgresql://prisma-cli@localhost/unused";

export default defineConfig({
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  engine: "js",
  async adapter() {
    return new PrismaPGlite(new PGlite()) as never;
  },
});
