// TRUSTED_PROXIES: which proxies in front of the app may say who the client is (ADR 0010). Pure, so lib/env.ts can
// validate the setting with it and lib/http/client-address.ts can use it.
import { BlockList, isIP } from "node:net";

export type TrustedProxies =
  | { kind: "none" }
  /** This many proxies, each appending to X-Forwarded-For, stand between the clients and the app. */
  | { kind: "hops"; hops: number }
  /** The proxies' own addresses (single addresses or CIDR ranges, IPv4 or IPv6). */
  | { kind: "list"; list: BlockList; entries: string[] };

export const TRUSTED_PROXIES_FORMAT = "must be a number of proxy hops (1-10) or a comma-separated list of addresses or CIDR ranges, e.g. 10.0.0.0/8,::1";

/** An address as the app compares it: IPv4-mapped IPv6 as plain IPv4, an IPv4 `:port` suffix dropped; null if not an IP. */
export function normalAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  let address = value.trim().replace(/^\[(.*)\](?::\d+)?$/, "$1");
  if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(address)) address = address.slice(7);
  return isIP(address) ? address : null;
}

export function parseTrustedProxies(value: string | undefined): TrustedProxies | null {
  const text = value?.trim() ?? "";
  if (text === "") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && hops <= 10 ? { kind: "hops", hops } : hops === 0 ? { kind: "none" } : null;
  }
  const list = new BlockList();
  const entries = text.split(",").map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split("/");
    const ip = normalAddress(address);
    if (!ip || extra !== undefined) return null;
    const type = isIP(ip) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) {
      list.addAddress(ip, type);
      continue;
    }
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!(bits >= 0 && bits <= (type === "ipv4" ? 32 : 128))) return null;
    list.addSubnet(ip, bits, type);
  }
  return entries.length ? { kind: "list", list, entries } : { kind: "none" };
}

export function isTrustedProxy(trusted: TrustedProxies, address: string): boolean {
  if (trusted.kind !== "list") return false;
  return trusted.list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}
