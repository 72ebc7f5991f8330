// Small reads the admin staff pages share.
import "server-only";
import { notFound } from "next/navigation";
import type { DbClient } from "@/lib/db/prisma";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/ids";

export function massageTypeOptions(db: DbClient) {
  return db.massageType.findMany({ orderBy: { sortOrder: "asc" }, select: { slug: true, name: true } });
}

/** Loads a record for a page by its path id: a malformed id or a missing record is the not-found page. */
export async function loadOr404<T>(id: string, load: (id: string) => Promise<T>): Promise<T> {
  if (!isUuid(id)) notFound();
  try {
    return await load(id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
