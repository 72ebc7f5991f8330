// next-auth (v5) with email + password and JWT sessions that carry the role.
// The config is lazy so the secret and the database are resolved at request
// time, never during `next build`.
import "server-only";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import { checkCredentials } from "./credentials";
import { resolveAuthSecret } from "./secret";
import { claimsOf, endSessionsOnSignOut, epochSeconds, userForSession } from "./sessions";
import { clientAddress } from "./throttle";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }
  interface User {
    role?: Role;
    sessionVersion?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    /** The user's sessionVersion at sign-in (lib/auth/sessions.ts). */
    sv?: number;
    /** Last use, seconds since the epoch. */
    seen?: number;
  }
}

export class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: resolveAuthSecret(getEnv()),
  // The app is served by `next start`, usually behind the clinic's proxy.
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  logger: {
    // A wrong password is an everyday event, not a server error.
    error(error: Error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const result = await checkCredentials(getDb(), credentials, clientAddress(request.headers));
        if (result.ok) return result.user;
        if (result.reason === "rate_limited") throw new RateLimitedSignIn();
        return null;
      },
    }),
  ],
  events: {
    // Signing out ends every session of the user on the server, not only this browser's cookie (docs/decisions/0011).
    async signOut(message) {
      if ("token" in message) await endSessionsOnSignOut(getDb(), claimsOf(message.token));
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      const now = new Date();
      if (user?.id && user.role && user.sessionVersion !== undefined) {
        token.uid = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion;
        token.seen = epochSeconds(now);
        return token;
      }
      // next-auth's own session endpoint answers by the guard's rule: an ended session is no session.
      const current = await userForSession(getDb(), claimsOf(token), { now, idleMinutes: getEnv().STAFF_IDLE_MINUTES });
      return current ? token : null;
    },
    session({ session, token }) {
      if (token.uid && token.role) {
        session.user.id = token.uid;
        session.user.role = token.role;
      }
      return session;
    },
  },
}));
