import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import { failureOf } from "@/test/errors";
import { countedStreamingUpload, MULTIPART_TYPE, multipartBody, partHead, samplePdf, type Part } from "./upload-samples";
import { MULTIPART_OVERHEAD_BYTES, withUploadedFile, type MultipartFile } from "./upload-multipart";

const LIMIT = 10 * 1024 * 1024;

function post(body: Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string> = { "content-type": MULTIPART_TYPE }) {
  return new Request("http://clinic.test/api/v1/clearances/x/documents", {
    method: "POST",
    body: body instanceof ReadableStream ? body : new Uint8Array(body),
    headers,
    duplex: "half",
  } as RequestInit);
}

async function collect(file: MultipartFile) {
  const parts: Uint8Array[] = [];
  for await (const chunk of file.content) parts.push(chunk);
  return { filename: file.filename, declaredType: file.declaredType, bytes: Buffer.concat(parts) };
}

/** A body that counts how much of it was ever read. */
function counted(bytes: Buffer) {
  const counter = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= bytes.length) return controller.close();
        const piece = bytes.subarray(counter.pulled, counter.pulled + 16 * 1024);
        counter.pulled += piece.length;
        controller.enqueue(new Uint8Array(piece));
      },
    },
    { highWaterMark: 0 },
  );
  return { body, counter };
}

const statusOf = async (work: () => Promise<unknown>) => {
  const error = await failureOf(work);
  expect(error).toBeInstanceOf(AppError);
  const { status, code, message } = error as AppError;
  return { status, code, message };
};

describe("withUploadedFile", () => {
  test("hands over the file in field 'file' as it streams, with the browser's name and type (other fields ignored)", async () => {
    const pdf = samplePdf();
    const parts: Part[] = [
      { name: "note", data: "from the patient" },
      { name: "file", filename: "clearance letter.pdf", type: "application/pdf", data: pdf },
    ];
    const result = await withUploadedFile(post(multipartBody(parts)), { maxFileBytes: LIMIT }, collect);
    expect(result).toEqual({ filename: "clearance letter.pdf", declaredType: "application/pdf", bytes: pdf });
  });

  test("a file of exactly the limit is taken whole; one byte more is 413", async () => {
    const exact = Buffer.alloc(1000, 7);
    const ok = await withUploadedFile(post(multipartBody([{ name: "file", filename: "a.pdf", data: exact }])), { maxFileBytes: 1000 }, collect);
    expect(ok.bytes.equals(exact)).toBe(true);
    const over = multipartBody([{ name: "file", filename: "a.pdf", data: Buffer.alloc(1001, 7) }]);
    expect(await statusOf(() => withUploadedFile(post(over), { maxFileBytes: 1000 }, collect))).toMatchObject({ status: 413, code: "too_large" });
  });

  test("11 MB without a Content-Length: 413, and the body is not read much past 10 MB", async () => {
    const { body, counter } = countedStreamingUpload(11 * 1024 * 1024);
    const failure = await statusOf(() => withUploadedFile(post(body), { maxFileBytes: LIMIT }, collect));
    expect(failure).toMatchObject({ status: 413, code: "too_large" });
    expect(failure.message).toMatch(/larger than 10 MB/);
    expect(counter.pulled).toBeLessThan(counter.total);
    // Stops within a chunk or two of the limit (64 KiB pieces here).
    expect(counter.pulled).toBeLessThan(LIMIT + 128 * 1024);
  });

  test("an answer given before the body was read to its end says Connection: close; one after a whole body does not", async () => {
    const { body } = countedStreamingUpload(11 * 1024 * 1024);
    const error = await failureOf(() => withUploadedFile(post(body), { maxFileBytes: LIMIT }, collect));
    expect(error).toMatchObject({ status: 413, headers: { Connection: "close" } });

    const whole = multipartBody([{ name: "file", filename: "a.pdf", data: samplePdf() }]);
    const answer = await withUploadedFile(post(whole), { maxFileBytes: LIMIT }, async (file) => {
      await collect(file);
      return Response.json({ ok: true }, { status: 201 });
    });
    expect(answer.headers.get("connection")).toBeNull();
  });

  test("parts after the file are not read past the whole-body bound", async () => {
    const head = multipartBody([{ name: "file", filename: "a.pdf", data: samplePdf() }]).subarray(0, -`--\r\n`.length);
    const counter = { pulled: 0 };
    const total = head.length + 11 * 1024 * 1024;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          const piece = counter.pulled === 0 ? Buffer.concat([head, Buffer.from(`\r\nContent-Disposition: form-data; name="junk"\r\n\r\n`)]) : Buffer.alloc(64 * 1024, 0x41);
          if (counter.pulled >= total) return controller.close();
          counter.pulled += piece.length;
          controller.enqueue(new Uint8Array(piece));
        },
      },
      { highWaterMark: 0 },
    );
    const answer = await withUploadedFile(post(body), { maxFileBytes: LIMIT }, async (file) => {
      expect((await collect(file)).bytes.equals(samplePdf())).toBe(true);
      return Response.json({ ok: true }, { status: 201 });
    });
    expect(answer.headers.get("connection")).toBe("close");
    expect(counter.pulled).toBeLessThan(LIMIT + MULTIPART_OVERHEAD_BYTES + 128 * 1024);
  });

  test("a Content-Length over the limit (plus framing) is 413 before a byte is read", async () => {
    const { body, counter } = counted(multipartBody([{ name: "file", filename: "a.pdf", data: samplePdf() }]));
    const headers = { "content-type": MULTIPART_TYPE, "content-length": String(LIMIT + MULTIPART_OVERHEAD_BYTES + 1) };
    let consumed = false;
    const failure = await statusOf(() =>
      withUploadedFile(post(body, headers), { maxFileBytes: LIMIT }, async () => {
        consumed = true;
      }),
    );
    expect(failure).toMatchObject({ status: 413, code: "too_large" });
    expect(consumed).toBe(false);
    expect(counter.pulled).toBe(0);
  });

  test.each([
    ["JSON", "application/json"],
    ["a urlencoded form", "application/x-www-form-urlencoded"],
    ["a bare PDF", "application/pdf"],
    ["multipart without a boundary", "multipart/form-data"],
    ["no content type", ""],
  ])("%s is 415 with the documented error, before the body is read", async (_, contentType) => {
    const { body, counter } = counted(samplePdf());
    const headers: Record<string, string> = contentType ? { "content-type": contentType } : {};
    const failure = await statusOf(() => withUploadedFile(post(body, headers), { maxFileBytes: LIMIT }, collect));
    expect(failure).toEqual({ status: 415, code: "unsupported_type", message: expect.stringMatching(/multipart\/form-data.*"file"/) });
    expect(counter.pulled).toBe(0);
  });

  test("a form without a file, or with the file in another field, is 422 on 'file'", async () => {
    for (const parts of [
      [{ name: "note", data: "no file here" }],
      [{ name: "document", filename: "a.pdf", type: "application/pdf", data: samplePdf() }],
    ] satisfies Part[][]) {
      const error = await failureOf(() => withUploadedFile(post(multipartBody(parts)), { maxFileBytes: LIMIT }, collect));
      expect(error).toMatchObject({ status: 422, code: "validation", fields: { file: "Choose a file to upload." } });
    }
  });

  test("an upload that breaks off in the middle of the file is 400, not a file", async () => {
    const broken = Buffer.concat([Buffer.from(partHead({ name: "file", filename: "a.pdf" }), "latin1"), samplePdf().subarray(0, 100)]);
    const failure = await statusOf(() => withUploadedFile(post(broken), { maxFileBytes: LIMIT }, collect));
    expect(failure).toMatchObject({ status: 400, code: "malformed_upload" });
  });

  test("a UTF-8 file name arrives as written", async () => {
    const body = multipartBody([{ name: "file", filename: "Überweisung für Dr. Müller 受診.pdf", data: samplePdf() }]);
    const result = await withUploadedFile(post(body), { maxFileBytes: LIMIT }, collect);
    expect(result.filename).toBe("Überweisung für Dr. Müller 受診.pdf");
  });

  test("busboy keeps only the last segment of a path-like file name", async () => {
    const body = multipartBody([{ name: "file", filename: "../../x.pdf", data: samplePdf() }]);
    const result = await withUploadedFile(post(body), { maxFileBytes: LIMIT }, collect);
    expect(result.filename).toBe("x.pdf");
  });

  test("a consumer that refuses early stops the reading: the rest of the body is never pulled", async () => {
    const { body, counter } = countedStreamingUpload(5 * 1024 * 1024);
    const error = await failureOf(() =>
      withUploadedFile(post(body), { maxFileBytes: LIMIT }, async (file) => {
        for await (const chunk of file.content) if (chunk.length) break;
        throw new Error("refused after the first bytes");
      }),
    );
    expect((error as Error).message).toBe("refused after the first bytes");
    expect(counter.pulled).toBeLessThan(1024 * 1024);
  });
});
