import Link from "next/link";

export function BackLink({ href, children }: { href: string; children: string }) {
  return (
    <p className="mb-3 text-sm">
      <Link href={href} className="text-sage-800 underline underline-offset-4">
        <span aria-hidden="true">← </span>
        {children}
      </Link>
    </p>
  );
}
