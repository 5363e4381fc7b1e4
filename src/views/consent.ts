// The consent page (SPEC §5): names the application, explains each scope in plain words and asks
// Allow / Deny. Protocol-neutral: OAuth 2 (/oauth2/authorize) and OAuth 1 (/oauth/authorize) both
// render it, each passing its own form action and hidden fields.
import type { ScopeDefinition } from "../domain/scopes.ts";
import { html } from "./html.ts";
import { csrfField, renderPage, type PageContext } from "./layout.ts";

export type ConsentView = Readonly<{
  clientName: string;
  /** shown as a link when not empty, so the person can check who is asking */
  clientWebsite: string;
  scopes: readonly ScopeDefinition[];
  formAction: string;
  /** protocol state carried through the form (e.g. the authorization request) */
  hiddenFields: Readonly<Record<string, string>>;
  /** e.g. "This app already has some access; it now asks for more." */
  note?: string;
}>;

export function renderConsentPage(context: PageContext, view: ConsentView): string {
  const website = isHttpUrl(view.clientWebsite)
    ? html` (<a href="${view.clientWebsite}" rel="noopener noreferrer" target="_blank">${new URL(view.clientWebsite).host}</a>)`
    : html``;
  const scopes = view.scopes.length === 0
    ? html`<p>It asks for no access to your data beyond knowing that you use fitgate.</p>`
    : html`<p>It will be able to:</p>
<ul class="scopes">${view.scopes.map((s) => html`<li data-scope="${s.name}">${s.description}</li>`)}</ul>`;
  const hidden = Object.entries(view.hiddenFields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  return renderPage("Allow access?", context, html`
<h1><span id="client-name">${view.clientName}</span> wants to access your fitgate account</h1>
<p><strong>${view.clientName}</strong>${website} is asking for permission${context.userEmail === null ? "" : html` to use the account <strong>${context.userEmail}</strong>`}.</p>
${view.note === undefined ? "" : html`<p class="info">${view.note}</p>`}
${scopes}
<p class="muted">You can take this access back at any time on the <a href="/account/apps">Connected apps</a> page.</p>
<form method="post" action="${view.formAction}" class="consent">
  ${csrfField(context.csrfToken)}
  ${hidden}
  <button type="submit" name="decision" value="allow">Allow</button>
  <button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</form>`);
}

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}
