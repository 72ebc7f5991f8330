// Administrative statements for the PostgreSQL test mode: template and
// per-file databases on the server named by DATABASE_URL, issued through its
// "postgres" maintenance database with the same host and user.
import pg from "pg";

export interface PostgresTarget {
  /** The database name in DATABASE_URL, used as a prefix for every test database. */
  baseName: string;
  templateName: string;
  urlFor(database: string): string;
}

export function postgresTarget(databaseUrl: string): PostgresTarget {
  const url = new URL(databaseUrl);
  const baseName = decodeURIComponent(url.pathname.replace(/^\//, "")) || "postgres";
  // Room for "_t_" and 12 hex digits inside PostgreSQL's 63-byte identifier limit.
  if (!/^[a-z0-9_]{1,45}$/.test(baseName)) {
    throw new Error(`DATABASE_URL for tests: use a lower-case database name of at most 45 of [a-z0-9_] (got "${baseName}").`);
  }
  return {
    baseName,
    templateName: `${baseName}_tmpl`,
    urlFor(database) {
      const copy = new URL(databaseUrl);
      copy.pathname = `/${database}`;
      return copy.toString();
    },
  };
}

export async function withAdmin<T>(target: PostgresTarget, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: target.urlFor("postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Names come from postgresTarget's checked pattern or random hex, so quoting is enough. */
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function createDatabase(target: PostgresTarget, name: string, template?: string): Promise<void> {
  await withAdmin(target, (client) =>
    client.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ""}`),
  );
}

/** Drops even while connections remain (a test that forgot to close must not leak databases). */
export async function dropDatabase(target: PostgresTarget, name: string): Promise<void> {
  await withAdmin(target, (client) => client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
}

/** Per-file copies left by a run that was killed before its files could drop them. */
export async function dropLeftoverCopies(target: PostgresTarget): Promise<void> {
  const rows = await withAdmin(target, async (client) =>
    (
      await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `${target.baseName.replaceAll("_", "\\_")}\\_t\\_%`,
      ])
    ).rows,
  );
  for (const row of rows) await dropDatabase(target, row.datname);
}
