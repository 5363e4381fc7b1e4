// The connected-apps page (SPEC §5): every application holding a grant on the person's account,
// OAuth 1 or OAuth 2, with its access in plain words, since when, last used, and a Revoke button.
import { findScope } from "../domain/scopes.ts";
import { html } from "./html.ts";
import { csrfField, renderPage, type PageContext } from "./layout.ts";

export type ConnectedAppView = Readonly<{
  grantId: string;
  clientName: string;
  clientWebsite: string;
  scopes: readonly string[];
  createdAt: Date;
  lastUsedAt: Date | null;
}>;

export function renderConnectedAppsPage(context: PageContext, apps: readonly ConnectedAppView[], revokedName: string | null): string {
  const status = revokedName === null ? html`` : html`<p class="info" role="status">${revokedName} no longer has access to your account.</p>`;
  const list = apps.length === 0
    ? html`<p>No application has access to your account.</p>`
    : html`<ul class="apps">${apps.map((app) => renderApp(context, app))}</ul>`;
  return renderPage("Connected apps", context, html`
<h1>Connected apps</h1>
${status}
<p>These applications can use your fitgate account because you allowed them to. Revoking one ends its access at once: it will have to ask you again.</p>
${list}`);
}

function renderApp(context: PageContext, app: ConnectedAppView) {
  const scopes = app.scopes.map((name) => html`<li data-scope="${name}">${findScope(name)?.description ?? name}</li>`);
  return html`<li class="connected-app" data-grant="${app.grantId}">
  <h2>${app.clientName}</h2>
  ${app.clientWebsite === "" ? "" : html`<p class="muted">${app.clientWebsite}</p>`}
  <p>Allowed since <time datetime="${app.createdAt.toISOString()}">${formatDate(app.createdAt)}</time>;
  last used ${app.lastUsedAt === null ? "never" : html`<time datetime="${app.lastUsedAt.toISOString()}">${formatDate(app.lastUsedAt)}</time>`}.</p>
  <ul class="scopes">${scopes}</ul>
  <form method="post" action="/account/apps/${app.grantId}/revoke">
    ${csrfField(context.csrfToken)}
    <button type="submit" class="danger" aria-label="Revoke ${app.clientName}">Revoke</button>
  </form>
</li>`;
}

function formatDate(date: Date): string {
  return date.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}
