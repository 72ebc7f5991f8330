// Unit and integration tests beside the code (lib/**/*.test.ts). One database is
// built from the migrations once per run (test/global-setup.ts) and copied for
// each test file that asks for one (test/db.ts). See test/README.md.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // "server-only" throws outside a React Server Component bundle; tests import those modules directly.
      { find: /^server-only$/, replacement: `${root}test/empty.ts` },
      { find: /^@\//, replacement: root },
    ],
  },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    // Files run in parallel, one worker per core of the 2-core machines this runs on;
    // each worker's PGlite copy is ~100 MB of memory.
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
    // PGlite loads its WASM and data folder per file; argon2 hashing is deliberately slow.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
