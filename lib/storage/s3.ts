// Documents as objects in one private S3-compatible bucket (AWS S3, MinIO,
// Ceph, R2 …), so several app instances on different machines share them.
// The same three calls and the same guarantees as the local folder:
//
// - Keys are ours (the same check as the folder) and become the object names.
// - put collects the bytes first and sends them in one PutObject: documents are
//   at most 10 MB (the upload path stops a larger one before it gets here), and
//   a stream that fails part-way therefore never sends anything, so nothing
//   appears under the key. PutObject itself is all-or-nothing.
// - Every object asks for server-side encryption (AES256) and gets no ACL: the
//   bucket stays private and is never served directly (no presigned URLs;
//   every read passes the download route's authorisation, hash check and audit).
// - Checksums only when an operation requires them: some S3-compatible servers
//   store the SDK's aws-chunked checksum framing as part of the object.
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3Settings } from "@/lib/env";
import { assertStorageKey } from "./keys";
import type { DocumentStorage } from "./types";

export function s3Storage(settings: S3Settings): DocumentStorage {
  const client = new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
  });
  const { bucket } = settings;
  const objectKey = (key: string) => {
    assertStorageKey(key);
    return key;
  };

  return {
    name: `S3 bucket ${bucket}${settings.endpoint ? ` at ${new URL(settings.endpoint).host}` : ` in ${settings.region}`}`,

    async put(key, data) {
      const Key = objectKey(key);
      const body = Buffer.isBuffer(data) ? data : await collect(data);
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key,
          Body: body,
          ContentLength: body.length,
          ContentType: "application/octet-stream",
          ServerSideEncryption: "AES256",
        }),
      );
    },

    async get(key) {
      const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
      if (!response.Body) throw new Error(`S3 returned no body for ${key}`);
      return response.Body.transformToWebStream() as ReadableStream<Uint8Array>;
    },

    async delete(key) {
      // S3 answers 204 for a key that holds nothing.
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    },
  };
}

async function collect(data: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of data) parts.push(part);
  return Buffer.concat(parts);
}
