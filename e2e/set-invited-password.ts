// Stand-in, for e2e/admin-staff.spec.ts, for the set-password page (/password/set) while that page is not in
// this branch: uses an INVITATION token once and stores the argon2 hash of the password, the two steps that page
// takes, on the configured database (DATABASE_URL or DATA_DIR's PGlite folder).
// Usage: npx tsx e2e/set-invited-password.ts <token> <password>
import { hashPassword } from "@/lib/auth/password";
import { consumeToken } from "@/lib/auth/tokens";
import { createPrisma } from "@/lib/db/prisma";
import { loadEnvOrExit, withDatabase } from "../scripts/lib/database";

const [token, password] = process.argv.slice(2);
if (!token || !password) {
  console.error("Usage: npx tsx e2e/set-invited-password.ts <token> <password>");
  process.exit(2);
}
const env = loadEnvOrExit();
await withDatabase(env, async (connection) => {
  const db = createPrisma(connection);
  try {
    const passwordHash = await hashPassword(password);
    await db.$transaction(async (tx) => {
      const used = await consumeToken(tx, { token, purpose: "INVITATION" });
      if (!used.ok) throw new Error(`The invitation cannot be used: ${used.reason}`);
      await tx.user.update({ where: { id: used.userId }, data: { passwordHash } });
    });
  } finally {
    await db.$disconnect();
  }
});
console.log("Password set.");
