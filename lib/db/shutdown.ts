// Closes the database cleanly on SIGTERM/SIGINT: PGlite must flush its WAL to
// DATA_DIR before the process ends. Registered once per server process.
import { closeDb } from "./index";

let closing = false;

function shutdown(signal: NodeJS.Signals) {
  if (closing) return;
  closing = true;
  closeDb()
    .catch((error: unknown) => console.error("Closing the database failed:", error))
    .finally(() => process.exit(signal === "SIGINT" ? 130 : 0));
}

process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
