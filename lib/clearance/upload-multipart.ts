// Reads the one file of a multipart/form-data upload as it arrives, straight
// from the request body, and hands it on as a stream: nothing is buffered whole,
// and nothing is read past the size limit. Kept apart from the route so it can
// be tested with a plain Request.
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { AppError, BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from "@/lib/errors";

/** Room for the multipart framing (boundaries, part headers) around a file at the limit. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export interface MultipartFile {
  /** The file's bytes as they arrive; throws 413 past the limit, 400 if the upload breaks off. */
  content: AsyncIterable<Uint8Array>;
  filename: string;
  declaredType: string;
}

export interface MultipartOptions {
  maxFileBytes: number;
  /** The form field that carries the file. */
  field?: string;
}

const NOT_MULTIPART = 'Send the document as multipart/form-data, with the file in the field "file".';

function tooLarge(maxFileBytes: number) {
  return new PayloadTooLargeError(
    `This file is larger than ${Math.round(maxFileBytes / (1024 * 1024))} MB. Upload a smaller scan or photo of the clearance (a PDF, JPEG or PNG).`,
  );
}

/**
 * Parses the request's body and calls `consume` with the file in `field` once
 * its part begins. Refuses before reading anything when the request is not
 * multipart (415) or says it is larger than the limit allows (413). When the
 * file passes the limit, or `consume` fails, reading stops there: the rest of
 * the body is never read, and the answer (a Response returned by `consume`, or
 * the AppError thrown) says `Connection: close`, since the unread rest still
 * sits on the connection. After a whole file only the closing boundary is read.
 */
export async function withUploadedFile<T>(
  request: Request,
  options: MultipartOptions,
  consume: (file: MultipartFile) => Promise<T>,
): Promise<T> {
  const { maxFileBytes, field = "file" } = options;
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !/;\s*boundary=/i.test(contentType)) {
    throw new UnsupportedMediaTypeError(NOT_MULTIPART);
  }
  const declaredLength = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declaredLength) && declaredLength > maxFileBytes + MULTIPART_OVERHEAD_BYTES) {
    throw tooLarge(maxFileBytes);
  }
  if (!request.body) throw new BadRequestError("missing_body", NOT_MULTIPART);

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send the file name as raw UTF-8 inside filename="..."; busboy's default reads it as Latin-1.
      defParamCharset: "utf8",
      // One byte over the limit marks the file truncated: a file of exactly the limit is accepted.
      limits: { fileSize: maxFileBytes + 1, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
    });
  } catch {
    throw new UnsupportedMediaTypeError(NOT_MULTIPART);
  }

  const source = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
  let stopped = false;
  let bodyEnded = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    source.unpipe(parser);
    source.pause();
  };
  source.once("end", () => (bodyEnded = true));
  // A hard bound on the whole body, so parts after the file (or a chunked body without end) are not read forever.
  let bodyBytes = 0;
  source.on("data", (chunk: Uint8Array) => {
    bodyBytes += chunk.length;
    if (bodyBytes > maxFileBytes + MULTIPART_OVERHEAD_BYTES) {
      stop();
      parser.destroy(tooLarge(maxFileBytes));
    }
  });

  try {
    const file = await new Promise<{ stream: Readable & { truncated?: boolean }; info: busboy.FileInfo }>((resolve, reject) => {
      let found = false;
      parser.on("file", (name, stream, info) => {
        if (found || name !== field) {
          stream.resume();
          return;
        }
        found = true;
        stream.once("limit", stop);
        resolve({ stream, info });
      });
      parser.on("error", (error) => reject(malformed(error)));
      parser.on("close", () => reject(new ValidationError("Choose a file to upload.", { file: "Choose a file to upload." })));
      source.on("error", (error) => reject(malformed(error)));
      source.pipe(parser);
    });
    // After the file part began, a broken form surfaces as an error of the file's stream.
    parser.on("error", (error) => file.stream.destroy(malformed(error)));
    source.on("error", (error) => file.stream.destroy(malformed(error)));
    const result = await consume({
      content: guarded(file.stream, maxFileBytes),
      filename: file.info.filename ?? "",
      declaredType: file.info.mimeType ?? "",
    });
    // The file is whole; what follows it is the closing boundary (bounded above): read it so the connection stays usable.
    if (!stopped) await ended(source, parser);
    if (!bodyEnded && result instanceof Response) result.headers.set("Connection", "close");
    return result;
  } catch (error) {
    // Reading stopped part-way: the rest of the body is still on the connection, so it must not carry another request.
    if (!bodyEnded && error instanceof AppError) error.headers = { ...error.headers, Connection: "close" };
    throw error;
  } finally {
    stop();
  }
}

function ended(source: Readable, parser: busboy.Busboy): Promise<void> {
  return new Promise((resolve) => {
    if (source.readableEnded) return resolve();
    parser.once("close", resolve);
    parser.once("error", () => resolve());
    source.once("error", () => resolve());
    source.once("close", resolve);
  });
}

async function* guarded(stream: Readable & { truncated?: boolean }, maxFileBytes: number): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) {
      // Set with the chunk that reached the limit; the stream would not end after it, since reading stopped.
      if (stream.truncated) break;
      yield chunk as Uint8Array;
    }
  } catch (error) {
    throw malformed(error);
  }
  if (stream.truncated) throw tooLarge(maxFileBytes);
}

function malformed(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new BadRequestError("malformed_upload", "The upload was incomplete or not valid multipart/form-data. Please try again.");
}
