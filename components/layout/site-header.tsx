import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/guards";
import { ROLE_HOME, ROLE_LABEL } from "@/lib/auth/roles";

export async function SiteHeader() {
  const user = await getCurrentUser();
  return (
    <header className="border-b border-line bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-sage-800">
          Back-care Massage Clinic
        </Link>
        <nav aria-label="Main">
          <ul className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm font-medium sm:gap-x-4">
            <li>
              <Link className="underline-offset-4 hover:underline" href="/#massage-types">
                Massage types
              </Link>
            </li>
            <li>
              <Link className="underline-offset-4 hover:underline" href="/self-care">
                Self-care
              </Link>
            </li>
            {user ? (
              <>
                <li>
                  <Link className="underline-offset-4 hover:underline" href={ROLE_HOME[user.role]}>
                    My page <span className="sr-only">({ROLE_LABEL[user.role]})</span>
                  </Link>
                </li>
                <li>
                  <Link className="underline-offset-4 hover:underline" href="/account">
                    Account
                  </Link>
                </li>
                <li>
                  <Link className="underline-offset-4 hover:underline" href="/sign-out">
                    Sign out
                  </Link>
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link className="underline-offset-4 hover:underline" href="/sign-in">
                    Sign in
                  </Link>
                </li>
                <li>
                  <Link
                    className="rounded-lg bg-sage-700 px-2.5 py-1.5 text-white hover:bg-sage-800"
                    href="/sign-up"
                  >
                    Create account
                  </Link>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}
