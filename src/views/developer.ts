// The developer portal (SPEC §5): list, register, edit and delete applications.
import type { FieldErrors, RawApplicationInput } from "../domain/application-input.ts";
import type { Client } from "../domain/client.ts";
import { SCOPE_CATALOGUE } from "../domain/scopes.ts";
import { html, type Html } from "./html.ts";
import { csrfField, describedBy, fieldError, renderPage, type PageContext } from "./layout.ts";

export function renderApplicationList(context: PageContext, clients: readonly Client[], deleted = false): string {
  const rows = clients.map((c) => html`<li><a href="/developer/apps/${c.id}">${c.name}</a>
    <span class="muted">${c.type} · client id <code>${c.id}</code></span></li>`);
  return renderPage("Developer portal", context, html`
<h1>Your applications</h1>
${deleted ? html`<p class="info" role="status">Application deleted: its grants ended and its tokens no longer work.</p>` : ""}
${clients.length === 0 ? html`<p>You have not registered an application yet.</p>` : html`<ul class="apps">${rows}</ul>`}
<p><a class="button" href="/developer/apps/new">Register an application</a></p>`);
}

export type ApplicationFormView = Readonly<{ values: RawApplicationInput; errors: FieldErrors }>;

export function emptyApplicationForm(): ApplicationFormView {
  return { values: { type: "confidential", scopes: ["basic"], redirectUris: [], callbackUrls: [], cidrs: [], defaultScopes: [] }, errors: {} };
}

export function applicationFormFromClient(client: Client): ApplicationFormView {
  return {
    values: {
      name: client.name, description: client.description, website: client.website, type: client.type,
      redirectUris: client.redirectUris, callbackUrls: client.callbackUrls, scopes: client.scopes,
      defaultScopes: client.defaultScopes, cidrs: client.cidrs, refreshRotation: client.refreshRotation,
      mayIntrospect: client.mayIntrospect,
    },
    errors: {},
  };
}

export function renderNewApplicationPage(context: PageContext, form: ApplicationFormView): string {
  return renderPage("Register an application", context, html`
<h1>Register an application</h1>
${formErrorSummary(form.errors)}
<form method="post" action="/developer/apps" class="stack" novalidate>
  ${csrfField(context.csrfToken)}
  ${applicationFields(form, { typeEditable: true })}
  <button type="submit">Register</button>
</form>`);
}

export type IssuedSecretsView = Readonly<{ clientSecret: string; consumerSecret: string }>;

export function renderApplicationPage(context: PageContext, client: Client, form: ApplicationFormView, secrets: IssuedSecretsView | null, saved: boolean): string {
  return renderPage(client.name, context, html`
<h1>${client.name}</h1>
${saved ? html`<p class="info" role="status">Changes saved.</p>` : ""}
${secrets === null ? "" : renderSecrets(secrets)}
<section aria-labelledby="keys-heading">
<h2 id="keys-heading">Keys</h2>
<dl class="keys">
  <dt>Client ID (OAuth 2)</dt><dd><code id="client-id">${client.id}</code></dd>
  ${client.consumerKey === null ? "" : html`<dt>Consumer key (OAuth 1.0a)</dt><dd><code id="consumer-key">${client.consumerKey}</code></dd>`}
  <dt>Type</dt><dd>${client.type}${client.type === "public" ? " (no secret: use PKCE)" : ""}</dd>
</dl>
${client.type === "confidential" ? html`
<form method="post" action="/developer/apps/${client.id}/rotate-secret" data-confirm="Issue new secrets? The current client secret and consumer secret stop working at once.">
  ${csrfField(context.csrfToken)}
  <p class="muted">The client secret and consumer secret were shown once, when they were issued. If you lost them, or they may have leaked, issue new ones: the old ones stop working at once.</p>
  <button type="submit">Rotate secrets</button>
</form>` : ""}
</section>
<section aria-labelledby="edit-heading">
<h2 id="edit-heading">Settings</h2>
${formErrorSummary(form.errors)}
<form method="post" action="/developer/apps/${client.id}" class="stack" novalidate>
  ${csrfField(context.csrfToken)}
  ${applicationFields(form, { typeEditable: false })}
  <button type="submit">Save changes</button>
</form>
</section>
<section aria-labelledby="delete-heading">
<h2 id="delete-heading">Delete</h2>
<form method="post" action="/developer/apps/${client.id}/delete" data-confirm="Delete ${client.name}? Every user's grant to it ends and its tokens stop working.">
  ${csrfField(context.csrfToken)}
  <p class="muted">Deleting the application ends every grant users gave it: all its tokens stop working.</p>
  <button type="submit" class="danger">Delete application</button>
</form>
</section>`);
}

function renderSecrets(secrets: IssuedSecretsView): Html {
  return html`<section class="secrets" aria-labelledby="secrets-heading">
<h2 id="secrets-heading">Your new secrets</h2>
<p class="warning" role="alert"><strong>Copy them now.</strong> This is the only time fitgate shows them: they are stored in a form that cannot be read back.</p>
<dl class="keys">
  <dt>Client secret (OAuth 2)</dt>
  <dd><code id="client-secret">${secrets.clientSecret}</code> <button type="button" class="copy" data-copy="client-secret">Copy</button></dd>
  <dt>Consumer secret (OAuth 1.0a)</dt>
  <dd><code id="consumer-secret">${secrets.consumerSecret}</code> <button type="button" class="copy" data-copy="consumer-secret">Copy</button></dd>
</dl>
</section>`;
}

function formErrorSummary(errors: FieldErrors): Html {
  const count = Object.keys(errors).length;
  return count === 0 ? html`` : html`<p class="error" role="alert">Please correct the ${count === 1 ? "field" : `${count} fields`} marked below.</p>`;
}

function applicationFields(form: ApplicationFormView, options: { typeEditable: boolean }): Html {
  const { values, errors } = form;
  const scopes = values.scopes ?? [];
  const defaults = values.defaultScopes ?? [];
  return html`
  <label for="name">Name</label>
  <input id="name" name="name" required maxlength="100" value="${values.name ?? ""}"${describedBy("name", errors.name)}>
  ${fieldError("name", errors.name)}
  <label for="description">Description</label>
  <textarea id="description" name="description" maxlength="1000"${describedBy("description", errors.description)}>${values.description ?? ""}</textarea>
  ${fieldError("description", errors.description)}
  <label for="website">Website</label>
  <input id="website" name="website" type="url" value="${values.website ?? ""}"${describedBy("website", errors.website)}>
  ${fieldError("website", errors.website)}
  ${options.typeEditable ? html`
  <fieldset${describedBy("type", errors.type)}>
    <legend>Type</legend>
    <label><input type="radio" name="type" value="confidential"${values.type === "confidential" ? " checked" : ""}> Confidential: runs on a server that keeps a secret</label>
    <label><input type="radio" name="type" value="public"${values.type === "public" ? " checked" : ""}> Public: a mobile, desktop or browser app (PKCE, no secret)</label>
  </fieldset>
  ${fieldError("type", errors.type)}` : ""}
  <label for="redirect_uris">OAuth 2 redirect URIs <small>(one per line; https, or http on localhost)</small></label>
  <textarea id="redirect_uris" name="redirect_uris"${describedBy("redirect_uris", errors.redirectUris)}>${(values.redirectUris ?? []).join("\n")}</textarea>
  ${fieldError("redirect_uris", errors.redirectUris)}
  <label for="callback_urls">OAuth 1.0a callback URLs <small>(one per line)</small></label>
  <textarea id="callback_urls" name="callback_urls"${describedBy("callback_urls", errors.callbackUrls)}>${(values.callbackUrls ?? []).join("\n")}</textarea>
  ${fieldError("callback_urls", errors.callbackUrls)}
  <fieldset${describedBy("scopes", errors.scopes)}>
    <legend>Scopes the application may request</legend>
    ${SCOPE_CATALOGUE.map((s) => html`<label><input type="checkbox" name="scopes" value="${s.name}"${scopes.includes(s.name) ? " checked" : ""}> <code>${s.name}</code> ${s.description}</label>`)}
  </fieldset>
  ${fieldError("scopes", errors.scopes)}
  <fieldset${describedBy("default_scopes", errors.defaultScopes)}>
    <legend>Default scopes <small>(given when a request names none; none ticked means all of the above)</small></legend>
    ${SCOPE_CATALOGUE.map((s) => html`<label><input type="checkbox" name="default_scopes" value="${s.name}"${defaults.includes(s.name) && defaults.length !== scopes.length ? " checked" : ""}> <code>${s.name}</code></label>`)}
  </fieldset>
  ${fieldError("default_scopes", errors.defaultScopes)}
  <label for="cidrs">Token request IP allowlist <small>(CIDR, one per line; empty allows any address)</small></label>
  <textarea id="cidrs" name="cidrs"${describedBy("cidrs", errors.cidrs)}>${(values.cidrs ?? []).join("\n")}</textarea>
  ${fieldError("cidrs", errors.cidrs)}
  <label><input type="checkbox" name="refresh_rotation" value="on"${values.refreshRotation === true ? " checked" : ""}> Rotate refresh tokens on every use (always on for public clients)</label>
  <label><input type="checkbox" name="may_introspect" value="on"${values.mayIntrospect === true ? " checked" : ""}> May introspect tokens (RFC 7662)</label>`;
}
