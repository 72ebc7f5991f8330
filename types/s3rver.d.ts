// The part of s3rver's API that test/s3-server.ts uses (it ships no types).
declare module "s3rver" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: Array<{ name: string; configs?: Array<string | Buffer> }>;
  }

  export default class S3rver {
    constructor(options?: S3rverOptions);
    /** The request handler, for a server of one's own. */
    getMiddleware(): (request: IncomingMessage, response: ServerResponse) => void;
    configureBuckets(): Promise<void>;
  }
}
