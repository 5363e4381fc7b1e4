// RFC 5849 §3.2 (400 for a bad request, 401 for bad credentials) with the names of the OAuth
// Problem Reporting extension (SPEC §3). One class for the family: the problem name, the status,
// advice a developer can act on, and, in development mode only, the base string the server signed.

export type OAuth1ProblemName =
  | "signature_invalid"
  | "nonce_used"
  | "timestamp_refused"
  | "consumer_key_unknown"
  | "token_rejected"
  | "parameter_absent"
  | "parameter_rejected"
  | "signature_method_rejected"
  | "permission_denied"
  | "verifier_invalid"
  | "server_error";

export class OAuth1Problem extends Error {
  readonly problem: OAuth1ProblemName;
  readonly status: number;
  /** the same as status, under the name HTTP frameworks read, so a problem is not logged as a crash */
  readonly statusCode: number;
  readonly advice: string;
  /** extra response parameters of the extension, e.g. oauth_acceptable_timestamps */
  readonly extra: Readonly<Record<string, string>>;
  /** the signature base string the server computed; only ever shown in development mode */
  readonly baseString: string | null;
  constructor(problem: OAuth1ProblemName, advice: string, options: { status?: number; extra?: Record<string, string>; baseString?: string } = {}) {
    super(`${problem}: ${advice}`);
    this.name = "OAuth1Problem";
    this.problem = problem;
    this.status = options.status ?? statusOf(problem);
    this.statusCode = this.status;
    this.advice = advice;
    this.extra = options.extra ?? {};
    this.baseString = options.baseString ?? null;
  }
}

// RFC 5849 §3.2: unsupported or missing or duplicated parameters and unsupported methods are
// 400; everything about credentials (consumer, token, signature, nonce, timestamp) is 401.
function statusOf(problem: OAuth1ProblemName): number {
  switch (problem) {
    case "parameter_absent":
    case "parameter_rejected":
    case "signature_method_rejected":
      return 400;
    case "server_error":
      return 500;
    default:
      return 401;
  }
}

export const parameterAbsent = (name: string, advice?: string) =>
  new OAuth1Problem("parameter_absent", advice ?? `Send ${name}: it is required on this request.`, { extra: { oauth_parameters_absent: name } });
export const parameterRejected = (name: string, advice: string) =>
  new OAuth1Problem("parameter_rejected", advice, { extra: { oauth_parameters_rejected: name } });
export const tokenRejected = (advice: string) => new OAuth1Problem("token_rejected", advice);

/** the form-encoded body of RFC 5849 §3.2 / Problem Reporting §3; debug_sbs only when asked */
export function problemBodyOf(problem: OAuth1Problem, includeBaseString: boolean): string {
  const body = new URLSearchParams({ oauth_problem: problem.problem, oauth_problem_advice: problem.advice, ...problem.extra });
  if (includeBaseString && problem.baseString !== null) body.set("debug_sbs", problem.baseString);
  return body.toString();
}
