// Shared steps of the server-rendered pages: page context, login requirement, CSRF check,
// and the HTML error family.
import type { FastifyReply, FastifyRequest } from "fastify";
import { renderMessagePage } from "../views/accounts.ts";
import type { PageContext } from "../views/layout.ts";
import type { AppDeps } from "./deps.ts";
import type { ErrorFamily } from "./errors.ts";
import { formBodyOf, formField } from "./forms.ts";
import { setPageHeaders } from "./security-headers.ts";
import { csrfTokenFor, findSessionUser, isCsrfTokenValid, type SessionUser } from "./session.ts";

export async function pageContextOf(request: FastifyRequest, reply: FastifyReply, deps: AppDeps): Promise<PageContext> {
  const current = await findSessionUser(request, deps);
  return { userEmail: current?.user.email ?? null, csrfToken: csrfTokenFor(request, reply, deps) };
}

export function sendPage(reply: FastifyReply, status: number, body: string): FastifyReply {
  setPageHeaders(reply);
  return reply.status(status).type("text/html; charset=utf-8").send(body);
}

/** the logged-in user, or null after answering with a redirect to the login page */
export async function requireUser(request: FastifyRequest, reply: FastifyReply, deps: AppDeps): Promise<SessionUser | null> {
  const current = await findSessionUser(request, deps);
  if (current !== null) return current;
  // a POST cannot be replayed after login; send the person back to the page instead. The
  // target may be in absolute form (GET http://host/path): keep only its path and query.
  const target = new URL(request.url, deps.config.issuer);
  const returnTo = request.method === "GET" ? target.pathname + target.search : "/developer";
  await reply.redirect(`/login?return_to=${encodeURIComponent(returnTo)}`, 303);
  return null;
}

/** the form of a page POST when its CSRF token is right; otherwise null after a 403 page */
export async function requireCsrfForm(request: FastifyRequest, reply: FastifyReply, deps: AppDeps): Promise<URLSearchParams | null> {
  const form = formBodyOf(request);
  if (form !== null && isCsrfTokenValid(request, formField(form, "csrf_token"), deps)) return form;
  const context = await pageContextOf(request, reply, deps);
  sendPage(reply, 403, renderMessagePage(context, "Form expired",
    "This form expired or was not sent from a fitgate page, so nothing was changed. Go back, reload the page and try again."));
  return null;
}

export function pageErrorFamily(deps: AppDeps): ErrorFamily {
  const answer = async (request: FastifyRequest, reply: FastifyReply, status: number, title: string, message: string) => {
    const context = await pageContextOf(request, reply, deps).catch(() => ({ userEmail: null, csrfToken: "" }));
    return sendPage(reply, status, renderMessagePage(context, title, message));
  };
  return {
    name: "pages",
    matches: () => true,
    render(_error, status, request, reply) {
      if (status >= 500) return answer(request, reply, 500, "Something went wrong", "fitgate could not complete this request. Please try again.");
      if (status === 413) return answer(request, reply, 413, "Too large", "What you sent is larger than fitgate accepts.");
      if (status === 415) return answer(request, reply, 415, "Unsupported form", "Send the form from the fitgate page.");
      return answer(request, reply, status === 429 ? 429 : 400, "Bad request", "fitgate could not read this request.");
    },
    notFound(request, reply) {
      return answer(request, reply, 404, "Not found", "There is no page at this address.");
    },
  };
}
