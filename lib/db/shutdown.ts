// Closes the database cleanly on SIGTERM/SIGINT: PGlite must flush its WAL to
// DATA_DIR before the process ends. Registered once per server process.
import { stopJobLoop } from "@/lib/jobs/run";
import { closeDb } from "./index";

let closing = false;

function shutdown(signal: NodeJS.Signals) {
  if (closing) return;
  closing = true;
  // Background jobs first: a mail run in progress finishes before its database goes.
  stopJobLoop()
    .catch((error: unknown) => console.error("Stopping the background jobs failed:", error))
    .then(() => closeDb())
    .catch((error: unknown) => console.error("Closing the database failed:", error))
    .finally(() => process.exit(signal === "SIGINT" ? 130 : 0));
}

process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
