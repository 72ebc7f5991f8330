// What only the local folder does; lib/storage/contract.test.ts has what every store does.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { failureOf } from "@/test/errors";
import { documentsFolder, getDocumentStorage } from "./index";
import { newStorageKey } from "./keys";
import { localFolderStorage } from "./local";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "clinic-storage-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let folders = 0;
const freshFolder = () => path.join(root, `documents-${folders++}`);
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe("localFolderStorage", () => {
  test("keeps documents as files named by their keys, in a 0700 folder as 0600 files", async () => {
    const dir = freshFolder();
    const storage = localFolderStorage(dir);
    const a = newStorageKey();
    const b = newStorageKey();
    await storage.put(a, Buffer.from("first document"));
    async function* parts() {
      yield Buffer.from("second ");
      yield Buffer.from("document");
    }
    await storage.put(b, parts());
    expect(fs.readdirSync(dir).sort()).toEqual([a, b].sort());
    expect(fs.readFileSync(path.join(dir, b), "utf8")).toBe("second document");
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

  test("a stream that fails part-way leaves no temporary file either; reading the key is ENOENT", async () => {
    const dir = freshFolder();
    const storage = localFolderStorage(dir);
    const key = newStorageKey();
    async function* breaksOff() {
      yield Buffer.alloc(100_000, 1);
      throw new Error("the upload broke off");
    }
    await failureOf(() => storage.put(key, breaksOff()));
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(await failureOf(() => storage.get(key))).toMatchObject({ code: "ENOENT" });
  });

  test("delete leaves the folder empty", async () => {
    const dir = freshFolder();
    const storage = localFolderStorage(dir);
    const key = newStorageKey();
    await storage.put(key, Buffer.from("x"));
    await storage.delete(key);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe("getDocumentStorage", () => {
  test("without S3_BUCKET: one local store per process, in DATA_DIR/documents (created only when first written)", () => {
    expect(documentsFolder("/srv/clinic/.data")).toBe(path.join("/srv/clinic/.data", "documents"));
    const storage = getDocumentStorage();
    expect(getDocumentStorage()).toBe(storage);
    expect(storage.name).toBe(`local folder ${documentsFolder()}`);
    expect(documentsFolder().includes(`${path.sep}public${path.sep}`)).toBe(false);
  });
});
