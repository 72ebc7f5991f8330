// The HTTP server `npm start` runs: Next's request handler behind a plain Node server, for one reason (ADR 0010):
// the app must know the TCP peer's address, and Next's route handlers never see the socket. Every request gets
// `x-clinic-peer: <req.socket.remoteAddress>`, after any copy the client sent is removed; lib/http/client-address.ts
// reads it (and X-Forwarded-For only from TRUSTED_PROXIES). Plain JavaScript: Node runs it without a loader.
import { createServer } from "node:http";
import next from "next";

export const PEER_HEADER = "x-clinic-peer";

/** Replaces whatever the client wrote in the peer header with the socket's own address. */
export function stampPeer(req) {
  delete req.headers[PEER_HEADER];
  const raw = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() !== PEER_HEADER) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  req.rawHeaders.length = 0;
  req.rawHeaders.push(...raw);
  const peer = req.socket.remoteAddress;
  if (peer) {
    req.headers[PEER_HEADER] = peer;
    req.rawHeaders.push(PEER_HEADER, peer);
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const port = Number(process.env.PORT ?? 3000);
  const app = next({ dev: false, dir: process.cwd(), port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    stampPeer(req);
    handle(req, res);
  });
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (req, socket, head) => {
    stampPeer(req);
    upgrade(req, socket, head);
  });
  server.listen(port, () => console.log(`Serving on http://localhost:${port}`));
}
