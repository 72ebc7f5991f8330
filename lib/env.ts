// The one place that reads process.env. Everything else imports `env`.
// Defaults make `npm start` work with no configuration at all.
import path from "node:path";
import { z } from "zod";

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

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess((v) => (v === "" ? undefined : v), postgresUrl.optional()),
  DATA_DIR: z.string().min(1).default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AUTH_SECRET: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(32, "must be at least 32 characters").optional()),
  SEED_DEMO: flag.default("auto"),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
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
