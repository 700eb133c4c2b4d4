/**
 * The unit accounts' password policy: one definition for the Cognito user pool (infra/constructs/unit-user-pool.ts)
 * and the embedded stack's stand-in (infra/local/local-user-pool.ts). Temporary passwords (first sign-in and
 * `units reset-password`) expire after 7 days.
 */
export const PASSWORD_POLICY = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
  temporaryPasswordDays: 7,
} as const;

/** Cognito's symbol set for the `requireSymbols` rule. */
const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+-]/;

export function meetsPasswordPolicy(password: string): boolean {
  return (
    password.length >= PASSWORD_POLICY.minLength &&
    /[a-z]/.test(password) &&
    /[A-Z]/.test(password) &&
    /[0-9]/.test(password) &&
    SYMBOLS.test(password)
  );
}

/** A random password that satisfies the policy (temporary passwords for new and reset accounts). */
export function randomPassword(random: (n: number) => Uint8Array): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '#%+=@!'];
  const all = sets.join('');
  const bytes = random(16);
  const chars = Array.from(bytes, (b, i) => {
    const set = i < sets.length ? (sets[i] as string) : all;
    return set[b % set.length] as string;
  });
  return chars.join('');
}
