// Runs the e2e S3 server until Playwright stops it: `npx tsx e2e/s3-server.ts`.
import fs from "node:fs";
import { startS3Server } from "../test/s3-server";
import { e2eS3 } from "./s3";

fs.mkdirSync(e2eS3.directory, { recursive: true });
const server = await startS3Server({ bucket: e2eS3.bucket, port: e2eS3.port, directory: e2eS3.directory });
console.log(`S3 server (s3rver) for the e2e run at ${server.settings.endpoint}, bucket ${e2eS3.bucket}, in ${e2eS3.directory}`);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
