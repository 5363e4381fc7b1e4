// Headers on every response. Pages get a strict CSP; frame-ancestors 'none' (and the legacy
// X-Frame-Options) keep login and consent out of other sites' frames (clickjacking).
// No form-action directive: Chromium applies it to the redirect after a form post, and the
// consent form must be able to redirect to a client's registered redirect URI.
import type { FastifyInstance, FastifyReply } from "fastify";

export const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'";

export function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }): void {
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    if (options.https) reply.header("strict-transport-security", "max-age=31536000");
    const type = String(reply.getHeader("content-type") ?? "");
    if (type.startsWith("text/html")) setPageHeaders(reply);
    return payload;
  });
}

/**
 * The headers of an HTML page. sendPage sets them too: fastify answers a malformed URL
 * (frameworkErrors) on a reply that skips the onSend hooks, and that page must not be framable.
 */
export function setPageHeaders(reply: FastifyReply): void {
  reply.header("x-content-type-options", "nosniff");
  reply.header("referrer-policy", "no-referrer");
  if (!reply.hasHeader("content-security-policy")) reply.header("content-security-policy", PAGE_CSP);
  reply.header("x-frame-options", "DENY");
  reply.header("cross-origin-opener-policy", "same-origin");
  if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
}
