import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { ClearanceStatus } from "@/lib/generated/prisma/enums";
import { localFolderStorage } from "@/lib/storage/local";
import type { DocumentStorage } from "@/lib/storage/types";
import { takeConsoleErrors } from "@/test/console";
import { useTestDatabase } from "@/test/db";
import { failureOf } from "@/test/errors";
import {
  contentDisposition,
  DocumentDamagedError,
  documentResponseHeaders,
  judgeContent,
  MAX_DOCUMENT_BYTES,
  readClearanceDocument,
  sanitiseFileName,
  uploadClearanceDocument,
  type DocumentViewer,
  type UploadedFile,
} from "./documents";
import { createCast, createClearance, samplePdf, samplePng, type Cast } from "./upload-samples";

const t = useTestDatabase();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "clinic-documents-"));
const folder = path.join(tmp, "documents");
const storage = localFolderStorage(folder);
const APP_URL = "https://clinic.example.org";
let cast: Cast;

beforeAll(async () => {
  cast = await createCast(t.db);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const storedFiles = () => (fs.existsSync(folder) ? fs.readdirSync(folder) : []);
const pdfFile = (filename = "clearance.pdf"): UploadedFile => ({ content: samplePdf(), filename, declaredType: "application/pdf" });

function upload(uploader: DocumentViewer, clearanceId: string, file: UploadedFile = pdfFile(), into: DocumentStorage = storage) {
  return uploadClearanceDocument(t.db, into, { uploader, clearanceId, file, appUrl: APP_URL, ipAddress: "203.0.113.7" });
}

function read(viewer: DocumentViewer, documentId: string) {
  return readClearanceDocument(t.db, storage, { viewer, documentId, ipAddress: "198.51.100.4" });
}

const statusOf = async (clearanceId: string) => (await t.db.clearanceRequest.findUniqueOrThrow({ where: { id: clearanceId } })).status;

describe("uploadClearanceDocument: who may upload", () => {
  test.each([
    ["the patient", (c: Cast) => c.patient],
    ["the addressed physician", (c: Cast) => c.physician],
  ])("%s may", async (_, who) => {
    const clearanceId = await createClearance(t.db, cast);
    const document = await upload(who(cast), clearanceId);
    expect(document).toMatchObject({ mimeType: "application/pdf", sizeBytes: samplePdf().length, clearanceStatus: "UNDER_REVIEW" });
    const row = await t.db.clearanceDocument.findUniqueOrThrow({ where: { id: document.id } });
    expect(row).toMatchObject({ clearanceId, uploadedById: who(cast).id, originalName: "clearance.pdf", sha256: document.sha256 });
  });

  test.each([
    ["another patient", (c: Cast) => c.otherPatient],
    ["a therapist", (c: Cast) => c.therapist],
    ["another physician", (c: Cast) => c.otherPhysician],
  ])("%s gets 404, as if the request did not exist, and nothing is stored", async (_, who) => {
    const clearanceId = await createClearance(t.db, cast);
    const before = storedFiles().length;
    const error = await failureOf(() => upload(who(cast), clearanceId));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(await t.db.clearanceDocument.count({ where: { clearanceId } })).toBe(0);
    expect(storedFiles()).toHaveLength(before);
    expect(await statusOf(clearanceId)).toBe("AWAITING_DOCUMENT");
  });

  test("an admin, who may see the request, gets 403: documents come from the patient or their physician", async () => {
    const clearanceId = await createClearance(t.db, cast);
    const error = await failureOf(() => upload(cast.admin, clearanceId));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(await t.db.clearanceDocument.count({ where: { clearanceId } })).toBe(0);
    expect(await failureOf(() => upload(cast.admin, "00000000-0000-4000-8000-000000000000"))).toBeInstanceOf(NotFoundError);
  });

  test.each(["APPROVED", "DECLINED", "EXPIRED"] satisfies ClearanceStatus[])("a request already %s is 409 and stores nothing", async (status) => {
    const clearanceId = await createClearance(t.db, cast, status);
    const before = storedFiles().length;
    const error = await failureOf(() => upload(cast.patient, clearanceId));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, code: "clearance_closed" });
    expect(storedFiles()).toHaveLength(before);
    expect(await t.db.clearanceDocument.count({ where: { clearanceId } })).toBe(0);
  });
});

describe("uploadClearanceDocument: what an upload changes", () => {
  test("the first document moves the request to under review, audits both, and mails the physician; a second does neither", async () => {
    const clearanceId = await createClearance(t.db, cast);
    const mailsBefore = await t.db.outboxMessage.count({ where: { to: cast.physician.email } });

    const first = await upload(cast.patient, clearanceId);
    expect(first.clearanceStatus).toBe("UNDER_REVIEW");
    expect(await statusOf(clearanceId)).toBe("UNDER_REVIEW");
    const mails = await t.db.outboxMessage.findMany({ where: { to: cast.physician.email }, orderBy: { createdAt: "asc" } });
    expect(mails).toHaveLength(mailsBefore + 1);
    const mail = mails.at(-1)!;
    expect(mail.subject).toBe("A clearance request is ready for your review");
    expect(mail.text).toContain(`${APP_URL}/physician/clearances/${clearanceId}`);
    // No health details, not even the patient's name or the conditions asked about.
    for (const secret of ["cardiovascular", "Test Patient", cast.patient.email, "clearance.pdf"]) {
      expect(mail.text).not.toContain(secret);
      expect(mail.html ?? "").not.toContain(secret);
    }

    const second = await upload(cast.patient, clearanceId, pdfFile("page 2.pdf"));
    expect(second.clearanceStatus).toBe("UNDER_REVIEW");
    expect(await t.db.outboxMessage.count({ where: { to: cast.physician.email } })).toBe(mailsBefore + 1);

    const transitions = await t.db.auditEntry.findMany({ where: { entityType: "ClearanceRequest", entityId: clearanceId }, orderBy: { id: "asc" } });
    expect(transitions.map((a) => [a.action, a.fromState, a.toState, a.actorId])).toEqual([
      ["clearance.under_review", "AWAITING_DOCUMENT", "UNDER_REVIEW", cast.patient.id],
    ]);
    expect(transitions[0]!.details).toMatchObject({ documentId: first.id });

    const uploads = await t.db.auditEntry.findMany({ where: { action: "document.uploaded", entityId: { in: [first.id, second.id] } }, orderBy: { id: "asc" } });
    expect(uploads.map((a) => [a.entityType, a.entityId, a.actorId, a.actorRole, a.ipAddress])).toEqual([
      ["ClearanceDocument", first.id, cast.patient.id, "PATIENT", "203.0.113.7"],
      ["ClearanceDocument", second.id, cast.patient.id, "PATIENT", "203.0.113.7"],
    ]);
    expect(uploads[0]!.details).toEqual({ clearanceId, sha256: first.sha256, sizeBytes: first.sizeBytes, mimeType: "application/pdf" });
  });

  test("the physician uploading the first document themselves moves the request on without mailing themselves", async () => {
    const clearanceId = await createClearance(t.db, cast);
    const mailsBefore = await t.db.outboxMessage.count({ where: { to: cast.physician.email } });
    await upload(cast.physician, clearanceId);
    expect(await statusOf(clearanceId)).toBe("UNDER_REVIEW");
    expect(await t.db.outboxMessage.count({ where: { to: cast.physician.email } })).toBe(mailsBefore);
  });

  test("a path in the name is dropped: kept as x.pdf, stored under a random key", async () => {
    const document = await upload(cast.patient, await createClearance(t.db, cast), pdfFile("../../x.pdf"));
    const row = await t.db.clearanceDocument.findUniqueOrThrow({ where: { id: document.id } });
    expect(row.originalName).toBe("x.pdf");
    expect(storedFiles()).toContain(row.storageKey);
    expect(fs.existsSync(path.resolve(folder, "../../x.pdf"))).toBe(false);
  });

  test("sha256 and size are those of the bytes as stored", async () => {
    const clearanceId = await createClearance(t.db, cast);
    const png = samplePng(3, 2);
    const document = await upload(cast.patient, clearanceId, { content: png, filename: "scan.png" });
    const { createHash } = await import("node:crypto");
    expect(document.sha256).toBe(createHash("sha256").update(png).digest("hex"));
    const row = await t.db.clearanceDocument.findUniqueOrThrow({ where: { id: document.id } });
    expect(fs.readFileSync(path.join(folder, row.storageKey)).equals(png)).toBe(true);
  });

  test("when the transaction fails (the request was decided meanwhile), the stored file is removed and no row remains", async () => {
    const clearanceId = await createClearance(t.db, cast);
    const before = storedFiles().length;
    const racing: DocumentStorage = {
      ...storage,
      name: storage.name,
      async put(key, data) {
        await storage.put(key, data);
        expect(storedFiles()).toHaveLength(before + 1);
        // A physician's decision lands between the bytes and the row.
        await t.db.clearanceRequest.update({ where: { id: clearanceId }, data: { status: "DECLINED" } });
      },
      get: (key) => storage.get(key),
      delete: (key) => storage.delete(key),
    };
    const error = await failureOf(() => upload(cast.patient, clearanceId, pdfFile(), racing));
    expect(error).toMatchObject({ status: 409, code: "clearance_closed" });
    expect(storedFiles()).toHaveLength(before);
    expect(await t.db.clearanceDocument.count({ where: { clearanceId } })).toBe(0);
    expect(await t.db.auditEntry.count({ where: { action: "document.uploaded", details: { path: ["clearanceId"], equals: clearanceId } } })).toBe(0);
  });

  test("a buffer over 10 MB is 413 and stores nothing", async () => {
    const clearanceId = await createClearance(t.db, cast);
    const before = storedFiles().length;
    const big = Buffer.concat([samplePdf(), Buffer.alloc(MAX_DOCUMENT_BYTES + 1 - samplePdf().length, 0x20)]);
    const error = await failureOf(() => upload(cast.patient, clearanceId, { content: big, filename: "big.pdf" }));
    expect(error).toMatchObject({ status: 413, code: "too_large" });
    expect(storedFiles()).toHaveLength(before);
    expect(await t.db.clearanceDocument.count({ where: { clearanceId } })).toBe(0);
  });

  test("exactly 10 MB is accepted", async () => {
    const clearanceId = await createClearance(t.db, cast);
    const exact = Buffer.concat([samplePdf(), Buffer.alloc(MAX_DOCUMENT_BYTES - samplePdf().length, 0x20)]);
    const document = await upload(cast.patient, clearanceId, { content: exact, filename: "exact.pdf" });
    expect(document.sizeBytes).toBe(MAX_DOCUMENT_BYTES);
  });
});

describe("readClearanceDocument", () => {
  let clearanceId: string;
  let documentId: string;
  beforeAll(async () => {
    clearanceId = await createClearance(t.db, cast);
    documentId = (await upload(cast.patient, clearanceId, pdfFile("Brief van dr. Jansen.pdf"))).id;
  });

  test.each([
    ["the patient", (c: Cast) => c.patient],
    ["the addressed physician", (c: Cast) => c.physician],
    ["an admin", (c: Cast) => c.admin],
  ])("%s reads it, and the read is audited with who and from where", async (_, who) => {
    const viewer = who(cast);
    const before = await t.db.auditEntry.count({ where: { action: "document.read", entityId: documentId } });
    const file = await read(viewer, documentId);
    expect(file.body.equals(samplePdf())).toBe(true);
    expect(file).toMatchObject({ mimeType: "application/pdf", sizeBytes: samplePdf().length, downloadName: "Brief van dr. Jansen.pdf" });
    const reads = await t.db.auditEntry.findMany({ where: { action: "document.read", entityId: documentId }, orderBy: { id: "asc" } });
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)).toMatchObject({
      actorId: viewer.id,
      actorRole: viewer.role,
      entityType: "ClearanceDocument",
      ipAddress: "198.51.100.4",
      details: { clearanceId, sha256: file.sha256 },
    });
  });

  test.each([
    ["another patient", (c: Cast) => c.otherPatient],
    ["a therapist", (c: Cast) => c.therapist],
    ["another physician", (c: Cast) => c.otherPhysician],
  ])("%s gets 404 and leaves no read in the audit", async (_, who) => {
    const before = await t.db.auditEntry.count({ where: { action: "document.read", entityId: documentId } });
    expect(await failureOf(() => read(who(cast), documentId))).toBeInstanceOf(NotFoundError);
    expect(await t.db.auditEntry.count({ where: { action: "document.read", entityId: documentId } })).toBe(before);
  });

  test("a changed file is never served: 500 document_damaged, logged and audited", async () => {
    const id = (await upload(cast.patient, await createClearance(t.db, cast))).id;
    const { storageKey } = await t.db.clearanceDocument.findUniqueOrThrow({ where: { id } });
    const file = path.join(folder, storageKey);
    const bytes = fs.readFileSync(file);
    const at = bytes.length - 10;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at); // same size, one byte different
    fs.writeFileSync(file, bytes);

    const error = await failureOf(() => read(cast.physician, id));
    expect(error).toBeInstanceOf(DocumentDamagedError);
    expect(error).toMatchObject({ status: 500, code: "document_damaged" });
    const logged = takeConsoleErrors();
    expect(logged).toHaveLength(1);
    expect(String(logged[0]![0])).toMatch(/does not match its SHA-256/);
    expect(await t.db.auditEntry.count({ where: { action: "document.read", entityId: id } })).toBe(0);
    expect(await t.db.auditEntry.count({ where: { action: "document.damaged", entityId: id } })).toBe(1);
  });

  test("a file gone from storage is reported damaged too, not as a crash", async () => {
    const id = (await upload(cast.patient, await createClearance(t.db, cast))).id;
    const { storageKey } = await t.db.clearanceDocument.findUniqueOrThrow({ where: { id } });
    fs.rmSync(path.join(folder, storageKey));
    const error = await failureOf(() => read(cast.patient, id));
    expect(error).toBeInstanceOf(DocumentDamagedError);
    expect(takeConsoleErrors().length).toBeGreaterThanOrEqual(1);
  });

  test("the download name carries the extension of what the file is", async () => {
    const id = (await upload(cast.patient, await createClearance(t.db, cast), { content: samplePng(), filename: "scan.pdf" })).id;
    expect((await read(cast.patient, id)).downloadName).toBe("scan.pdf.png");
    const noName = (await upload(cast.patient, await createClearance(t.db, cast), { content: samplePng(), filename: "" })).id;
    expect((await read(cast.patient, noName)).downloadName).toBe("document.png");
  });
});

describe("judgeContent", () => {
  test("a header cut short is unreadable even when the bytes after it in memory would complete it", async () => {
    // A view on the first 20 bytes of a whole PNG: the height sits just past the view's end.
    const cut = samplePng(4, 3).subarray(0, 20);
    const error = await failureOf(() => judgeContent(cut));
    expect(error).toMatchObject({ status: 422, code: "validation", fields: { file: expect.stringMatching(/could not be read/) } });
  });

  test("judges by the bytes alone", async () => {
    expect((await judgeContent(samplePdf())).mimeType).toBe("application/pdf");
    expect((await judgeContent(samplePng())).mimeType).toBe("image/png");
    expect(await failureOf(() => judgeContent(Buffer.from("%PD")))).toMatchObject({ status: 415 });
  });
});

describe("file names", () => {
  test.each([
    ["../../x.pdf", "x.pdf"],
    ["C:\\Users\\jan\\Desktop\\brief.pdf", "brief.pdf"],
    ["..", "document.pdf"],
    ["", "document.pdf"],
    [undefined, "document.pdf"],
    [".htaccess", "htaccess"],
    ["a\u0000b\r\nc.pdf", "abc.pdf"],
    ["invoice\u202Efdp.exe", "invoicefdp.exe"],
    ["  spaced   out  .pdf ", "spaced out .pdf"],
    ["Überweisung Dr. Müller.pdf", "Überweisung Dr. Müller.pdf"],
  ])("%j is kept as %j", (input, expected) => {
    expect(sanitiseFileName(input)).toBe(expected);
  });

  test("a long name is cut to 200 characters, keeping its extension", () => {
    const name = sanitiseFileName(`${"a".repeat(300)}.pdf`);
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith("a.pdf")).toBe(true);
    expect(Array.from(sanitiseFileName("é".repeat(250)))).toHaveLength(200);
  });

  test("Content-Disposition carries an ASCII name and the exact UTF-8 name", () => {
    expect(contentDisposition("inline", "Überweisung (Dr. Müller).pdf")).toBe(
      `inline; filename="Uberweisung (Dr. Muller).pdf"; filename*=UTF-8''%C3%9Cberweisung%20%28Dr.%20M%C3%BCller%29.pdf`,
    );
    expect(contentDisposition("attachment", 'a"b;c\r\nd.pdf')).toBe(`attachment; filename="a_b_cd.pdf"; filename*=UTF-8''a%22b%3Bcd.pdf`);
    expect(contentDisposition("inline", "受診証明.pdf")).toMatch(/^inline; filename="____\.pdf"; filename\*=UTF-8''%E5/);
  });

  test("the response headers neutralise whatever a document contains", () => {
    const headers = documentResponseHeaders({ mimeType: "application/pdf", sizeBytes: 123, downloadName: "x.pdf" });
    expect(headers).toEqual({
      "Content-Type": "application/pdf",
      "Content-Length": "123",
      "Content-Disposition": `inline; filename="x.pdf"; filename*=UTF-8''x.pdf`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'; object-src 'self'; frame-ancestors 'self'",
      "Cache-Control": "private, no-store",
      "Cross-Origin-Resource-Policy": "same-origin",
    });
    expect(documentResponseHeaders({ mimeType: "image/png", sizeBytes: 1, downloadName: "x.png" }, { download: true })["Content-Disposition"]).toMatch(
      /^attachment; /,
    );
  });
});
