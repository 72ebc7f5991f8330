// Builds a Prisma client on a Connection. The app keeps one per process
// (lib/db/index.ts); tests and scripts build their own.
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import type { Connection } from "./connection";

export type Db = PrismaClient;
/** Either the client or an open interactive transaction: domain functions take this. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

export function createPrisma(connection: Connection): PrismaClient {
  return new PrismaClient({ adapter: connection.adapter });
}
