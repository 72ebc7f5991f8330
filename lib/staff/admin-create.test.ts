// npm run admin:create: the function on a test database, and the script's argument handling as a process.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { checkCredentials } from "@/lib/auth/credentials";
import { consumeToken } from "@/lib/auth/tokens";
import { ConflictError } from "@/lib/errors";
import { useTestDatabase } from "@/test/db";
import { ADMIN_CREATE_USAGE, createAdminAccount, parseAdminCreateArgs } from "./admin-create";
import { isPasswordUnset } from "./invite";
import { APP_URL, NOW, uniqueEmail } from "./testing";

const t = useTestDatabase();
const failureOf = async (work: () => Promise<unknown>) => work().then(() => undefined, (error: unknown) => error);

describe("createAdminAccount", () => {
  test("on an empty database: makes the admin, the catalogue and the settings row, and returns a one-time set-password link", async () => {
    expect(await t.db.user.count()).toBe(0);
    expect(await t.db.massageType.count()).toBe(0);
    const email = uniqueEmail("owner");
    const result = await createAdminAccount(t.db, { email, name: "Clinic Owner" }, { appUrl: `${APP_URL}/`, now: NOW });
    expect(result.created).toBe(true);
    expect(result.link).toMatch(/^http:\/\/clinic\.test\/password\/set\?token=[\w-]+$/);
    const user = await t.db.user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(user).toMatchObject({ role: "ADMIN", name: "Clinic Owner", email });
    expect(isPasswordUnset(user.passwordHash)).toBe(true);
    expect(await checkCredentials(t.db, { email, password: "nothing opens it yet" }, "198.51.100.3")).toEqual({ ok: false, reason: "invalid" });
    expect((await t.db.massageType.findMany({ select: { slug: true } })).map((type) => type.slug).toSorted()).toEqual(["deep-tissue", "myofascial", "swedish"]);
    expect(await t.db.clinicSettings.count()).toBe(1);
    expect(await t.db.auditEntry.findFirstOrThrow({ where: { action: "admin.created", entityId: user.id } })).toMatchObject({ actorId: null, toState: "ADMIN" });

    // Run again for the same admin: a new link, the earlier one no longer works, nothing else changes.
    const again = await createAdminAccount(t.db, { email, name: "Another Name" }, { appUrl: APP_URL, now: new Date(NOW.getTime() + 1000) });
    expect(again).toMatchObject({ created: false, userId: user.id });
    const token = (link: string) => new URL(link).searchParams.get("token")!;
    expect(await consumeToken(t.db, { token: token(result.link), purpose: "INVITATION", now: NOW })).toMatchObject({ ok: false });
    expect(await consumeToken(t.db, { token: token(again.link), purpose: "INVITATION", now: NOW })).toMatchObject({ ok: true, userId: user.id });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Clinic Owner");
    expect(await t.db.user.count()).toBe(1);
  });

  test("refuses an email that belongs to a patient or other non-admin account", async () => {
    const email = uniqueEmail("patient");
    await t.db.user.create({ data: { email, name: "A Patient", role: "PATIENT", passwordHash: "x" } });
    const error = await failureOf(() => createAdminAccount(t.db, { email, name: "Promote Me" }, { appUrl: APP_URL, now: NOW }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain("not clinic staff (patient)");
    expect((await t.db.user.findUniqueOrThrow({ where: { email } })).role).toBe("PATIENT");
  });
});

describe("parseAdminCreateArgs", () => {
  test("takes --email and --name, normalising the email", () => {
    expect(parseAdminCreateArgs(["--email", " Owner@Clinic.Example ", "--name", "Front Desk"])).toEqual({ ok: true, input: { email: "owner@clinic.example", name: "Front Desk" } });
    expect(parseAdminCreateArgs(["--name=Front Desk", "--email=a@b.example"])).toMatchObject({ ok: true });
  });

  test("missing, invalid or unknown arguments give the problem and the usage line", () => {
    for (const argv of [[], ["--email", "a@b.example"], ["--email", "not-an-email", "--name", "X"], ["--email", "a@b.example", "--name", "X", "--role", "ADMIN"], ["stray"]]) {
      const parsed = parseAdminCreateArgs(argv);
      expect(parsed.ok, argv.join(" ")).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(ADMIN_CREATE_USAGE);
    }
    const missing = parseAdminCreateArgs(["--email", "a@b.example"]);
    expect(!missing.ok && missing.message).toContain("--name: Enter the person's name.");
  });

  test("the script itself refuses bad arguments before opening any database (exit 2, usage on stderr)", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const run = spawnSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/admin-create.ts", "--email", "not-an-email"], {
      cwd: root,
      encoding: "utf8",
      // A DATABASE_URL that cannot connect: reaching the database would fail differently.
      env: { ...process.env, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", APP_URL: "http://clinic.test", AUTH_SECRET: "x".repeat(32) },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--email: Enter an email address like name@example.com.");
    expect(run.stderr).toContain(ADMIN_CREATE_USAGE);
    expect(run.stdout).toBe("");
  });
});
