// Storage keys are ours alone: a random UUID, nothing derived from the upload.
// A key in any other shape is refused before it reaches a path or a bucket, so
// a tampered database row or a bug cannot point a store outside its folder.
import { randomUUID } from "node:crypto";

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function newStorageKey(): string {
  return randomUUID();
}

export function isStorageKey(key: unknown): key is string {
  return typeof key === "string" && KEY.test(key);
}

export class InvalidStorageKeyError extends Error {
  constructor() {
    super("Refused a storage key that is not one of ours.");
    this.name = "InvalidStorageKeyError";
  }
}

export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) throw new InvalidStorageKeyError();
}
