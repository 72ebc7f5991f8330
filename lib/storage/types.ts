// Where clearance documents live. The database keeps the metadata and the
// SHA-256; a store keeps only bytes under keys we generated (never a name a
// person typed). The local folder is the default; docs/decisions/0005 says how
// an S3-compatible store implements the same three calls.

export interface DocumentStorage {
  /** For logs: "local folder /srv/clinic/.data/documents". */
  readonly name: string;
  /**
   * Stores the bytes under `key`. Nothing is visible under the key until every
   * byte is written: if `data` throws part-way (too large, interrupted), the
   * partial write is removed and the error is rethrown.
   */
  put(key: string, data: AsyncIterable<Uint8Array> | Buffer): Promise<void>;
  /** The bytes under `key`; NotFound-like errors are the caller's to map. */
  get(key: string): Promise<ReadableStream<Uint8Array> | Buffer>;
  /** Removes the bytes under `key`; a key that holds nothing is not an error. */
  delete(key: string): Promise<void>;
}
