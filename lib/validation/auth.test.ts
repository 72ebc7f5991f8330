import { describe, expect, test } from "vitest";
import { z } from "zod";
import { emailSchema, newPasswordSchema, PASSWORD_MAX, PASSWORD_MIN, registerSchema, signInSchema } from "./auth";

const firstMessage = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.error?.issues[0]?.message;

// A password that is on no list, of a given length.
const passwordOf = (length: number) => "Kx7#mQ2v!p".repeat(13).slice(0, length);

describe("new passwords", () => {
  test(`${PASSWORD_MIN - 1} characters is too short, ${PASSWORD_MIN} is enough`, () => {
    expect(PASSWORD_MIN).toBe(10);
    const short = newPasswordSchema.safeParse(passwordOf(9));
    expect(short.success).toBe(false);
    expect(firstMessage(short)).toBe("Use at least 10 characters.");
    expect(newPasswordSchema.safeParse(passwordOf(10)).success).toBe(true);
  });

  test(`${PASSWORD_MAX + 1} characters is too long, ${PASSWORD_MAX} is fine`, () => {
    expect(PASSWORD_MAX).toBe(128);
    const long = newPasswordSchema.safeParse(passwordOf(129));
    expect(long.success).toBe(false);
    expect(firstMessage(long)).toBe("Use at most 128 characters.");
    expect(newPasswordSchema.safeParse(passwordOf(128)).success).toBe(true);
  });

  test.each(["Password123", "qwertyuiop", "QWERTYUIOP", "password123", "  qwertyuiop  "])(
    "%j is refused as too common, whatever its case",
    (password) => {
      const result = newPasswordSchema.safeParse(password);
      expect(result.success).toBe(false);
      expect(firstMessage(result)).toBe("This password is too common. Choose one that is harder to guess.");
    },
  );

  test("a long, uncommon password is accepted unchanged", () => {
    expect(newPasswordSchema.parse(" stroll-Harbour-42 ")).toBe(" stroll-Harbour-42 ");
  });

  test("a missing password asks for one", () => {
    expect(firstMessage(newPasswordSchema.safeParse(undefined))).toBe("Choose a password.");
  });
});

describe("email addresses", () => {
  test("are trimmed and lower-cased", () => {
    expect(emailSchema.parse("  Pat.Jensen@Example.COM ")).toBe("pat.jensen@example.com");
  });

  test.each([
    ["", "Enter your email address."],
    ["   ", "Enter your email address."],
    ["pat", "Enter an email address like name@example.com."],
    ["pat@", "Enter an email address like name@example.com."],
    [`${"a".repeat(250)}@x.io`, "That email address is too long."],
    [undefined, "Enter your email address."],
  ])("%j is refused with a message a person understands", (input, message) => {
    expect(firstMessage(emailSchema.safeParse(input))).toBe(message);
  });
});

describe("the register form", () => {
  test("reports each field with a human-readable message", () => {
    const result = registerSchema.safeParse({ name: "  ", email: "nope", password: "short" });
    expect(result.success).toBe(false);
    const fields = result.error && z.flattenError(result.error).fieldErrors;
    expect(fields).toEqual({
      name: ["Enter your name."],
      email: ["Enter an email address like name@example.com."],
      password: ["Use at least 10 characters."],
    });
    // No zod jargon leaks through to the person filling the form.
    for (const issue of result.error?.issues ?? []) {
      expect(issue.message).toMatch(/^[A-Z][^]*\.$/);
      expect(issue.message).not.toMatch(/expected|invalid_|too_small|Invalid input/i);
    }
  });

  test("returns normalised values", () => {
    expect(registerSchema.parse({ name: " Pat Jensen ", email: " PAT@Example.com", password: "stroll-Harbour-42" })).toEqual({
      name: "Pat Jensen",
      email: "pat@example.com",
      password: "stroll-Harbour-42",
    });
  });
});

describe("the sign-in form", () => {
  test("accepts any non-empty password, so the rules are never revealed at sign-in", () => {
    expect(signInSchema.safeParse({ email: "pat@example.com", password: "x" }).success).toBe(true);
    expect(firstMessage(signInSchema.safeParse({ email: "pat@example.com", password: "" }))).toBe("Enter your password.");
    expect(firstMessage(signInSchema.safeParse({ email: "pat@example.com", password: passwordOf(129) }))).toBe(
      "Enter your password.",
    );
  });
});
