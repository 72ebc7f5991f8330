// A real S3 protocol server for tests (s3rver) on a loopback port, keeping its
// objects in a temporary folder, with the bucket already made. Every request's
// method, path and headers are kept, so a test can see what the client asked for.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import type { S3Settings } from "@/lib/env";

/** s3rver checks signatures against these (its built-in account). */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

export interface S3TestServer {
  /** Settings for s3Storage(): path-style, loopback endpoint, s3rver's credentials. */
  settings: S3Settings;
  /** The same as S3_* environment variables, for an app instance. */
  env: Record<string, string>;
  /** Where s3rver keeps the bucket's objects. */
  directory: string;
  requests: Array<{ method: string; path: string; headers: http.IncomingHttpHeaders }>;
  close(): Promise<void>;
}

export async function startS3Server(options: { bucket?: string; port?: number; directory?: string } = {}): Promise<S3TestServer> {
  const bucket = options.bucket ?? "clinic-documents";
  const directory = options.directory ?? fs.mkdtempSync(path.join(os.tmpdir(), "clinic-s3rver-"));
  const ownsDirectory = options.directory === undefined;
  const s3rver = new S3rver({ silent: true, directory, vhostBuckets: false, configureBuckets: [{ name: bucket }] });
  await s3rver.configureBuckets();

  const requests: S3TestServer["requests"] = [];
  const handle = s3rver.getMiddleware();
  const server = http.createServer((request, response) => {
    requests.push({ method: request.method ?? "", path: request.url ?? "", headers: request.headers });
    if (request.method === "PUT") answerOnceWritten(request, response, directory);
    handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const settings: S3Settings = { bucket, endpoint, region: "us-east-1", forcePathStyle: true, ...S3RVER_CREDENTIALS };

  return {
    settings,
    env: {
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_REGION: settings.region,
      S3_ACCESS_KEY_ID: settings.accessKeyId,
      S3_SECRET_ACCESS_KEY: settings.secretAccessKey,
      S3_FORCE_PATH_STYLE: "true",
    },
    directory,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsDirectory) fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * s3rver answers a PutObject when it has read the body, before its file is
 * flushed, so a read right after could see a short object. Like a real S3
 * (durable when it answers), hold the answer until the file has every byte.
 */
function answerOnceWritten(request: http.IncomingMessage, response: http.ServerResponse, directory: string): void {
  const objectPath = decodeURIComponent(new URL(request.url ?? "/", "http://s3").pathname).split("/").filter(Boolean);
  const length = Number(request.headers["content-length"]);
  if (objectPath.length < 2 || !Number.isFinite(length)) return;
  const file = path.join(directory, ...objectPath.slice(0, -1), `${objectPath.at(-1)}._S3rver_object`);
  const end = response.end.bind(response) as (...args: unknown[]) => http.ServerResponse;
  (response as { end: (...args: unknown[]) => http.ServerResponse }).end = (...args: unknown[]) => {
    const deadline = Date.now() + 5_000;
    const check = () => {
      const written = fs.existsSync(file) ? fs.statSync(file).size : -1;
      if (response.statusCode >= 300 || written === length || Date.now() > deadline) end(...args);
      else setTimeout(check, 2);
    };
    check();
    return response;
  };
}

