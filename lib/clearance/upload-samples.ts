// Test support for the clearance-document tests: small real files built byte
// by byte (so the corpus needs no binary fixtures), a multipart body builder,
// and the cast of a clearance request. Not imported by the app.
import { deflateSync } from "node:zlib";
import type { DbClient } from "@/lib/db/prisma";
import type { ClearanceStatus, Role } from "@/lib/generated/prisma/enums";
import { ensurePhysician } from "@/lib/seed/factories";
import { createPatient, createTherapist, TEST_PASSWORD } from "@/test/fixtures";

/** A one-page PDF that Chromium's viewer renders ("Cleared for massage"), optionally with extra bytes after the header line. */
export function samplePdf(afterHeader = ""): Buffer {
  const stream = "BT /F1 24 Tf 20 100 Td (Cleared for massage) Tj ET";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = `%PDF-1.4\n${afterHeader}`;
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A PNG: signature, IHDR with these dimensions, then (for sane sizes) real
 * grey RGB pixels. For absurd dimensions only the header is written: that is
 * all a decompression bomb needs to claim.
 */
export function samplePng(width = 2, height = 2): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  const chunks = [pngChunk("IHDR", ihdr)];
  if (width * height <= 10_000) {
    const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)]);
    chunks.push(pngChunk("IDAT", deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))));
  } else {
    chunks.push(pngChunk("IDAT", deflateSync(Buffer.alloc(1024))));
  }
  chunks.push(pngChunk("IEND", Buffer.alloc(0)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
}

/** A JPEG's skeleton: SOI, APP0/JFIF, SOF0 with these dimensions, EOI. */
export function sampleJpeg(width = 640, height = 480): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof0 = Buffer.from([
    0xff, 0xc0, 0x00, 0x11, 0x08,
    (height >> 8) & 0xff, height & 0xff,
    (width >> 8) & 0xff, width & 0xff,
    0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof0, Buffer.from([0xff, 0xd9])]);
}

/** The start of a Linux executable (ELF, 64-bit little-endian), padded out. */
export function sampleElf(): Buffer {
  return Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(512)]);
}

/** The start of a Windows executable (MZ header pointing at a PE header). */
export function samplePe(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write("MZ", 0, "latin1");
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write("PE\0\0", 0x80, "latin1");
  return bytes;
}

export interface Part {
  name: string;
  filename?: string;
  type?: string;
  data: Uint8Array | string;
}

export const BOUNDARY = "----clinic-upload-boundary-7d9a";
export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

export function partHead(part: Omit<Part, "data">): string {
  const disposition = `form-data; name="${part.name}"${part.filename === undefined ? "" : `; filename="${part.filename}"`}`;
  return `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ""}\r\n`;
}

export const CLOSING = `\r\n--${BOUNDARY}--\r\n`;

export function multipartBody(parts: Part[]): Buffer {
  const pieces: Buffer[] = [];
  parts.forEach((part, index) => {
    pieces.push(Buffer.from(`${index === 0 ? "" : "\r\n"}${partHead(part)}`, "utf8"));
    pieces.push(typeof part.data === "string" ? Buffer.from(part.data, "utf8") : Buffer.from(part.data));
  });
  pieces.push(Buffer.from(CLOSING, "latin1"));
  return Buffer.concat(pieces);
}

/**
 * A body of `fileBytes` bytes of file in field "file", produced only as it is
 * pulled (64 KiB at a time), with a count of what was pulled: so a test can
 * show that reading stopped near the limit.
 */
export function countedStreamingUpload(fileBytes: number, head = samplePdf()) {
  const counter = { pulled: 0, total: 0 };
  const prefix = Buffer.from(partHead({ name: "file", filename: "big.pdf", type: "application/pdf" }), "utf8");
  const suffix = Buffer.from(CLOSING, "latin1");
  counter.total = prefix.length + fileBytes + suffix.length;
  let sent = 0;
  const chunk = 64 * 1024;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        let piece: Buffer;
        if (sent === 0) piece = Buffer.concat([prefix, head.subarray(0, Math.min(head.length, fileBytes))]);
        else if (sent < prefix.length + fileBytes) piece = Buffer.alloc(Math.min(chunk, prefix.length + fileBytes - sent), 0x20);
        else if (sent < counter.total) piece = suffix;
        else {
          controller.close();
          return;
        }
        sent += piece.length;
        counter.pulled = sent;
        controller.enqueue(new Uint8Array(piece));
      },
    },
    { highWaterMark: 0 },
  );
  return { body, counter };
}

export interface Cast {
  patient: { id: string; role: Role; email: string };
  otherPatient: { id: string; role: Role };
  therapist: { id: string; role: Role };
  physician: { id: string; role: Role; email: string; physicianId: string };
  otherPhysician: { id: string; role: Role };
  admin: { id: string; role: Role };
}

let serial = 0;

/** A patient, their physician, and everyone who must not see the patient's clearance. */
export async function createCast(db: DbClient): Promise<Cast> {
  const tag = `${process.pid}-${Date.now()}-${serial++}`;
  const physicianRecord = await ensurePhysician(db, {
    email: `physician-${tag}@example.test`,
    name: "Dr. Addressed",
    password: TEST_PASSWORD,
    specialty: "General practice",
    licenseNumber: `MD-${tag}`,
  });
  const otherPhysicianRecord = await ensurePhysician(db, {
    email: `physician2-${tag}@example.test`,
    name: "Dr. Other",
    password: TEST_PASSWORD,
    specialty: "General practice",
    licenseNumber: `MD2-${tag}`,
  });
  const [physicianUser, otherPhysicianUser] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: physicianRecord.userId } }),
    db.user.findUniqueOrThrow({ where: { id: otherPhysicianRecord.userId } }),
  ]);
  const patient = await createPatient(db);
  const otherPatient = await createPatient(db);
  const therapistRecord = await createTherapist(db);
  const admin = await db.user.create({
    data: { email: `admin-${tag}@example.test`, name: "Clinic Admin", role: "ADMIN", passwordHash: "not-used" },
  });
  const pick = (user: { id: string; role: Role }) => ({ id: user.id, role: user.role });
  return {
    patient: { ...pick(patient), email: patient.email },
    otherPatient: pick(otherPatient),
    therapist: { id: therapistRecord.userId, role: "THERAPIST" },
    physician: { ...pick(physicianUser), email: physicianUser.email, physicianId: physicianRecord.id },
    otherPhysician: pick(otherPhysicianUser),
    admin: pick(admin),
  };
}

/** A clearance request of the cast's patient, addressed to the cast's physician. */
export async function createClearance(db: DbClient, cast: Cast, status: ClearanceStatus = "AWAITING_DOCUMENT"): Promise<string> {
  const clearance = await db.clearanceRequest.create({
    data: {
      patientId: cast.patient.id,
      physicianId: cast.physician.physicianId,
      conditions: ["cardiovascular"],
      holdUntil: new Date(Date.now() + 7 * 86_400_000),
      status,
    },
    select: { id: true },
  });
  return clearance.id;
}
