// The app's one document store, made once per process from the validated env.
import "server-only";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { localFolderStorage } from "./local";
import type { DocumentStorage } from "./types";

export type { DocumentStorage } from "./types";
export { assertStorageKey, isStorageKey, newStorageKey, InvalidStorageKeyError } from "./keys";
export { localFolderStorage } from "./local";

const globalForStorage = globalThis as unknown as { __clinicDocumentStorage?: DocumentStorage };

/** The folder documents are kept in: DATA_DIR/documents (outside public/). */
export function documentsFolder(dataDir = getEnv().dataDir): string {
  return path.join(dataDir, "documents");
}

export function getDocumentStorage(): DocumentStorage {
  globalForStorage.__clinicDocumentStorage ??= localFolderStorage(documentsFolder());
  return globalForStorage.__clinicDocumentStorage;
}
