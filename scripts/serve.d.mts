// Types of scripts/serve.mjs for the tests that import it.
export declare const PEER_HEADER: "x-clinic-peer";
export declare function stampPeer(req: {
  headers: Record<string, string | string[] | undefined>;
  rawHeaders: string[];
  socket: { remoteAddress?: string };
}): void;
