// Clearance documents kept in an S3 bucket (s3rver on a loopback port): the
// same content checks, SHA-256, size limit and audit as with the local folder,
// because lib/clearance/documents.ts does them whatever the store.
import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { s3Storage } from "@/lib/storage/s3";
import type { DocumentStorage } from "@/lib/storage/types";
import { takeConsoleErrors } from "@/test/console";
import { useTestDatabase } from "@/test/db";
import { failureOf } from "@/test/errors";
import { startS3Server, type S3TestServer } from "@/test/s3-server";
import { DocumentDamagedError, MAX_DOCUMENT_BYTES, readClearanceDocument, uploadClearanceDocument, type DocumentViewer, type UploadedFile } from "./documents";
import { createCast, createClearance, samplePdf, samplePng, type Cast } from "./upload-samples";

const t = useTestDatabase();
let s3: S3TestServer;
let storage: DocumentStorage;
let cast: Cast;

beforeAll(async () => {
  s3 = await startS3Server({ bucket: "clinic-clearances" });
  storage = s3Storage(s3.settings);
  cast = await createCast(t.db);
});
afterAll(() => s3?.close());

const objectFile = (key: string) => path.join(s3.directory, s3.settings.bucket, `${key}._S3rver_object`);
const objectsInBucket = () => fs.readdirSync(path.join(s3.directory, s3.settings.bucket)).filter((name) => name.endsWith("._S3rver_object"));
const puts = () => s3.requests.filter((request) => request.method === "PUT").length;

function upload(uploader: DocumentViewer, clearanceId: string, file: UploadedFile) {
  return uploadClearanceDocument(t.db, storage, { uploader, clearanceId, file, appUrl: "https://clinic.example.org", ipAddress: "203.0.113.7" });
}
const read = (viewer: DocumentViewer, documentId: string) => readClearanceDocument(t.db, storage, { viewer, documentId, ipAddress: "198.51.100.4" });

/** The bytes as an upload arrives: a stream of chunks. */
function streamOf(bytes: Buffer, chunk = 16_384): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + chunk)));
      offset += chunk;
    },
  });
}

describe("clearance documents in an S3 bucket", () => {
  test("an upload is one encrypted object under a random key, its SHA-256 that of the stored bytes; a read is served and audited", async () => {
    const clearanceId = await createClearance(t.db, cast);
    const png = samplePng(40, 30);
    const document = await upload(cast.patient, clearanceId, { content: png, filename: "../../scan.png" });
    const row = await t.db.clearanceDocument.findUniqueOrThrow({ where: { id: document.id } });

    expect(row.storageKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.originalName).toBe("scan.png");
    const stored = fs.readFileSync(objectFile(row.storageKey));
    expect(stored.equals(png)).toBe(true);
    expect(row.sha256).toBe(createHash("sha256").update(stored).digest("hex"));
    const put = s3.requests.find((request) => request.method === "PUT" && request.path.startsWith(`/${s3.settings.bucket}/${row.storageKey}`));
    expect(put?.headers["x-amz-server-side-encryption"]).toBe("AES256");

    const file = await read(cast.physician, document.id);
    expect(file.body.equals(png)).toBe(true);
    expect(await t.db.auditEntry.findFirst({ where: { action: "document.read", entityId: document.id } })).toMatchObject({
      actorId: cast.physician.id,
      details: { clearanceId, sha256: row.sha256 },
    });
  });

  test("a streamed upload of a PDF arrives whole", async () => {
    const pdf = Buffer.concat([samplePdf(), Buffer.alloc(300_000, 0x20)]);
    const document = await upload(cast.physician, await createClearance(t.db, cast), { content: streamOf(pdf), filename: "letter.pdf", declaredType: "application/pdf" });
    expect(document.sizeBytes).toBe(pdf.length);
    expect((await read(cast.patient, document.id)).body.equals(pdf)).toBe(true);
  });

  test("what the content checks refuse, and what is over 10 MB, never reaches the bucket", async () => {
    const clearanceId = await createClearance(t.db, cast);
    const before = { puts: puts(), objects: objectsInBucket().length };
    const html = await failureOf(() => upload(cast.patient, clearanceId, { content: Buffer.from("<html><script>alert(1)</script>"), filename: "x.pdf" }));
    expect(html).toMatchObject({ status: 415 });
    const big = Buffer.concat([samplePdf(), Buffer.alloc(MAX_DOCUMENT_BYTES + 1 - samplePdf().length, 0x20)]);
    expect(await failureOf(() => upload(cast.patient, clearanceId, { content: streamOf(big, 1 << 20), filename: "big.pdf" }))).toMatchObject({ status: 413 });
    expect(puts()).toBe(before.puts);
    expect(objectsInBucket()).toHaveLength(before.objects);
    expect(await t.db.clearanceDocument.count({ where: { clearanceId } })).toBe(0);
  });

  test("an object changed in the bucket is never served: document_damaged, logged and audited", async () => {
    const id = (await upload(cast.patient, await createClearance(t.db, cast), { content: samplePdf(), filename: "c.pdf" })).id;
    const { storageKey } = await t.db.clearanceDocument.findUniqueOrThrow({ where: { id } });
    const bytes = fs.readFileSync(objectFile(storageKey));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 5) ^ 0xff, bytes.length - 5);
    fs.writeFileSync(objectFile(storageKey), bytes);

    expect(await failureOf(() => read(cast.physician, id))).toBeInstanceOf(DocumentDamagedError);
    expect(String(takeConsoleErrors()[0]![0])).toMatch(/does not match its SHA-256/);
    expect(await t.db.auditEntry.count({ where: { action: "document.damaged", entityId: id } })).toBe(1);
    expect(await t.db.auditEntry.count({ where: { action: "document.read", entityId: id } })).toBe(0);
  });

  test("an object gone from the bucket is reported damaged, not a crash", async () => {
    const id = (await upload(cast.patient, await createClearance(t.db, cast), { content: samplePdf(), filename: "c.pdf" })).id;
    const { storageKey } = await t.db.clearanceDocument.findUniqueOrThrow({ where: { id } });
    await storage.delete(storageKey);
    expect(await failureOf(() => read(cast.patient, id))).toBeInstanceOf(DocumentDamagedError);
    expect(takeConsoleErrors().length).toBeGreaterThanOrEqual(1);
  });
});
