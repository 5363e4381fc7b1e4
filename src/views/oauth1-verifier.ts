// The out-of-band pages of OAuth 1.0a (RFC 5849 §2.1 "oob", FatSecret step 2 figure 3): the
// verifier shown in <output id="verifier"> (SPEC §5) with how to use it, or the denial.
import { html } from "./html.ts";
import { renderPage, type PageContext } from "./layout.ts";

export type VerifierView = Readonly<{ clientName: string; verifier: string }>;

export function renderVerifierPage(context: PageContext, view: VerifierView): string {
  return renderPage("Verification code", context, html`
<h1>You allowed <span id="client-name">${view.clientName}</span> to access your account</h1>
<p>To finish, copy this verification code and paste it into <strong>${view.clientName}</strong> where it asks for it:</p>
<p class="verifier"><output id="verifier" aria-label="Verification code">${view.verifier}</output></p>
<p class="muted">The code works once, for this request only. If you did not start this, go to
<a href="/account/apps">Connected apps</a> and remove ${view.clientName}.</p>
<p class="muted">For developers: send it as <code>oauth_verifier</code> in the signed request to
<code>/oauth/access_token</code>, signed with your consumer secret and the request token secret.</p>`);
}

export function renderDeniedPage(context: PageContext, clientName: string): string {
  return renderPage("Access denied", context, html`
<h1>You denied <span id="client-name">${clientName}</span> access</h1>
<p>${clientName} gets no access to your account. You can close this page and return to the application.</p>`);
}

export function renderRequestTokenProblemPage(context: PageContext, reason: string): string {
  return renderPage("Authorization link not valid", context, html`
<h1>This authorization link is not valid</h1>
<p>The link that brought you here ${reason}. Go back to the application and start again from there.</p>`);
}
