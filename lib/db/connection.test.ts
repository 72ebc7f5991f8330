import { afterAll, describe, expect, test } from "vitest";
import { connectionFromUrl, describeDatabaseUrl, explainConnectionError, type Connection } from "./connection";

const URL_WITH_PASSWORD = "postgres://clinic:s3cret-Pa55@db.internal:5433/clinic_prod";
const opened: Connection[] = [];
afterAll(async () => {
  await Promise.all(opened.map((connection) => connection.close()));
});

function postgres(url = URL_WITH_PASSWORD): Connection {
  // Builds a pool but opens no socket until the first query.
  const connection = connectionFromUrl(url, 1);
  opened.push(connection);
  return connection;
}

describe("describeDatabaseUrl", () => {
  test("keeps host, port and database, and drops the user and password", () => {
    expect(describeDatabaseUrl(URL_WITH_PASSWORD)).toBe("db.internal:5433/clinic_prod");
    expect(describeDatabaseUrl("postgresql://u:p%40ss@localhost/clinic")).toBe("localhost:5432/clinic");
  });

  test("is what a PostgreSQL connection shows as its label", () => {
    expect(postgres().label).toBe("PostgreSQL at db.internal:5433/clinic_prod");
  });
});

describe("explainConnectionError", () => {
  const where = "PostgreSQL at db.internal:5433/clinic_prod";

  test.each([
    ["ECONNREFUSED", `DATABASE_URL: nothing is listening at ${where} (connection refused). Is PostgreSQL running?`],
    ["3D000", `DATABASE_URL: the database in ${where} does not exist. Create it first (createdb).`],
    ["28P01", `DATABASE_URL: ${where} refused the user name or password.`],
    ["28000", `DATABASE_URL: ${where} refused the user name or password.`],
    ["ENOTFOUND", `DATABASE_URL: the host of ${where} cannot be resolved.`],
    ["ETIMEDOUT", `DATABASE_URL: ${where} did not answer in time.`],
  ])("%s gives one line a person can act on, without the password", (code, expected) => {
    const message = explainConnectionError(Object.assign(new Error("boom"), { code }), postgres());
    expect(message).toBe(expected);
    expect(message).not.toContain("\n");
    expect(message).not.toContain("s3cret-Pa55");
    expect(message).not.toContain("clinic:");
  });

  test("an unknown failure still names DATABASE_URL and hides the password", () => {
    const message = explainConnectionError(new Error("something odd"), postgres());
    expect(message).toBe(`DATABASE_URL: cannot use ${where}: something odd`);
    expect(message).not.toContain("s3cret-Pa55");
  });

  test("a real refused connection is explained", async () => {
    // Port 1 on the loopback interface: nothing listens there.
    const connection = postgres("postgres://clinic:s3cret-Pa55@127.0.0.1:1/clinic");
    const error = await connection.raw.query("SELECT 1").then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toMatchObject({ code: "ECONNREFUSED" });
    const message = explainConnectionError(error, connection);
    expect(message).toBe(
      "DATABASE_URL: nothing is listening at PostgreSQL at 127.0.0.1:1/clinic (connection refused). Is PostgreSQL running?",
    );
    expect(message).not.toContain("s3cret-Pa55");
  });

  test("an embedded database failure names DATA_DIR", () => {
    const message = explainConnectionError(new Error("permission denied"), {
      kind: "pglite",
      label: "embedded PGlite in /srv/clinic/pgdata",
    });
    expect(message).toBe("DATA_DIR: cannot open embedded PGlite in /srv/clinic/pgdata: permission denied");
  });
});
