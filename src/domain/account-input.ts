// Sign-up rules (SPEC §5). NIST SP 800-63B §5.1.1: at least 8 characters, long passphrases
// allowed, no composition rules.

export type SignupErrors = { email?: string; password?: string };

export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function checkEmail(value: string): string | null {
  const email = normalizeEmail(value);
  if (email === "") return "Enter your email address.";
  if (email.length > 254 || !/^[^\s@\u0000-\u001f\u007f]+@[^\s@\u0000-\u001f\u007f]+\.[^\s@\u0000-\u001f\u007f]+$/.test(email)) return "Enter an email address like name@example.com.";
  return null;
}

export function checkNewPassword(password: string): string | null {
  if (password.length < 8) return "Use at least 8 characters.";
  if (password.length > 256) return "Use at most 256 characters.";
  return null;
}

export function checkSignup(email: string, password: string): SignupErrors {
  const errors: SignupErrors = {};
  const emailProblem = checkEmail(email);
  if (emailProblem !== null) errors.email = emailProblem;
  const passwordProblem = checkNewPassword(password);
  if (passwordProblem !== null) errors.password = passwordProblem;
  return errors;
}
