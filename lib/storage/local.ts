// Documents as files in one folder (by default DATA_DIR/documents, outside
// public/ so Next never serves them). Folder 0700, files 0600: only the app's
// own account reads them. Each put writes a hidden temporary file and renames
// it into place, so a reader never sees half a document.
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertStorageKey } from "./keys";
import type { DocumentStorage } from "./types";

const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

export function localFolderStorage(dir: string): DocumentStorage {
  const root = path.resolve(dir);
  let ready: Promise<void> | undefined;

  const ensureFolder = () => {
    ready ??= (async () => {
      await fs.mkdir(root, { recursive: true, mode: FOLDER_MODE });
      // mkdir leaves an existing folder's mode alone; the documents folder is ours alone either way.
      await fs.chmod(root, FOLDER_MODE);
    })().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };

  const fileFor = (key: string) => {
    assertStorageKey(key);
    return path.join(root, key);
  };

  return {
    name: `local folder ${root}`,

    async put(key, data) {
      const target = fileFor(key);
      await ensureFolder();
      // Starts with a dot and carries a suffix, so it can never pass as a key.
      const temporary = path.join(root, `.${key}.${randomBytes(6).toString("hex")}.partial`);
      try {
        if (Buffer.isBuffer(data)) {
          await fs.writeFile(temporary, data, { flag: "wx", mode: FILE_MODE });
        } else {
          await pipeline(Readable.from(data), createWriteStream(temporary, { flags: "wx", mode: FILE_MODE }));
        }
        await fs.rename(temporary, target);
      } catch (error) {
        await fs.rm(temporary, { force: true });
        throw error;
      }
    },

    async get(key) {
      return fs.readFile(fileFor(key));
    },

    async delete(key) {
      await fs.rm(fileFor(key), { force: true });
    },
  };
}
