import { html, type Html } from "./html.ts";
import { csrfField, describedBy, fieldError, renderPage, type PageContext } from "./layout.ts";

export type AccountFormView = Readonly<{
  email: string;
  returnTo: string | null;
  errors: { email?: string; password?: string; form?: string };
}>;

function returnToField(returnTo: string | null) {
  return returnTo === null ? html`` : html`<input type="hidden" name="return_to" value="${returnTo}">`;
}

function query(returnTo: string | null): string {
  return returnTo === null ? "" : `?return_to=${encodeURIComponent(returnTo)}`;
}

type AccountForm = Readonly<{
  title: string;
  heading: string;
  action: "/login" | "/signup";
  emailAutocomplete: string;
  passwordLabel: Html;
  passwordAttributes: Html;
  submit: string;
  other: Html;
}>;

function renderAccountForm(context: PageContext, view: AccountFormView, form: AccountForm): string {
  return renderPage(form.title, context, html`
<h1>${form.heading}</h1>
${view.errors.form === undefined ? "" : html`<p class="error" role="alert">${view.errors.form}</p>`}
<form method="post" action="${form.action}" class="stack">
  ${csrfField(context.csrfToken)}
  ${returnToField(view.returnTo)}
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="${form.emailAutocomplete}" required value="${view.email}"${describedBy("email", view.errors.email)}>
  ${fieldError("email", view.errors.email)}
  <label for="password">${form.passwordLabel}</label>
  <input id="password" name="password" type="password"${form.passwordAttributes} required${describedBy("password", view.errors.password)}>
  ${fieldError("password", view.errors.password)}
  <button type="submit">${form.submit}</button>
</form>
${form.other}`);
}

export function renderLoginPage(context: PageContext, view: AccountFormView): string {
  return renderAccountForm(context, view, {
    title: "Log in", heading: "Log in to fitgate", action: "/login", emailAutocomplete: "username",
    passwordLabel: html`Password`, passwordAttributes: html` autocomplete="current-password"`, submit: "Log in",
    other: html`<p>New to fitgate? <a href="/signup${query(view.returnTo)}">Create an account</a>.</p>`,
  });
}

export function renderSignupPage(context: PageContext, view: AccountFormView): string {
  return renderAccountForm(context, view, {
    title: "Sign up", heading: "Create your fitgate account", action: "/signup", emailAutocomplete: "email",
    passwordLabel: html`Password <small>(at least 8 characters)</small>`, passwordAttributes: html` autocomplete="new-password" minlength="8"`,
    submit: "Sign up",
    other: html`<p>Already have an account? <a href="/login${query(view.returnTo)}">Log in</a>.</p>`,
  });
}

export function renderHomePage(context: PageContext): string {
  return renderPage("Home", context, html`
<h1>fitgate</h1>
<p>The authorization platform of a fitness and nutrition service: apps you allow can read and
log foods, weight and exercise on your behalf, and nothing more.</p>
<ul>
  <li><a href="/developer">Developer portal</a>: register an application and get its keys.</li>
  <li><a href="/account/apps">Connected apps</a>: see and revoke what apps can do with your account.</li>
  <li><a href="/api/docs">API reference</a> and <a href="/.well-known/oauth-authorization-server">OAuth 2 metadata</a>.</li>
</ul>`);
}

export function renderMessagePage(context: PageContext, title: string, message: string, status: "error" | "info" = "error"): string {
  return renderPage(title, context, html`<h1>${title}</h1><p class="${status}" role="${status === "error" ? "alert" : "status"}">${message}</p><p><a href="/">Back to fitgate</a></p>`);
}
