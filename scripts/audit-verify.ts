// npm run audit:verify: walks the audit log's hash chain (the sealed entries)
// in the configured database and prints one line, with the entries not sealed
// yet. Exit 0 when intact, 1 when broken, when an entry written more than a
// minute ago is still unsealed (the sealer, a background job, is not running),
// or when the check cannot run. Read-only: it neither migrates nor seeds. For the embedded
// database, stop the app first (one process at a time opens a PGlite folder).
import { describeAuditChain, verifyAuditChain } from "@/lib/audit/verify";
import { loadEnvOrExit, withDatabase } from "./lib/database";

const env = loadEnvOrExit();
await withDatabase(env, async (connection) => {
  let result;
  try {
    result = await verifyAuditChain(connection.raw);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "42P01" || code === "42703") {
      console.error(`${connection.label} has no audit chain yet: run npm run db:migrate first.`);
      process.exit(1);
    }
    throw error;
  }
  const line = `${describeAuditChain(result)} (${connection.label})`;
  if (result.ok && result.unsealed.stale === 0) {
    console.log(line);
  } else {
    console.error(line);
    process.exitCode = 1;
  }
});
