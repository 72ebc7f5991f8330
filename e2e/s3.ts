// The S3 server the e2e run shares between app instances when it runs on
// PostgreSQL (the multi-instance spec proves a document uploaded on one
// instance downloads on the other). playwright.config.ts starts it before the
// app (e2e/s3-server.ts); the spec hands the same S3_* to its second instance.
import path from "node:path";

const appPort = Number(process.env.E2E_PORT ?? 3100);

export const e2eS3 = {
  /** Two past the app's port: the second instance has the one in between. */
  port: Number(process.env.E2E_S3_PORT ?? appPort + 2),
  bucket: "clinic-e2e-documents",
  /** Where s3rver keeps the bucket: beside the app's data, emptied with it. */
  directory: path.resolve(process.env.E2E_DATA_DIR ?? ".data-e2e", "s3rver"),
};

/** The app's S3_* configuration for that server (s3rver's built-in credentials). */
export const e2eS3Env: Record<string, string> = {
  S3_BUCKET: e2eS3.bucket,
  S3_ENDPOINT: `http://127.0.0.1:${e2eS3.port}`,
  S3_REGION: "us-east-1",
  S3_ACCESS_KEY_ID: "S3RVER",
  S3_SECRET_ACCESS_KEY: "S3RVER",
  S3_FORCE_PATH_STYLE: "true",
};
