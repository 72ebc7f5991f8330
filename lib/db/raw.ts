// A minimal raw-SQL interface shared by PGlite and node-postgres, so the migration
// runner and the few statements Prisma cannot express take one code path on both.
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { Pool, PoolClient } from "pg";

export interface RawSql {
  /** Runs one or more statements with no parameters (simple protocol). */
  exec(sql: string): Promise<void>;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (tx: RawSql) => Promise<T>): Promise<T>;
  /** Runs `work` on one connection (for session-level locks). */
  session<T>(work: (session: RawSql) => Promise<T>): Promise<T>;
}

function fromPgliteTx(tx: Transaction): RawSql {
  const self: RawSql = {
    async exec(sql) {
      await tx.exec(sql);
    },
    async query<Row>(sql: string, params?: unknown[]) {
      return (await tx.query<Row>(sql, params)).rows;
    },
    transaction: (work) => work(self),
    session: (work) => work(self),
  };
  return self;
}

export function rawFromPglite(pg: PGlite): RawSql {
  const self: RawSql = {
    async exec(sql) {
      await pg.exec(sql);
    },
    async query<Row>(sql: string, params?: unknown[]) {
      return (await pg.query<Row>(sql, params)).rows;
    },
    transaction: (work) => pg.transaction((tx) => work(fromPgliteTx(tx))),
    // PGlite is a single connection already.
    session: (work) => work(self),
  };
  return self;
}

function fromPgClient(client: PoolClient, inTransaction: boolean): RawSql {
  const self: RawSql = {
    async exec(sql) {
      await client.query(sql);
    },
    async query<Row>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params)).rows as Row[];
    },
    async transaction(work) {
      if (inTransaction) return work(self);
      await client.query("BEGIN");
      try {
        const result = await work(fromPgClient(client, true));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    },
    session: (work) => work(self),
  };
  return self;
}

export function rawFromPool(pool: Pool): RawSql {
  async function withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }
  return {
    async exec(sql) {
      await pool.query(sql);
    },
    async query<Row>(sql: string, params?: unknown[]) {
      return (await pool.query(sql, params)).rows as Row[];
    },
    transaction: (work) => withClient((client) => fromPgClient(client, false).transaction(work)),
    session: (work) => withClient((client) => work(fromPgClient(client, false))),
  };
}
