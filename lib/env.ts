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
  // Where links in mails point; never taken from a request. Required with DATABASE_URL; embedded: http://localhost:PORT.
  APP_URL: z.preprocess(
    blankIsUnset,
    urlWithProtocol(["http:", "https:"], "https://clinic.example.org")
      .transform((value) => value.replace(/\/+$/, ""))
      .optional(),
  ),
  // A staff session (therapist, physician, admin) unused this long is refused (docs/decisions/0011).
  STAFF_IDLE_MINUTES: z.preprocess(blankIsUnset, z.coerce.number().int().min(1).max(24 * 60).default(30)),
  // How often the app runs its background jobs (mail delivery); 0 turns the in-app loop off (use `npm run jobs` from cron).
  JOBS_INTERVAL_SECONDS: z.preprocess(blankIsUnset, z.coerce.number().int().min(0).max(86_400).default(30)),
  // Unset S3_BUCKET: clearance documents stay in DATA_DIR/documents. Set: an S3-compatible bucket (docs/decisions/0005).
  S3_BUCKET: z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a bucket name: 3–63 lower-case letters, digits, dots and hyphens")
      .optional(),
  ),
  // Unset: the provider's own endpoint for S3_REGION (AWS). Set for MinIO, Ceph, R2 and the like.
  S3_ENDPOINT: z.preprocess(blankIsUnset, urlWithProtocol(["http:", "https:"], "https://s3.eu-central-1.amazonaws.com").optional()),
  S3_REGION: z.preprocess(blankIsUnset, z.string().trim().regex(/^[a-z0-9-]+$/, "must be a region such as eu-central-1").default("us-east-1")),
  S3_ACCESS_KEY_ID: z.preprocess(blankIsUnset, z.string().trim().min(1).optional()),
  S3_SECRET_ACCESS_KEY: z.preprocess(blankIsUnset, z.string().min(1).optional()),
  S3_FORCE_PATH_STYLE: z.preprocess(blankIsUnset, z.enum(["true", "false"]).default("false").transform((value) => value === "true")),
});

/** Where clearance documents are kept: the S3 settings, or undefined for the local folder. */
export interface S3Settings {
  bucket: string;
  endpoint?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

export type Env = Omit<z.infer<typeof schema>, "APP_URL"> & { APP_URL: string; dataDir: string; embedded: boolean; s3?: S3Settings };

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
  // A deployment on PostgreSQL is reached at an address only its operator knows; a request's Host header is not it.
  if (!embedded && !parsed.APP_URL) {
    throw new EnvError(
      "Invalid configuration: APP_URL is required with DATABASE_URL (the public address links in mails point to, e.g. https://book.clinic.example)",
    );
  }
  const appUrl = parsed.APP_URL ?? `http://localhost:${parsed.PORT}`;
  return { ...parsed, APP_URL: appUrl, dataDir: path.resolve(parsed.DATA_DIR), embedded, s3: s3Settings(parsed) };
}

function s3Settings(parsed: z.infer<typeof schema>): S3Settings | undefined {
  const { S3_BUCKET: bucket, S3_ENDPOINT: endpoint, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } = parsed;
  if (!bucket) {
    const stray = (["S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const).filter((name) => parsed[name] !== undefined);
    if (stray.length > 0) {
      throw new EnvError(`Invalid configuration: ${stray.join(", ")} set without S3_BUCKET (set S3_BUCKET to keep documents in S3, or unset them)`);
    }
    return undefined;
  }
  if (!accessKeyId || !secretAccessKey) {
    throw new EnvError("Invalid configuration: S3_BUCKET needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY");
  }
  return {
    bucket,
    ...(endpoint ? { endpoint } : {}),
    region: parsed.S3_REGION,
    accessKeyId,
    secretAccessKey,
    forcePathStyle: parsed.S3_FORCE_PATH_STYLE,
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
