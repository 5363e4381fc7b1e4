// The frame around every page: header with who is logged in, main content, footer.
import { html, type Html } from "./html.ts";

export type PageContext = Readonly<{
  /** the logged-in person's email, or null */
  userEmail: string | null;
  /** the CSRF token for forms on this page (the log-out button included) */
  csrfToken: string;
}>;

export function renderPage(title: string, context: PageContext, content: Html): string {
  const nav = context.userEmail === null
    ? html`<a href="/login">Log in</a> <a href="/signup">Sign up</a>`
    : html`<a href="/developer">Developer portal</a>
        <a href="/account/apps">Connected apps</a>
        <span class="who">${context.userEmail}</span>
        <form method="post" action="/logout" class="inline">
          <input type="hidden" name="csrf_token" value="${context.csrfToken}">
          <button type="submit" class="link">Log out</button>
        </form>`;
  return "<!doctype html>\n" + html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · fitgate</title>
<link rel="stylesheet" href="/static/fitgate.css">
<script src="/static/fitgate.js" defer></script>
</head>
<body>
<header><a href="/" class="brand">fitgate</a><nav>${nav}</nav></header>
<main>
${content}
</main>
<footer>fitgate · <a href="/api/docs">API reference</a></footer>
</body>
</html>`.__html;
}

/** a form field's message, tied to the input by aria-describedby */
export function fieldError(id: string, message: string | undefined): Html {
  return message === undefined ? html`` : html`<p class="error" id="${id}-error" role="alert">${message}</p>`;
}

export function describedBy(id: string, message: string | undefined): Html {
  return message === undefined ? html`` : html` aria-describedby="${id}-error" aria-invalid="true"`;
}

export function csrfField(token: string): Html {
  return html`<input type="hidden" name="csrf_token" value="${token}">`;
}
