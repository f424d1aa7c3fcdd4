/**
 * The password rules a customer can check while typing: shared by the forms (client), the form
 * schemas and the policy check (server). ASVS 2.1.1 and 2.1.2. The common-password list stays on
 * the server (app/auth/password.server.ts): it is too large to send to every browser.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_DISTINCT_CHARACTERS = 4;

/** What the rules may compare a password with (the account's own email and name). */
export type PasswordContext = { email?: string | null; name?: string | null };

export type PasswordRule = {
  id: "min-length" | "max-length" | "variety" | "not-email";
  /** The rule as a checklist line. */
  label: string;
  /** The rule as a form error, when broken. */
  problem: string;
  isMet(password: string, context: PasswordContext): boolean;
};

/** Characters as people count them (an emoji is one), not UTF-16 code units. */
export function passwordLength(password: string) {
  return [...password].length;
}

function localPartOf(email: string | null | undefined) {
  const localPart = email?.split("@")[0]?.toLowerCase();
  // A very short local part ("jo") would refuse too many reasonable passwords.
  return localPart && localPart.length >= 4 ? localPart : null;
}

export const PASSWORD_RULES: readonly PasswordRule[] = [
  {
    id: "min-length",
    label: `At least ${PASSWORD_MIN_LENGTH} characters`,
    problem: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
    isMet: (password) => passwordLength(password) >= PASSWORD_MIN_LENGTH,
  },
  {
    id: "max-length",
    label: `At most ${PASSWORD_MAX_LENGTH} characters`,
    problem: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
    isMet: (password) => passwordLength(password) <= PASSWORD_MAX_LENGTH,
  },
  {
    id: "variety",
    label: `At least ${PASSWORD_MIN_DISTINCT_CHARACTERS} different characters`,
    problem: "This password repeats too few characters. Choose something less predictable.",
    isMet: (password) => new Set(password).size >= PASSWORD_MIN_DISTINCT_CHARACTERS,
  },
  {
    id: "not-email",
    label: "Does not contain your email address",
    problem: "Don’t include your email address in your password.",
    isMet: (password, context) => {
      const localPart = localPartOf(context.email);
      return !localPart || !password.toLowerCase().includes(localPart);
    },
  },
];

/** The first rule the password breaks, in the order a customer should fix them. */
export function brokenPasswordRule(password: string, context: PasswordContext = {}): PasswordRule | undefined {
  return PASSWORD_RULES.find((rule) => !rule.isMet(password, context));
}
