// What every DocumentStorage promises, run against each implementation: the
// local folder and an S3 bucket on a real S3 protocol server (s3rver on a
// loopback port). lib/storage/local.test.ts and s3.test.ts cover what only one of them does.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { failureOf } from "@/test/errors";
import { startS3Server, type S3TestServer } from "@/test/s3-server";
import { InvalidStorageKeyError, isStorageKey, newStorageKey } from "./keys";
import { localFolderStorage } from "./local";
import { s3Storage } from "./s3";
import type { DocumentStorage } from "./types";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "clinic-storage-"));
let s3: S3TestServer;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

let folders = 0;
const implementations: Array<[string, () => DocumentStorage]> = [
  ["local folder", () => localFolderStorage(path.join(root, `documents-${folders++}`))],
  ["S3 bucket", () => s3Storage(s3.settings)],
];

async function* chunks(...parts: string[]) {
  for (const part of parts) yield Buffer.from(part);
}

async function bytesOf(stored: ReadableStream<Uint8Array> | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(stored)) return stored;
  return Buffer.from(await new Response(stored).arrayBuffer());
}

describe("storage keys", () => {
  test("are random v4 UUIDs, different every time", () => {
    const keys = Array.from({ length: 50 }, newStorageKey);
    expect(new Set(keys).size).toBe(50);
    for (const key of keys) expect(isStorageKey(key)).toBe(true);
  });
});

describe.each(implementations)("%s", (_, make) => {
  test.each([
    ["a path that climbs out", "../../etc/passwd"],
    ["a user's file name", "clearance.pdf"],
    ["an empty key", ""],
    ["a key with a folder", `sub/${"0".repeat(8)}-0000-4000-8000-000000000000`],
    ["an upper-case UUID", "0A0A0A0A-0000-4000-8000-000000000000"],
    ["a UUID that is not version 4", "00000000-0000-1000-8000-000000000000"],
    ["a UUID with something after it", "00000000-0000-4000-8000-000000000000.pdf"],
    ["a temporary file's name", ".00000000-0000-4000-8000-000000000000.abc.partial"],
  ])("refuses %s for put, get and delete", async (_, key) => {
    const storage = make();
    expect(isStorageKey(key)).toBe(false);
    expect(await failureOf(() => storage.put(key, Buffer.from("x")))).toBeInstanceOf(InvalidStorageKeyError);
    expect(await failureOf(() => storage.get(key))).toBeInstanceOf(InvalidStorageKeyError);
    expect(await failureOf(() => storage.delete(key))).toBeInstanceOf(InvalidStorageKeyError);
  });

  test("keeps a buffer and a stream under their keys, byte for byte", async () => {
    const storage = make();
    const a = newStorageKey();
    const b = newStorageKey();
    const binary = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
    await storage.put(a, binary);
    await storage.put(b, chunks("second ", "document ", "in parts"));
    expect((await bytesOf(await storage.get(a))).equals(binary)).toBe(true);
    expect((await bytesOf(await storage.get(b))).toString()).toBe("second document in parts");
  });

  test("putting a key again replaces its bytes", async () => {
    const storage = make();
    const key = newStorageKey();
    await storage.put(key, Buffer.from("first"));
    await storage.put(key, chunks("sec", "ond"));
    expect((await bytesOf(await storage.get(key))).toString()).toBe("second");
  });

  test("a stream that fails part-way leaves nothing under the key", async () => {
    const storage = make();
    const key = newStorageKey();
    async function* breaksOff() {
      yield Buffer.alloc(100_000, 1);
      throw new Error("the upload broke off");
    }
    const error = await failureOf(() => storage.put(key, breaksOff()));
    expect((error as Error).message).toBe("the upload broke off");
    expect(await failureOf(() => storage.get(key))).toBeInstanceOf(Error);
  });

  test("delete removes the bytes; deleting again, or a key never used, is not an error", async () => {
    const storage = make();
    const key = newStorageKey();
    const other = newStorageKey();
    await storage.put(key, Buffer.from("x"));
    await storage.put(other, Buffer.from("kept"));
    await storage.delete(key);
    await storage.delete(key);
    await storage.delete(newStorageKey());
    expect(await failureOf(() => storage.get(key))).toBeInstanceOf(Error);
    expect((await bytesOf(await storage.get(other))).toString()).toBe("kept");
  });
});
