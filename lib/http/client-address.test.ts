import { describe, expect, test } from "vitest";
import { parseEnv } from "@/lib/env";
import { stampPeer } from "@/scripts/serve.mjs";
import { clientAddress, clientAddressWith, PEER_HEADER, UNKNOWN_ADDRESS } from "./client-address";
import { normalAddress, parseTrustedProxies, type TrustedProxies } from "./trusted-proxies";

const trusted = (value: string) => parseTrustedProxies(value) as TrustedProxies;
const from = (peer: string | null, forwarded?: string, extra: Record<string, string> = {}) =>
  new Headers({ ...(peer ? { [PEER_HEADER]: peer } : {}), ...(forwarded ? { "x-forwarded-for": forwarded } : {}), ...extra });

describe("without trusted proxies", () => {
  test("the TCP peer is the address; X-Forwarded-For and X-Real-IP written by the client change nothing", () => {
    const spoofed = from("192.0.2.7", "203.0.113.9, 10.0.0.1", { "x-real-ip": "198.51.100.4" });
    expect(clientAddress(spoofed)).toBe("192.0.2.7");
    expect(clientAddressWith(spoofed, trusted(""))).toBe("192.0.2.7");
  });

  test("without a peer (not served by scripts/serve.mjs) every caller is the same unknown, whatever it claims", () => {
    expect(clientAddress(from(null, "203.0.113.9", { "x-real-ip": "203.0.113.10" }))).toBe(UNKNOWN_ADDRESS);
  });

  test("IPv4-mapped IPv6 peers read as IPv4", () => {
    expect(clientAddress(from("::ffff:127.0.0.1"))).toBe("127.0.0.1");
  });
});

describe("TRUSTED_PROXIES as a hop count", () => {
  test("reads X-Forwarded-For from the right, skipping one entry per proxy", () => {
    expect(clientAddressWith(from("10.0.0.2", "198.51.100.1, 203.0.113.5"), trusted("1"))).toBe("203.0.113.5");
    expect(clientAddressWith(from("10.0.0.2", "198.51.100.1, 203.0.113.5, 10.0.0.1"), trusted("2"))).toBe("203.0.113.5");
  });

  test("entries the client wrote to the left of the proxies' own never win", () => {
    const headers = from("10.0.0.2", "1.1.1.1, 2.2.2.2, 203.0.113.5");
    expect(clientAddressWith(headers, trusted("1"))).toBe("203.0.113.5");
  });
});

describe("TRUSTED_PROXIES as addresses and ranges", () => {
  const proxies = trusted("10.0.0.0/8, 2001:db8::/32, 192.0.2.1");

  test("a peer that is not a trusted proxy is the client, X-Forwarded-For or not", () => {
    expect(clientAddressWith(from("203.0.113.50", "198.51.100.1"), proxies)).toBe("203.0.113.50");
  });

  test("from a trusted proxy, the rightmost entry that is not one of them", () => {
    expect(clientAddressWith(from("10.1.2.3", "1.1.1.1, 203.0.113.5, 192.0.2.1, 10.9.9.9"), proxies)).toBe("203.0.113.5");
    expect(clientAddressWith(from("2001:db8::1", "2001:db9::9, 2001:db8:ffff::9"), proxies)).toBe("2001:db9::9");
  });

  test("garbage in the chain stops the walk at the last trusted hop", () => {
    expect(clientAddressWith(from("10.1.2.3", "203.0.113.5, not-an-ip"), proxies)).toBe("10.1.2.3");
  });
});

test("the setting is validated: hop counts 0-10, addresses and CIDR ranges", () => {
  expect(parseTrustedProxies(undefined)).toEqual({ kind: "none" });
  expect(parseTrustedProxies("0")).toEqual({ kind: "none" });
  expect(parseTrustedProxies("2")).toEqual({ kind: "hops", hops: 2 });
  for (const bad of ["11", "10.0.0.0/33", "fe80::/129", "proxy.internal", "10.0.0.1/8/2"]) expect(parseTrustedProxies(bad), bad).toBeNull();
  expect(() => parseEnv({ TRUSTED_PROXIES: "proxy.internal" } as unknown as NodeJS.ProcessEnv)).toThrow(/TRUSTED_PROXIES must be a number of proxy hops/);
  expect(parseEnv({ TRUSTED_PROXIES: "10.0.0.0/8" } as unknown as NodeJS.ProcessEnv).TRUSTED_PROXIES).toBe("10.0.0.0/8");
  expect(normalAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
  expect(normalAddress("203.0.113.5:8080")).toBe("203.0.113.5");
});

test("scripts/serve.mjs replaces a client's x-clinic-peer with the socket's address", () => {
  const req = {
    headers: { host: "clinic.test", [PEER_HEADER]: "192.0.2.99" },
    rawHeaders: ["Host", "clinic.test", "X-Clinic-Peer", "192.0.2.99"],
    socket: { remoteAddress: "203.0.113.70" },
  };
  stampPeer(req);
  expect(req.headers[PEER_HEADER]).toBe("203.0.113.70");
  expect(req.rawHeaders).toEqual(["Host", "clinic.test", PEER_HEADER, "203.0.113.70"]);
});
