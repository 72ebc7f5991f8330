import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { failureOf } from "@/test/errors";
import { documentsFolder, getDocumentStorage } from "./index";
import { InvalidStorageKeyError, isStorageKey, newStorageKey } from "./keys";
import { localFolderStorage } from "./local";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "clinic-storage-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let folders = 0;
const freshFolder = () => path.join(root, `documents-${folders++}`);
const mode = (file: string) => fs.statSync(file).mode & 0o777;

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
    const storage = localFolderStorage(freshFolder());
    expect(isStorageKey(key)).toBe(false);
    expect(await failureOf(() => storage.put(key, Buffer.from("x")))).toBeInstanceOf(InvalidStorageKeyError);
    expect(await failureOf(() => storage.get(key))).toBeInstanceOf(InvalidStorageKeyError);
    expect(await failureOf(() => storage.delete(key))).toBeInstanceOf(InvalidStorageKeyError);
  });
});

describe("localFolderStorage", () => {
  test("keeps a buffer and a stream under their keys, in a 0700 folder as 0600 files", async () => {
    const dir = freshFolder();
    const storage = localFolderStorage(dir);
    const a = newStorageKey();
    const b = newStorageKey();
    await storage.put(a, Buffer.from("first document"));
    await storage.put(b, chunks("second ", "document ", "in parts"));
    expect((await bytesOf(await storage.get(a))).toString()).toBe("first document");
    expect((await bytesOf(await storage.get(b))).toString()).toBe("second document in parts");
    expect(fs.readdirSync(dir).sort()).toEqual([a, b].sort());
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, a))).toBe(0o600);
    expect(mode(path.join(dir, b))).toBe(0o600);
    expect(storage.name).toBe(`local folder ${path.resolve(dir)}`);
  });

  test("tightens an existing folder to 0700", async () => {
    const dir = freshFolder();
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    await localFolderStorage(dir).put(newStorageKey(), Buffer.from("x"));
    expect(mode(dir)).toBe(0o700);
  });

  test("a stream that fails part-way leaves nothing, not even a temporary file", async () => {
    const dir = freshFolder();
    const storage = localFolderStorage(dir);
    const key = newStorageKey();
    async function* breaksOff() {
      yield Buffer.alloc(100_000, 1);
      throw new Error("the upload broke off");
    }
    const error = await failureOf(() => storage.put(key, breaksOff()));
    expect((error as Error).message).toBe("the upload broke off");
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(await failureOf(() => storage.get(key))).toMatchObject({ code: "ENOENT" });
  });

  test("delete removes the file; deleting again, or a key never used, is not an error", async () => {
    const dir = freshFolder();
    const storage = localFolderStorage(dir);
    const key = newStorageKey();
    await storage.put(key, Buffer.from("x"));
    await storage.delete(key);
    await storage.delete(key);
    await storage.delete(newStorageKey());
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe("getDocumentStorage", () => {
  test("is one local store per process, in DATA_DIR/documents (created only when first written)", () => {
    expect(documentsFolder("/srv/clinic/.data")).toBe(path.join("/srv/clinic/.data", "documents"));
    const storage = getDocumentStorage();
    expect(getDocumentStorage()).toBe(storage);
    expect(storage.name).toBe(`local folder ${documentsFolder()}`);
    expect(documentsFolder().includes(`${path.sep}public${path.sep}`)).toBe(false);
  });
});
