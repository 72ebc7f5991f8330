// Builds a Prisma client on a Connection. The app keeps one per process
// (lib/db/index.ts); tests and scripts build their own.
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import type { Connection } from "./connection";

export type Db = PrismaClient;
/** Either the client or an open interactive transaction: domain functions take this. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

export interface PrismaOptions<Log extends Prisma.LogDefinition[] = []> {
  /** e.g. `[{ emit: "event", level: "query" }]` for a test that counts statements with `$on("query")`. */
  log?: Log;
}

export function createPrisma<const Log extends Prisma.LogDefinition[] = []>(
  connection: Connection,
  options: PrismaOptions<Log> = {},
): PrismaClient<Prisma.GetEvents<Log>> {
  return new PrismaClient({ adapter: connection.adapter, ...(options.log ? { log: options.log } : {}) }) as PrismaClient<
    Prisma.GetEvents<Log>
  >;
}

/**
 * Runs independent queries in parallel on the pool, but one after another on a
 * transaction's single connection (node-postgres must not interleave them).
 */
export async function queryAll<const T extends readonly (() => Promise<unknown>)[]>(
  db: DbClient,
  tasks: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  type Results = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
  if ("$transaction" in db) return (await Promise.all(tasks.map((task) => task()))) as Results;
  const results: unknown[] = [];
  for (const task of tasks) results.push(await task());
  return results as Results;
}
