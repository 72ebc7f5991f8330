import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { SiteFooterContact } from "@/components/layout/site-footer-contact";
import { SiteHeader } from "@/components/layout/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Back-care Massage Clinic", template: "%s · Back-care Massage Clinic" },
  description: "Massage therapy for recent and chronic back pain, with certified therapists and physician clearance where it is needed.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: only then can Next.js put this request's CSP nonce on its scripts (proxy.ts).
  await connection();
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col font-sans">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2"
        >
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:py-10">
          {children}
        </main>
        <footer className="border-t border-line bg-white">
          <div className="mx-auto flex max-w-5xl flex-wrap justify-between gap-x-6 gap-y-2 px-4 py-4 text-sm text-muted">
            <SiteFooterContact />
            <p>Massage is not a substitute for medical care. If your pain is severe or sudden, see a doctor.</p>
            <Link className="underline underline-offset-4" href="/developers">
              API for developers
            </Link>
            <Link className="underline underline-offset-4" href="/privacy">
              Privacy
            </Link>
          </div>
        </footer>
      </body>
    </html>
  );
}
