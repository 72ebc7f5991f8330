// Who is asking: the address sign-in and registration throttling count, and the audit log records (ADR 0010).
//
// The address is the TCP peer's. Next's route handlers do not see the socket, so the server `npm start` runs
// (scripts/serve.mjs) deletes any incoming `x-clinic-peer` header and sets it to `req.socket.remoteAddress`.
// X-Forwarded-For is read only when the peer is a trusted proxy (TRUSTED_PROXIES), from the right: each proxy
// appends the address it was connected from, and only the entries the trusted proxies wrote can be believed.
// Whatever a client writes in X-Forwarded-For (or X-Real-IP) never moves it to another address.
import { getEnv } from "@/lib/env";
import { isTrustedProxy, normalAddress, parseTrustedProxies, type TrustedProxies } from "./trusted-proxies";

/** Set by scripts/serve.mjs from the socket; any copy a client sends is removed there first. */
export const PEER_HEADER = "x-clinic-peer";

/** Without a peer (not served by `npm start`: `next dev`, a test calling a handler) every caller is one "unknown". */
export const UNKNOWN_ADDRESS = "unknown";

function forwardedChain(headers: Headers): string[] {
  return (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export function clientAddressWith(headers: Headers, trusted: TrustedProxies): string {
  const peer = normalAddress(headers.get(PEER_HEADER));
  if (!peer) return UNKNOWN_ADDRESS;
  if (trusted.kind === "none") return peer;
  const chain = forwardedChain(headers);
  if (trusted.kind === "hops") {
    // [client, proxy 1, …, proxy n-1] from X-Forwarded-For, then proxy n as the peer: skip n from the right.
    const addresses = [...chain, peer];
    const candidate = addresses[Math.max(0, addresses.length - 1 - trusted.hops)];
    return normalAddress(candidate) ?? peer;
  }
  if (!isTrustedProxy(trusted, peer)) return peer;
  let nearest = peer;
  for (const entry of chain.reverse()) {
    const address = normalAddress(entry);
    if (!address) return nearest; // garbage a trusted proxy passed on from the left: believe no further
    if (!isTrustedProxy(trusted, address)) return address;
    nearest = address;
  }
  return nearest;
}

let trustedFromEnv: TrustedProxies | undefined;

/** The caller's address, by the rule above and the configured TRUSTED_PROXIES. */
export function clientAddress(headers: Headers): string {
  trustedFromEnv ??= parseTrustedProxies(getEnv().TRUSTED_PROXIES) ?? { kind: "none" };
  return clientAddressWith(headers, trustedFromEnv);
}
