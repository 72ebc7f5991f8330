// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite ships its WASM and extension bundles as files next to its code, and
  // argon2 is a native addon: both must be loaded by Node, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2"],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          // Our own pages may frame our documents (the physician's PDF preview); CSP frame-ancestors says the same (proxy.ts).
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
