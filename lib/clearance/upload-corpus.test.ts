// The upload corpus, through the real routes: multipart parsing, the content
// judgement, storage, the database and the answer's headers. Only the app's
// singletons (database, session, storage folder) are this file's own.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { GET } from "@/app/api/v1/documents/[id]/route";
import { POST } from "@/app/api/v1/clearances/[id]/documents/route";
import type { Role } from "@/lib/generated/prisma/enums";
import { localFolderStorage } from "@/lib/storage/local";
import { useTestDatabase } from "@/test/db";
import {
  countedStreamingUpload,
  createCast,
  createClearance,
  MULTIPART_TYPE,
  multipartBody,
  sampleElf,
  sampleJpeg,
  samplePdf,
  samplePe,
  samplePng,
  type Cast,
} from "./upload-samples";

const app = vi.hoisted(() => ({
  db: undefined as unknown,
  storage: undefined as unknown,
  session: null as null | { user: { id: string; role: string } },
}));
vi.mock("@/lib/db", () => ({ getDb: () => app.db }));
// A session cookie's claims for the signed-in user: a fresh, unrevoked session (lib/auth/sessions.ts).
vi.mock("@/lib/auth/session", () => ({
  sessionClaims: async () => (app.session ? { uid: app.session.user.id, sv: 0, seen: Math.floor(Date.now() / 1000) } : null),
}));
vi.mock("@/lib/storage", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/storage")>()),
  getDocumentStorage: () => app.storage,
}));

const t = useTestDatabase();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "clinic-corpus-"));
const folder = path.join(tmp, "documents");
let cast: Cast;

beforeAll(async () => {
  app.db = t.db;
  app.storage = localFolderStorage(folder);
  cast = await createCast(t.db);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const storedFiles = () => (fs.existsSync(folder) ? fs.readdirSync(folder) : []);
const signIn = (user: { id: string; role: Role } | null) => {
  app.session = user ? { user: { id: user.id, role: user.role } } : null;
};

function postFile(clearanceId: string, body: Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const request = new Request(`http://clinic.test/api/v1/clearances/${clearanceId}/documents`, {
    method: "POST",
    body: body instanceof ReadableStream ? body : new Uint8Array(body),
    headers: { "content-type": MULTIPART_TYPE, "x-clinic-peer": "203.0.113.9", ...headers },
    duplex: "half",
  } as RequestInit);
  return POST(request, { params: Promise.resolve({ id: clearanceId }) });
}

function upload(clearanceId: string, file: { data: Uint8Array | string; filename: string; type: string }) {
  return postFile(clearanceId, multipartBody([{ name: "file", ...file }]));
}

function getDocument(id: string, query = "") {
  const request = new Request(`http://clinic.test/api/v1/documents/${id}${query}`, { headers: { "x-clinic-peer": "198.51.100.23" } });
  return GET(request, { params: Promise.resolve({ id }) });
}

type Outcome =
  | { status: 201; mimeType: string; originalName: string }
  | { status: 413 | 415 | 422; error: string; message: RegExp };

const refused = (status: 413 | 415 | 422, error: string, message: RegExp): Outcome => ({ status, error, message });
const NOT_ACCEPTED = /^Upload a PDF, JPEG or PNG file\./;

const CORPUS: Array<[string, { data: Uint8Array | string; filename: string; type: string }, Outcome]> = [
  ["a real one-page PDF", { data: samplePdf(), filename: "clearance.pdf", type: "application/pdf" }, { status: 201, mimeType: "application/pdf", originalName: "clearance.pdf" }],
  ["a PNG scan", { data: samplePng(4, 3), filename: "scan.png", type: "image/png" }, { status: 201, mimeType: "image/png", originalName: "scan.png" }],
  ["a JPEG photo", { data: sampleJpeg(640, 480), filename: "photo.jpg", type: "image/jpeg" }, { status: 201, mimeType: "image/jpeg", originalName: "photo.jpg" }],
  ["a JPEG named .pdf and declared a PDF (the content decides)", { data: sampleJpeg(), filename: "letter.pdf", type: "application/pdf" }, { status: 201, mimeType: "image/jpeg", originalName: "letter.pdf" }],
  ["a Linux executable named .pdf, declared application/pdf", { data: sampleElf(), filename: "clearance.pdf", type: "application/pdf" }, refused(415, "unsupported_type", NOT_ACCEPTED)],
  ["a Windows executable named .pdf, declared application/pdf", { data: samplePe(), filename: "clearance.pdf", type: "application/pdf" }, refused(415, "unsupported_type", NOT_ACCEPTED)],
  ["HTML with a script disguised as a PDF", { data: "<html><script>fetch('/api/v1/appointments')</script></html>", filename: "clearance.pdf", type: "application/pdf" }, refused(415, "unsupported_type", NOT_ACCEPTED)],
  ["an SVG with a script disguised as a PNG", { data: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>', filename: "scan.png", type: "image/png" }, refused(415, "unsupported_type", NOT_ACCEPTED)],
  ["an SVG with an XML declaration", { data: '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', filename: "scan.svg", type: "image/svg+xml" }, refused(415, "unsupported_type", NOT_ACCEPTED)],
  ["plain text named .pdf", { data: "I am cleared for massage. Dr. J.", filename: "clearance.pdf", type: "application/pdf" }, refused(415, "unsupported_type", NOT_ACCEPTED)],
  ["a PDF signature not at the start (leading junk)", { data: Buffer.concat([Buffer.from("<html>\n"), samplePdf()]), filename: "clearance.pdf", type: "application/pdf" }, refused(415, "unsupported_type", NOT_ACCEPTED)],
  ["a PNG declaring 100000 × 100000 pixels", { data: samplePng(100_000, 100_000), filename: "scan.png", type: "image/png" }, refused(422, "validation", /100000 × 100000 pixels/)],
  ["a JPEG declaring 20000 × 100 pixels", { data: sampleJpeg(20_000, 100), filename: "photo.jpg", type: "image/jpeg" }, refused(422, "validation", /20000 × 100 pixels/)],
  ["a PNG of 8000 × 8000 (64 megapixels)", { data: samplePng(8_000, 8_000), filename: "scan.png", type: "image/png" }, refused(422, "validation", /8000 × 8000 pixels/)],
  ["a PNG cut off inside its header", { data: samplePng(4, 3).subarray(0, 20), filename: "scan.png", type: "image/png" }, refused(422, "validation", /could not be read/)],
  ["an empty file", { data: Buffer.alloc(0), filename: "clearance.pdf", type: "application/pdf" }, refused(422, "validation", /empty/)],
];

describe("the upload corpus (POST /api/v1/clearances/:id/documents as the patient)", () => {
  test.each(CORPUS)("%s", async (_, file, expected) => {
    signIn(cast.patient);
    const clearanceId = await createClearance(t.db, cast);
    const filesBefore = storedFiles();
    const response = await upload(clearanceId, file);
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(expected.status);

    if (expected.status === 201) {
      expect(body).toEqual({ id: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(response.headers.get("connection")).toBeNull();
      const row = await t.db.clearanceDocument.findUniqueOrThrow({ where: { id: body.id as string } });
      expect(row).toMatchObject({ mimeType: expected.mimeType, originalName: expected.originalName, sha256: body.sha256, clearanceId });
      expect(storedFiles()).toEqual(expect.arrayContaining([...filesBefore, row.storageKey]));
      expect(storedFiles()).toHaveLength(filesBefore.length + 1);
      expect((await t.db.clearanceRequest.findUniqueOrThrow({ where: { id: clearanceId } })).status).toBe("UNDER_REVIEW");
      return;
    }
    expect(body).toMatchObject({ error: expected.error, message: expect.stringMatching(expected.message) });
    // Nothing stored: no row, no file (not even a temporary one), no move, no audit entry.
    expect(await t.db.clearanceDocument.count({ where: { clearanceId } })).toBe(0);
    expect(storedFiles()).toEqual(filesBefore);
    expect((await t.db.clearanceRequest.findUniqueOrThrow({ where: { id: clearanceId } })).status).toBe("AWAITING_DOCUMENT");
    expect(await t.db.auditEntry.count({ where: { entityType: "ClearanceRequest", entityId: clearanceId, action: { not: "clearance.requested" } } })).toBe(0);
  });

  test("11 MB streamed without a Content-Length: 413, the body is not read past the limit, nothing is stored", async () => {
    signIn(cast.patient);
    const clearanceId = await createClearance(t.db, cast);
    const filesBefore = storedFiles();
    const { body, counter } = countedStreamingUpload(11 * 1024 * 1024);
    const response = await postFile(clearanceId, body);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "too_large", message: expect.stringMatching(/larger than 10 MB/) });
    // The unread rest is still on the connection: it must not be reused for another request.
    expect(response.headers.get("connection")).toBe("close");
    expect(counter.pulled).toBeLessThan(counter.total);
    expect(counter.pulled).toBeLessThan(10 * 1024 * 1024 + 128 * 1024);
    expect(storedFiles()).toEqual(filesBefore);
    expect(await t.db.clearanceDocument.count({ where: { clearanceId } })).toBe(0);
  });

  test("11 MB announced by Content-Length: 413 before a byte is read", async () => {
    signIn(cast.patient);
    const clearanceId = await createClearance(t.db, cast);
    const { body, counter } = countedStreamingUpload(11 * 1024 * 1024);
    const response = await postFile(clearanceId, body, { "content-length": String(counter.total) });
    expect(response.status).toBe(413);
    expect(counter.pulled).toBe(0);
  });

  test("a request that is not multipart is 415 with the documented JSON error", async () => {
    signIn(cast.patient);
    const clearanceId = await createClearance(t.db, cast);
    const response = await postFile(clearanceId, samplePdf(), { "content-type": "application/pdf" });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ error: "unsupported_type", message: expect.stringContaining("multipart/form-data") });
  });

  test("a name like ../../x.pdf: accepted as a PDF, kept as x.pdf, stored under a random key inside the storage folder", async () => {
    signIn(cast.patient);
    const clearanceId = await createClearance(t.db, cast);
    // Sent raw, so the route sees the path exactly as a hostile client would send it.
    const response = await upload(clearanceId, { data: samplePdf(), filename: "../../x.pdf", type: "application/pdf" });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const row = await t.db.clearanceDocument.findUniqueOrThrow({ where: { id } });
    expect(row.originalName).toBe("x.pdf");
    expect(row.storageKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const stored = path.join(folder, row.storageKey);
    expect(path.dirname(stored)).toBe(folder);
    expect(fs.existsSync(stored)).toBe(true);
    expect(fs.existsSync(path.resolve(folder, "../../x.pdf"))).toBe(false);
    expect(fs.statSync(stored).mode & 0o777).toBe(0o600);
  });

  test("a polyglot (a real PDF with HTML and a script after its header) is a PDF: stored and served as one, never as HTML", async () => {
    signIn(cast.patient);
    const clearanceId = await createClearance(t.db, cast);
    const polyglot = samplePdf("<html><body><script>fetch('/api/v1/appointments').then(r => r.text()).then(alert)</script></body></html>\n");
    const response = await upload(clearanceId, { data: polyglot, filename: "clearance.html", type: "text/html" });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect((await t.db.clearanceDocument.findUniqueOrThrow({ where: { id } })).mimeType).toBe("application/pdf");

    const served = await getDocument(id);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("application/pdf");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toMatch(/^sandbox; default-src 'none';/);
    expect(served.headers.get("content-disposition")).toBe(`inline; filename="clearance.html.pdf"; filename*=UTF-8''clearance.html.pdf`);
    expect(Buffer.from(await served.arrayBuffer()).equals(polyglot)).toBe(true);
  });
});

describe("who may upload (POST /api/v1/clearances/:id/documents)", () => {
  const cases: Array<[string, (c: Cast) => { id: string; role: Role } | null, number]> = [
    ["anonymous", () => null, 401],
    ["the patient", (c) => c.patient, 201],
    ["another patient", (c) => c.otherPatient, 404],
    ["the therapist", (c) => c.therapist, 404],
    ["the addressed physician", (c) => c.physician, 201],
    ["another physician", (c) => c.otherPhysician, 404],
    ["an admin", (c) => c.admin, 403],
  ];
  test.each(cases)("%s: %i", async (_, who, status) => {
    const clearanceId = await createClearance(t.db, cast);
    signIn(who(cast));
    const filesBefore = storedFiles();
    const response = await upload(clearanceId, { data: samplePdf(), filename: "clearance.pdf", type: "application/pdf" });
    expect(response.status).toBe(status);
    if (status !== 201) {
      expect(await response.json()).toMatchObject({ error: { 401: "unauthorized", 403: "forbidden", 404: "not_found" }[status] });
      expect(storedFiles()).toEqual(filesBefore);
      expect(await t.db.clearanceDocument.count({ where: { clearanceId } })).toBe(0);
      return;
    }
    const { id } = (await response.json()) as { id: string };
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { action: "document.uploaded", entityId: id } });
    expect(audit).toMatchObject({ actorId: who(cast)!.id, ipAddress: "203.0.113.9" });
  });

  test("a path id that is not a uuid is 404", async () => {
    signIn(cast.patient);
    const response = await upload("not-a-uuid", { data: samplePdf(), filename: "a.pdf", type: "application/pdf" });
    expect(response.status).toBe(404);
  });
});

describe("who may read (GET /api/v1/documents/:id)", () => {
  let documentId: string;
  beforeAll(async () => {
    signIn(cast.patient);
    const clearanceId = await createClearance(t.db, cast);
    const response = await upload(clearanceId, { data: samplePdf(), filename: "Brief für Dr. Müller.pdf", type: "application/pdf" });
    documentId = ((await response.json()) as { id: string }).id;
  });

  const cases: Array<[string, (c: Cast) => { id: string; role: Role } | null, number]> = [
    ["anonymous", () => null, 401],
    ["the patient", (c) => c.patient, 200],
    ["another patient", (c) => c.otherPatient, 404],
    ["the therapist", (c) => c.therapist, 404],
    ["the addressed physician", (c) => c.physician, 200],
    ["another physician", (c) => c.otherPhysician, 404],
    ["an admin", (c) => c.admin, 200],
  ];
  test.each(cases)("%s: %i, and every successful read is audited", async (_, who, status) => {
    const viewer = who(cast);
    signIn(viewer);
    const readsBefore = await t.db.auditEntry.count({ where: { action: "document.read", entityId: documentId } });
    const response = await getDocument(documentId);
    expect(response.status).toBe(status);
    const reads = await t.db.auditEntry.findMany({ where: { action: "document.read", entityId: documentId }, orderBy: { id: "asc" } });
    if (status !== 200) {
      expect(reads).toHaveLength(readsBefore);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      return;
    }
    expect(reads).toHaveLength(readsBefore + 1);
    expect(reads.at(-1)).toMatchObject({ actorId: viewer!.id, actorRole: viewer!.role, ipAddress: "198.51.100.23" });
    expect(Buffer.from(await response.arrayBuffer()).equals(samplePdf())).toBe(true);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "application/pdf",
      "content-length": String(samplePdf().length),
      "content-disposition": `inline; filename="Brief fur Dr. Muller.pdf"; filename*=UTF-8''Brief%20f%C3%BCr%20Dr.%20M%C3%BCller.pdf`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; default-src 'none'; img-src 'self'; object-src 'self'; frame-ancestors 'self'",
      "cache-control": "private, no-store",
      "cross-origin-resource-policy": "same-origin",
    });
  });

  test("?download=1 asks the browser to save it instead", async () => {
    signIn(cast.physician);
    const response = await getDocument(documentId, "?download=1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="Brief fur Dr. Muller.pdf"; /);
  });

  test("an unknown or malformed id is 404", async () => {
    signIn(cast.admin);
    expect((await getDocument("00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await getDocument("../../etc/passwd")).status).toBe(404);
  });
});
