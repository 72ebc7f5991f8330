import path from "node:path";
import { describe, expect, test } from "vitest";
import { EnvError, parseEnv as parseProcessEnv } from "./env";

const SECRET = "s".repeat(32);

// Next's types make NODE_ENV a required key of ProcessEnv; a real environment may lack it.
type Source = Record<string, string | undefined>;
const parseEnv = (source: Source) => parseProcessEnv(source as NodeJS.ProcessEnv);

function envErrorOf(source: Source): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("parseEnv accepted the configuration");
}

describe("parseEnv", () => {
  test("needs nothing: embedded database in ./.data on port 3000", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      DATA_DIR: ".data",
      PORT: 3000,
      embedded: true,
      SEED_DEMO: "auto",
      DATABASE_POOL_MAX: 10,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.AUTH_SECRET).toBeUndefined();
    expect(path.isAbsolute(env.dataDir)).toBe(true);
    expect(env.dataDir).toBe(path.resolve(process.cwd(), ".data"));
  });

  test("reads the values it is given", () => {
    const env = parseEnv({
      DATA_DIR: "/var/lib/clinic",
      PORT: "8080",
      DATABASE_URL: " postgres://clinic:pw@db.internal:5433/clinic ",
      SEED_DEMO: "false",
      APP_URL: "https://book.clinic.example/",
    });
    expect(env).toMatchObject({
      dataDir: "/var/lib/clinic",
      PORT: 8080,
      DATABASE_URL: "postgres://clinic:pw@db.internal:5433/clinic",
      embedded: false,
      SEED_DEMO: "false",
      APP_URL: "https://book.clinic.example",
    });
  });

  test("an empty DATABASE_URL means embedded", () => {
    expect(parseEnv({ DATABASE_URL: "" }).embedded).toBe(true);
  });

  test.each(["not a url", "mysql://root@localhost/clinic", "postgres://", "postgres//clinic:hunter22@db/clinic"])(
    "a malformed DATABASE_URL %j is named in the error, without echoing it",
    (value) => {
      const error = envErrorOf({ DATABASE_URL: value });
      expect(error.message).toContain("DATABASE_URL");
      expect(error.message).toContain("postgres://user:password@host:5432/database");
      expect(error.message).not.toContain("hunter22");
    },
  );

  test.each([
    ["PORT", { PORT: "eighty" }],
    ["PORT", { PORT: "70000" }],
    ["AUTH_SECRET", { AUTH_SECRET: "short" }],
    ["SEED_DEMO", { SEED_DEMO: "yes" }],
    ["NODE_ENV", { NODE_ENV: "staging" }],
  ])("a bad %s is named in the error", (name, source) => {
    expect(envErrorOf(source).message).toContain(name);
  });

  test("production with DATABASE_URL needs AUTH_SECRET", () => {
    const error = envErrorOf({ NODE_ENV: "production", DATABASE_URL: "postgres://clinic@db/clinic" });
    expect(error.message).toContain("AUTH_SECRET");
    expect(
      parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://clinic@db/clinic", AUTH_SECRET: SECRET, APP_URL: "https://book.clinic.example" }).AUTH_SECRET,
    ).toBe(SECRET);
  });

  test("production embedded runs without AUTH_SECRET (it is generated into DATA_DIR)", () => {
    const env = parseEnv({ NODE_ENV: "production" });
    expect(env).toMatchObject({ NODE_ENV: "production", embedded: true });
    expect(env.AUTH_SECRET).toBeUndefined();
  });

  test("DATABASE_URL needs APP_URL: a link is never built from the address a request names", () => {
    for (const NODE_ENV of ["production", "development", "test"]) {
      const error = envErrorOf({ NODE_ENV, DATABASE_URL: "postgres://clinic@db/clinic", AUTH_SECRET: SECRET });
      expect(error.message, NODE_ENV).toContain("APP_URL is required with DATABASE_URL");
    }
  });

  test("embedded, APP_URL defaults to this machine on PORT", () => {
    expect(parseEnv({}).APP_URL).toBe("http://localhost:3000");
    expect(parseEnv({ PORT: "3420", NODE_ENV: "production" }).APP_URL).toBe("http://localhost:3420");
    expect(parseEnv({ APP_URL: "https://book.clinic.example/" }).APP_URL).toBe("https://book.clinic.example");
  });

  test("STAFF_IDLE_MINUTES: 30 by default, a whole number of minutes", () => {
    expect(parseEnv({}).STAFF_IDLE_MINUTES).toBe(30);
    expect(parseEnv({ STAFF_IDLE_MINUTES: "5" }).STAFF_IDLE_MINUTES).toBe(5);
    expect(envErrorOf({ STAFF_IDLE_MINUTES: "0" }).message).toContain("STAFF_IDLE_MINUTES");
    expect(envErrorOf({ STAFF_IDLE_MINUTES: "soon" }).message).toContain("STAFF_IDLE_MINUTES");
  });

  test("documents stay in the local folder unless S3_BUCKET is set", () => {
    expect(parseEnv({}).s3).toBeUndefined();
    expect(parseEnv({ S3_BUCKET: "", S3_REGION: "eu-central-1" }).s3).toBeUndefined();
  });

  test("S3_* choose an S3-compatible bucket", () => {
    const env = parseEnv({
      S3_BUCKET: "clinic-documents",
      S3_ENDPOINT: "http://127.0.0.1:9000",
      S3_REGION: "eu-central-1",
      S3_ACCESS_KEY_ID: "AKIA-test",
      S3_SECRET_ACCESS_KEY: "secret",
      S3_FORCE_PATH_STYLE: "true",
    });
    expect(env.s3).toEqual({
      bucket: "clinic-documents",
      endpoint: "http://127.0.0.1:9000",
      region: "eu-central-1",
      accessKeyId: "AKIA-test",
      secretAccessKey: "secret",
      forcePathStyle: true,
    });
    expect(parseEnv({ S3_BUCKET: "b-1", S3_ACCESS_KEY_ID: "a", S3_SECRET_ACCESS_KEY: "s" }).s3).toEqual({
      bucket: "b-1",
      region: "us-east-1",
      accessKeyId: "a",
      secretAccessKey: "s",
      forcePathStyle: false,
    });
  });

  test.each([
    [{ S3_BUCKET: "clinic-documents" }, /S3_BUCKET needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/],
    [{ S3_BUCKET: "clinic-documents", S3_ACCESS_KEY_ID: "a" }, /S3_BUCKET needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/],
    [{ S3_ENDPOINT: "http://127.0.0.1:9000", S3_SECRET_ACCESS_KEY: "s" }, /S3_ENDPOINT, S3_SECRET_ACCESS_KEY set without S3_BUCKET/],
    [{ S3_BUCKET: "Clinic_Documents", S3_ACCESS_KEY_ID: "a", S3_SECRET_ACCESS_KEY: "s" }, /S3_BUCKET must be a bucket name/],
    [{ S3_BUCKET: "b-1", S3_ACCESS_KEY_ID: "a", S3_SECRET_ACCESS_KEY: "s", S3_ENDPOINT: "ftp://x" }, /S3_ENDPOINT must look like/],
    [{ S3_BUCKET: "b-1", S3_ACCESS_KEY_ID: "a", S3_SECRET_ACCESS_KEY: "s", S3_FORCE_PATH_STYLE: "yes" }, /S3_FORCE_PATH_STYLE/],
  ])("refuses an incomplete or malformed S3 configuration: %o", (source, message) => {
    expect(envErrorOf(source).message).toMatch(message);
  });
});
