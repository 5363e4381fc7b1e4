// An `html` tagged template that escapes every interpolated value unless it is already Html
// (the output of another html`` call). Views are pure functions from data to Html.

export type Html = Readonly<{ __html: string }>;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

function isHtml(value: unknown): value is Html {
  return typeof value === "object" && value !== null && "__html" in value;
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  if (isHtml(value)) return value.__html;
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return { __html: out };
}

/** for markup that is known safe and built elsewhere (never user input) */
export function unsafeRaw(markup: string): Html {
  return { __html: markup };
}
