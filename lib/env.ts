// The one place that reads process.env. Everything else imports `env`.
// Defaults make `npm start` work with no configuration at all.
import path from "node:path";
import { z } from "zod";
import { parseTrustedProxies, TRUSTED_PROXIES_FORMAT } from "@/lib/http/trusted-proxies";

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must look like postgres://user:password@host:5432/database");

const flag = z.enum(["true", "false", "auto"]);

const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

function urlWithProtocol(protocols: string[], example: string) {
  return z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return protocols.includes(url.protocol) && url.hostname !== "";
      } catch {
        return false;
      }
    }, `must look like ${example}`);
}

// "clinic@example.org" or "Back-care Clinic <clinic@example.org>".
const mailbox = z
  .string()
  .trim()
  .regex(/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, "must be an address, optionally with a name: Clinic <clinic@example.org>");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess((v) => (v === "" ? undefined : v), postgresUrl.optional()),
  DATA_DIR: z.string().min(1).default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AUTH_SECRET: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(32, "must be at least 32 characters").optional()),
  SEED_DEMO: flag.default("auto"),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  // Only `npm run bench` turns this on: it exposes the baseline insert route.
  BENCH_ROUTES: z.enum(["true", "false"]).default("false").transform((value) => value === "true"),
  // Proxies allowed to name the client in X-Forwarded-For: a hop count or addresses/CIDRs (lib/http/client-address.ts).
  TRUSTED_PROXIES: z.preprocess(blankIsUnset, z.string().refine((value) => parseTrustedProxies(value) !== null, TRUSTED_PROXIES_FORMAT).optional()),
  // Accounts one address may create in an hour (lib/auth/throttle.ts).
  REGISTRATIONS_PER_HOUR: z.preprocess(blankIsUnset, z.coerce.number().int().min(1).max(100_000).default(10)),
  // Unset: mail stays in the local mailbox (/admin/mailbox) and nothing leaves the machine.
  SMTP_URL: z.preprocess(blankIsUnset, urlWithProtocol(["smtp:", "smtps:"], "smtp://user:password@host:587 or smtps://host:465").optional()),
  MAIL_FROM: z.preprocess(blankIsUnset, mailbox.default("Back-care Massage Clinic <no-reply@backcare-clinic.invalid>")),
  // Where links in mails point. Unset: the address the request came to.
  APP_URL: z.preprocess(
    blankIsUnset,
    urlWithProtocol(["http:", "https:"], "https://clinic.example.org")
      .transform((value) => value.replace(/\/+$/, ""))
      .optional(),
  ),
  // How often the app runs its background jobs (mail delivery); 0 turns the in-app loop off (use `npm run jobs` from cron).
  JOBS_INTERVAL_SECONDS: z.preprocess(blankIsUnset, z.coerce.number().int().min(0).max(86_400).default(30)),
});

export type Env = z.infer<typeof schema> & { dataDir: string; embedded: boolean };

export class EnvError extends Error {}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new EnvError(`Invalid configuration: ${lines.join("; ")}`);
  }
  const parsed = result.data;
  const embedded = parsed.DATABASE_URL === undefined;
  if (!embedded && parsed.NODE_ENV === "production" && !parsed.AUTH_SECRET) {
    throw new EnvError(
      "Invalid configuration: AUTH_SECRET is required in production with DATABASE_URL (generate one with `openssl rand -base64 32`)",
    );
  }
  return { ...parsed, dataDir: path.resolve(parsed.DATA_DIR), embedded };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
