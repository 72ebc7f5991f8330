// The app's one document store, made once per process from the validated env:
// an S3-compatible bucket when S3_BUCKET is set, else DATA_DIR/documents.
import "server-only";
import path from "node:path";
import { getEnv, type Env } from "@/lib/env";
import { localFolderStorage } from "./local";
import { s3Storage } from "./s3";
import type { DocumentStorage } from "./types";

export type { DocumentStorage } from "./types";
export { assertStorageKey, isStorageKey, newStorageKey, InvalidStorageKeyError } from "./keys";
export { localFolderStorage } from "./local";
export { s3Storage } from "./s3";

const globalForStorage = globalThis as unknown as { __clinicDocumentStorage?: DocumentStorage };

/** The folder documents are kept in: DATA_DIR/documents (outside public/). */
export function documentsFolder(dataDir = getEnv().dataDir): string {
  return path.join(dataDir, "documents");
}

/** The store a configuration asks for: the S3 bucket when S3_BUCKET is set, else the local folder. */
export function storageFromConfig(env: Pick<Env, "s3" | "dataDir">): DocumentStorage {
  return env.s3 ? s3Storage(env.s3) : localFolderStorage(documentsFolder(env.dataDir));
}

export function getDocumentStorage(): DocumentStorage {
  globalForStorage.__clinicDocumentStorage ??= storageFromConfig(getEnv());
  return globalForStorage.__clinicDocumentStorage;
}
