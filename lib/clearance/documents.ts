// Clearance documents: protected health information that arrives as a file
// from the outside world. An upload is judged by its bytes (magic numbers),
// never by its name or declared type; counted and hashed while it streams; kept
// under a random key; and recorded in one transaction with the request's move
// to "under review", its audit entry and the physician's mail. A refused or
// failed upload leaves nothing behind. Every read is audited and checked
// against the stored SHA-256 first. See docs/decisions/0005-clearance-documents.md.
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { imageSize } from "image-size";
import { writeAudit, type AuditActor } from "@/lib/audit";
import type { Db, DbClient } from "@/lib/db/prisma";
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from "@/lib/errors";
import type { ClearanceStatus } from "@/lib/generated/prisma/enums";
import { enqueueMail } from "@/lib/mail/outbox";
import { clearanceDocumentUploadedMail } from "@/lib/mail/templates";
import { getClinicSettings } from "@/lib/settings";
import { newStorageKey } from "@/lib/storage/keys";
import type { DocumentStorage } from "@/lib/storage/types";
import { transitionClearance } from "./transitions";

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** A scan at 600 dpi of an A4 page is about 5000 × 7000: anything beyond this is not a letter. */
export const MAX_IMAGE_SIDE = 10_000;
export const MAX_IMAGE_PIXELS = 40_000_000;
/** How much of the upload is looked at before anything is stored: enough for a JPEG's size marker after its metadata. */
const HEAD_BYTES = 1024 * 1024;

export type DocumentMimeType = "application/pdf" | "image/jpeg" | "image/png";

interface AcceptedType {
  ext: string;
  /** Also accepted as the end of a download name, e.g. "jpeg" for a JPEG. */
  otherExts: string[];
  /** The content must begin with these bytes, whatever a detector says. */
  magic: Uint8Array;
  image: boolean;
}

const ACCEPTED: Record<DocumentMimeType, AcceptedType> = {
  "application/pdf": { ext: "pdf", otherExts: [], magic: Buffer.from("%PDF-", "latin1"), image: false },
  "image/jpeg": { ext: "jpg", otherExts: ["jpeg"], magic: Uint8Array.from([0xff, 0xd8, 0xff]), image: true },
  "image/png": { ext: "png", otherExts: [], magic: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), image: true },
};

const OPEN_FOR_DOCUMENTS: readonly ClearanceStatus[] = ["AWAITING_DOCUMENT", "UNDER_REVIEW"];

const TOO_LARGE = "This file is larger than 10 MB. Upload a smaller scan or photo of the clearance (a PDF, JPEG or PNG).";
const NOT_ACCEPTED =
  "Upload a PDF, JPEG or PNG file. This file's content is none of those, whatever its name says: a scan or a phone photo of the clearance letter is fine.";

/** The stored bytes no longer match what was uploaded; never served. */
export class DocumentDamagedError extends AppError {
  readonly status = 500;
  readonly code = "document_damaged";
  constructor() {
    super("This document is damaged and cannot be shown. Please ask for the clearance to be uploaded again.");
  }
}

export type UploadContent = Uint8Array | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

export interface UploadedFile {
  /** The bytes, as a buffer or as they arrive; read at most once, and no further than the size limit. */
  content: UploadContent;
  /** As the browser sent it: kept (cleaned) for display only. */
  filename?: string;
  /** As the browser sent it: ignored for every decision. */
  declaredType?: string;
}

export interface UploadDocumentRequest {
  uploader: AuditActor;
  clearanceId: string;
  file: UploadedFile;
  appUrl: string;
  ipAddress?: string;
}

export interface UploadedDocument {
  id: string;
  sha256: string;
  mimeType: DocumentMimeType;
  sizeBytes: number;
  originalName: string;
  /** The request's status after this upload. */
  clearanceStatus: ClearanceStatus;
}

/**
 * The patient the request belongs to, or the physician it is addressed to,
 * adds a document while the request is awaiting one or under review. Anyone
 * else: 404 (an admin, who may see the request: 403).
 */
export async function uploadClearanceDocument(db: Db, storage: DocumentStorage, request: UploadDocumentRequest): Promise<UploadedDocument> {
  const { uploader, clearanceId } = request;
  const clearance = await db.clearanceRequest.findFirst({
    where: { id: clearanceId, OR: [{ patientId: uploader.id }, { physician: { userId: uploader.id } }] },
    select: { status: true },
  });
  if (!clearance) {
    if (uploader.role === "ADMIN" && (await db.clearanceRequest.count({ where: { id: clearanceId } })) > 0) {
      throw new ForbiddenError("Only the patient or the physician the request is addressed to can upload its clearance document.");
    }
    throw new NotFoundError("No such clearance request.");
  }
  assertOpen(clearance.status);

  const reader = new CountingReader(request.file.content, MAX_DOCUMENT_BYTES);
  let accepted: { mimeType: DocumentMimeType; type: AcceptedType };
  try {
    accepted = await judgeContent(await reader.head(HEAD_BYTES));
  } catch (error) {
    await reader.cancel();
    throw error;
  }

  const storageKey = newStorageKey();
  try {
    await storage.put(storageKey, reader.all());
  } catch (error) {
    await reader.cancel();
    await discard(storage, storageKey);
    throw error;
  }
  const { sha256, sizeBytes } = reader.summary();
  const originalName = sanitiseFileName(request.file.filename, accepted.type.ext);

  try {
    return await db.$transaction(
      async (tx) => {
        const [locked] = await tx.$queryRaw<Array<{ status: ClearanceStatus }>>`
          SELECT "status"::text AS status FROM "ClearanceRequest" WHERE "id" = ${clearanceId}::uuid FOR UPDATE`;
        if (!locked) throw new NotFoundError("No such clearance request.");
        assertOpen(locked.status);

        const document = await tx.clearanceDocument.create({
          data: { clearanceId, uploadedById: uploader.id, storageKey, originalName, mimeType: accepted.mimeType, sizeBytes, sha256 },
          select: { id: true },
        });
        let clearanceStatus = locked.status;
        if (locked.status === "AWAITING_DOCUMENT") {
          await transitionClearance(tx, {
            clearanceId,
            to: "UNDER_REVIEW",
            actor: uploader,
            ipAddress: request.ipAddress,
            details: { documentId: document.id },
          });
          clearanceStatus = "UNDER_REVIEW";
        }
        await writeAudit(tx, {
          actor: uploader,
          action: "document.uploaded",
          entityType: "ClearanceDocument",
          entityId: document.id,
          details: { clearanceId, sha256, sizeBytes, mimeType: accepted.mimeType },
          ipAddress: request.ipAddress,
        });
        if (locked.status === "AWAITING_DOCUMENT") {
          await tellPhysician(tx, clearanceId, uploader, request.appUrl);
        }
        return { id: document.id, sha256, mimeType: accepted.mimeType, sizeBytes, originalName, clearanceStatus };
      },
      { maxWait: 10_000, timeout: 20_000 },
    );
  } catch (error) {
    await discard(storage, storageKey);
    throw error;
  }
}

function assertOpen(status: ClearanceStatus): void {
  if (OPEN_FOR_DOCUMENTS.includes(status)) return;
  const words = status === "APPROVED" ? "approved" : status === "DECLINED" ? "declined" : "expired";
  throw new ConflictError("clearance_closed", `This clearance request has been ${words}: documents can no longer be added to it.`);
}

/** The first document: the physician learns there is something to review (unless they uploaded it themselves). */
async function tellPhysician(tx: DbClient, clearanceId: string, uploader: AuditActor, appUrl: string): Promise<void> {
  const clearance = await tx.clearanceRequest.findUniqueOrThrow({
    where: { id: clearanceId },
    select: { holdUntil: true, physician: { select: { user: { select: { id: true, name: true, email: true } } } } },
  });
  const settings = await getClinicSettings(tx);
  const physician = clearance.physician.user;
  if (physician.id === uploader.id) return;
  await enqueueMail(
    tx,
    clearanceDocumentUploadedMail({
      clearanceId,
      physicianName: physician.name,
      physicianEmail: physician.email,
      holdUntil: clearance.holdUntil,
      timeZone: settings.timeZone,
      clinicName: settings.clinicName,
      appUrl,
    }),
  );
}

async function discard(storage: DocumentStorage, key: string): Promise<void> {
  try {
    await storage.delete(key);
  } catch (error) {
    console.error("Could not remove the stored bytes of a failed upload", key, error);
  }
}

/** Decides from the first bytes alone; throws the refusal a person can act on. */
export async function judgeContent(head: Uint8Array): Promise<{ mimeType: DocumentMimeType; type: AcceptedType }> {
  if (head.length === 0) {
    throw new ValidationError("This file is empty.", { file: "This file is empty. Choose the clearance document again." });
  }
  const detected = await fileTypeFromBuffer(head);
  const mimeType = detected?.mime as DocumentMimeType | undefined;
  const type = mimeType && Object.hasOwn(ACCEPTED, mimeType) ? ACCEPTED[mimeType] : undefined;
  // file-type already anchors these signatures at byte 0; checked again so no detector change can loosen it.
  if (!mimeType || !type || !startsWith(head, type.magic)) throw new UnsupportedMediaTypeError(NOT_ACCEPTED);
  if (type.image) assertSensibleImage(head);
  return { mimeType, type };
}

function assertSensibleImage(head: Uint8Array): void {
  let width = 0;
  let height = 0;
  try {
    // A copy in its own ArrayBuffer: image-size reads through a DataView on input.buffer with no end, so on a
    // pooled Buffer a truncated header would be completed with whatever bytes follow it in the pool.
    ({ width, height } = imageSize(new Uint8Array(head)));
  } catch {
    // Falls through to "cannot be read".
  }
  if (!(width > 0 && height > 0)) {
    const message = "This image could not be read. Take the photo or scan again, or upload it as a PDF.";
    throw new ValidationError(message, { file: message });
  }
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    const message = `This image is ${width} × ${height} pixels, far more than a letter needs. Upload an image of at most ${MAX_IMAGE_SIDE} pixels a side (a phone photo or a scan is fine).`;
    throw new ValidationError(message, { file: message });
  }
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * Reads an upload once: counts and hashes every byte as it arrives and stops at
 * the limit (413) without reading further. The first bytes are kept to be
 * judged; all() then yields everything, those first bytes included.
 */
class CountingReader {
  private readonly hash = createHash("sha256");
  private readonly iterator: AsyncIterator<Uint8Array>;
  private readonly held: Uint8Array[] = [];
  private bytes = 0;
  private finished = false;

  constructor(
    content: UploadContent,
    private readonly limit: number,
  ) {
    this.iterator = chunksOf(content)[Symbol.asyncIterator]();
  }

  private async next(): Promise<Uint8Array | undefined> {
    if (this.finished) return undefined;
    const step = await this.iterator.next();
    if (step.done) {
      this.finished = true;
      return undefined;
    }
    const chunk = step.value;
    this.bytes += chunk.length;
    if (this.bytes > this.limit) throw new PayloadTooLargeError(TOO_LARGE);
    this.hash.update(chunk);
    return chunk;
  }

  async head(size: number): Promise<Buffer> {
    let held = 0;
    while (held < size) {
      const chunk = await this.next();
      if (!chunk) break;
      this.held.push(chunk);
      held += chunk.length;
    }
    return Buffer.concat(this.held);
  }

  async *all(): AsyncGenerator<Uint8Array> {
    yield* this.held.splice(0);
    for (let chunk = await this.next(); chunk; chunk = await this.next()) yield chunk;
  }

  /** Stops reading the source (a refused upload is not read to its end). */
  async cancel(): Promise<void> {
    this.finished = true;
    await this.iterator.return?.().catch(() => undefined);
  }

  summary(): { sha256: string; sizeBytes: number } {
    return { sha256: this.hash.digest("hex"), sizeBytes: this.bytes };
  }
}

async function* chunksOf(content: UploadContent): AsyncGenerator<Uint8Array> {
  if (content instanceof Uint8Array) {
    // In slices, so the limit stops even a buffer before all of it is hashed.
    for (let start = 0; start < content.length; start += 64 * 1024) yield content.subarray(start, start + 64 * 1024);
    return;
  }
  if ("getReader" in content) {
    const reader = content.getReader();
    try {
      for (let step = await reader.read(); !step.done; step = await reader.read()) yield step.value;
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    return;
  }
  yield* content;
}

/**
 * The name as shown and offered for download: the last path segment only,
 * without control or invisible formatting characters (a right-to-left override
 * can make "gpj.exe" read as "exe.jpg"), at most 200 characters, never empty.
 */
export function sanitiseFileName(name: string | undefined, ext = "pdf"): string {
  const cleaned = (name ?? "")
    .normalize("NFC")
    .split(/[\\/]/)
    .pop()!
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, "")
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/^[.\s]+/u, "");
  if (!cleaned) return `document.${ext}`;
  const chars = Array.from(cleaned);
  if (chars.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 && cleaned.length - dot <= 10 ? Array.from(cleaned.slice(dot)) : [];
  return [...chars.slice(0, 200 - extension.length), ...extension].join("");
}

export interface DocumentViewer {
  id: string;
  role: AuditActor["role"];
}

export interface ReadDocumentRequest {
  viewer: DocumentViewer;
  documentId: string;
  ipAddress?: string;
}

export interface DocumentFile {
  id: string;
  body: Buffer;
  mimeType: DocumentMimeType;
  sizeBytes: number;
  sha256: string;
  /** The uploaded name, with the extension its content has. */
  downloadName: string;
}

/**
 * The file, to the patient it belongs to, the physician the request is
 * addressed to, and admins; anyone else gets 404. The bytes are checked against
 * the SHA-256 taken at upload before a single one is served (documents are at
 * most 10 MB, so they are read whole), and the read is audited.
 */
export async function readClearanceDocument(db: Db, storage: DocumentStorage, request: ReadDocumentRequest): Promise<DocumentFile> {
  const { viewer, documentId } = request;
  const document = await db.clearanceDocument.findFirst({
    where: {
      id: documentId,
      ...(viewer.role === "ADMIN" ? {} : { clearance: { OR: [{ patientId: viewer.id }, { physician: { userId: viewer.id } }] } }),
    },
    select: { id: true, clearanceId: true, storageKey: true, originalName: true, mimeType: true, sizeBytes: true, sha256: true },
  });
  if (!document) throw new NotFoundError();
  const mimeType = document.mimeType as DocumentMimeType;
  const type = Object.hasOwn(ACCEPTED, mimeType) ? ACCEPTED[mimeType] : undefined;

  let body: Buffer | undefined;
  try {
    body = await readAtMost(await storage.get(document.storageKey), document.sizeBytes);
  } catch (error) {
    console.error("Could not read a clearance document's bytes", document.id, error);
  }
  const actual = body ? createHash("sha256").update(body).digest("hex") : null;
  if (!body || !type || body.length !== document.sizeBytes || actual !== document.sha256) {
    console.error("A clearance document does not match its SHA-256; refused to serve it", {
      documentId: document.id,
      expected: document.sha256,
      actual,
    });
    await writeAudit(db, {
      actor: viewer,
      action: "document.damaged",
      entityType: "ClearanceDocument",
      entityId: document.id,
      details: { clearanceId: document.clearanceId, expected: document.sha256, actual },
      ipAddress: request.ipAddress,
    });
    throw new DocumentDamagedError();
  }

  await writeAudit(db, {
    actor: viewer,
    action: "document.read",
    entityType: "ClearanceDocument",
    entityId: document.id,
    details: { clearanceId: document.clearanceId, sha256: document.sha256 },
    ipAddress: request.ipAddress,
  });
  return {
    id: document.id,
    body,
    mimeType,
    sizeBytes: document.sizeBytes,
    sha256: document.sha256,
    downloadName: withExtension(sanitiseFileName(document.originalName, type.ext), type),
  };
}

/** One byte more than expected is enough to know the file changed; reading stops there. */
async function readAtMost(stored: ReadableStream<Uint8Array> | Buffer, expected: number): Promise<Buffer> {
  if (Buffer.isBuffer(stored)) return stored;
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunksOf(stored)) {
    parts.push(chunk);
    total += chunk.length;
    if (total > expected) break;
  }
  return Buffer.concat(parts);
}

function withExtension(name: string, type: AcceptedType): string {
  const lower = name.toLowerCase();
  return [type.ext, ...type.otherExts].some((ext) => lower.endsWith(`.${ext}`)) ? name : `${name}.${type.ext}`;
}

/**
 * The answer's headers. The type is the one judged from the content, never
 * sniffed again (nosniff). The sandbox CSP makes the document an opaque origin
 * with no scripts, forms or plugins of its own, so even a PDF that carries HTML
 * cannot act as our site; Chromium's PDF viewer still renders it inline, and
 * frame-ancestors 'self' lets only our own pages frame it (it overrides the
 * site-wide X-Frame-Options: DENY in browsers that know CSP).
 */
export function documentResponseHeaders(file: Pick<DocumentFile, "mimeType" | "sizeBytes" | "downloadName">, options: { download?: boolean } = {}) {
  return {
    "Content-Type": file.mimeType,
    "Content-Length": String(file.sizeBytes),
    "Content-Disposition": contentDisposition(options.download ? "attachment" : "inline", file.downloadName),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'; object-src 'self'; frame-ancestors 'self'",
    "Cache-Control": "private, no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
  } satisfies Record<string, string>;
}

/** RFC 6266: a plain ASCII name for old clients, and the exact name in UTF-8 (RFC 8187) for the rest. */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const clean = sanitiseFileName(name);
  const ascii =
    clean
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9 ._()-]/g, "_")
      .trim() || "document";
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
