// What only the S3 store does, seen from the S3 server's side (s3rver on a
// loopback port); lib/storage/contract.test.ts has what every store does.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseEnv } from "@/lib/env";
import { startS3Server, type S3TestServer } from "@/test/s3-server";
import { storageFromConfig } from "./index";
import { newStorageKey } from "./keys";
import { s3Storage } from "./s3";

let s3: S3TestServer;
beforeAll(async () => {
  s3 = await startS3Server({ bucket: "clinic-s3-test" });
});
afterAll(() => s3?.close());

/** The bytes s3rver keeps for an object, read from its folder. */
function storedBytes(key: string): Buffer {
  return fs.readFileSync(path.join(s3.directory, s3.settings.bucket, `${key}._S3rver_object`));
}

describe("s3Storage", () => {
  test("one PutObject per document, under the key itself, asking for AES256 encryption and no ACL", async () => {
    const storage = s3Storage(s3.settings);
    const key = newStorageKey();
    s3.requests.length = 0;
    await storage.put(key, Buffer.from("%PDF-1.4 a clearance"));

    expect(s3.requests).toHaveLength(1);
    const [put] = s3.requests;
    expect(put).toMatchObject({ method: "PUT", path: `/${s3.settings.bucket}/${key}?x-id=PutObject` });
    expect(put!.headers["x-amz-server-side-encryption"]).toBe("AES256");
    expect(put!.headers["x-amz-acl"]).toBeUndefined();
    expect(put!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=S3RVER\//);
  });

  test("a streamed document is stored as exactly its bytes (no aws-chunked framing inside the object)", async () => {
    const storage = s3Storage(s3.settings);
    const key = newStorageKey();
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7) % 256));
    async function* inParts() {
      for (let offset = 0; offset < bytes.length; offset += 65_536) yield bytes.subarray(offset, offset + 65_536);
    }
    await storage.put(key, inParts());
    expect(storedBytes(key).equals(bytes)).toBe(true);
    const read = await storage.get(key);
    expect(read).toBeInstanceOf(ReadableStream);
    expect(Buffer.from(await new Response(read as ReadableStream<Uint8Array>).arrayBuffer()).equals(bytes)).toBe(true);
  });

  test("a missing object is S3's NoSuchKey (the read path maps it)", async () => {
    const error = await s3Storage(s3.settings).get(newStorageKey()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "NoSuchKey", $metadata: { httpStatusCode: 404 } });
  });

  test("its name says bucket and host, never the credentials", () => {
    const name = s3Storage(s3.settings).name;
    expect(name).toBe(`S3 bucket clinic-s3-test at ${new URL(s3.settings.endpoint!).host}`);
    expect(name).not.toContain("S3RVER");
    expect(s3Storage({ ...s3.settings, endpoint: undefined, region: "eu-central-1" }).name).toBe("S3 bucket clinic-s3-test in eu-central-1");
  });
});

describe("storageFromConfig", () => {
  test("S3_* in the environment choose the bucket; without them, the local folder", async () => {
    const fromS3 = storageFromConfig(parseEnv({ ...s3.env } as unknown as NodeJS.ProcessEnv));
    expect(fromS3.name).toBe(s3Storage(s3.settings).name);
    const key = newStorageKey();
    await fromS3.put(key, Buffer.from("through the configuration"));
    expect(storedBytes(key).toString()).toBe("through the configuration");

    expect(storageFromConfig(parseEnv({ DATA_DIR: "/srv/clinic/.data" } as unknown as NodeJS.ProcessEnv)).name).toBe(
      `local folder ${path.join("/srv/clinic/.data", "documents")}`,
    );
  });
});
