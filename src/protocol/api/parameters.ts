// Method parameters: declared once per method (name, type, range, whether required), parsed
// from the strings of a query, form or JSON body, and turned into the OpenAPI document's
// schemas. Every failure is an ApiError with the parameter's name: 101 absent, 108 wrong type,
// 107 out of range.
import { MAX_DATE_INT, parseDateInt } from "./dates.ts";
import { invalidType, missingParameter, outOfRange } from "./errors.ts";

export type ParameterType = "string" | "integer" | "decimal" | "date" | "enum";

export type ParameterSpec = Readonly<{
  name: string;
  type: ParameterType;
  description: string;
  required?: boolean;
  min?: number;
  max?: number;
  /** strings: at most this many characters (default 200) */
  maxLength?: number;
  /** enums: the accepted values, matched case-insensitively */
  values?: readonly string[];
}>;

export type ParsedParameters = Readonly<{
  number(name: string): number;
  optionalNumber(name: string): number | null;
  string(name: string): string;
  optionalString(name: string): string | null;
  has(name: string): boolean;
}>;

const DEFAULT_MAX_LENGTH = 200;

export function parseParameters(specs: readonly ParameterSpec[], raw: ReadonlyMap<string, string>): ParsedParameters {
  const values = new Map<string, string | number>();
  for (const spec of specs) {
    const text = raw.get(spec.name);
    if (text === undefined || text.trim() === "") {
      if (spec.required === true) throw missingParameter(spec.name);
      continue;
    }
    values.set(spec.name, parseValue(spec, text.trim()));
  }
  const get = (name: string) => values.get(name) ?? null;
  return {
    number: (name) => { const v = get(name); if (typeof v !== "number") throw missingParameter(name); return v; },
    optionalNumber: (name) => { const v = get(name); return typeof v === "number" ? v : null; },
    string: (name) => { const v = get(name); if (typeof v !== "string") throw missingParameter(name); return v; },
    optionalString: (name) => { const v = get(name); return typeof v === "string" ? v : null; },
    has: (name) => values.has(name),
  };
}

function parseValue(spec: ParameterSpec, text: string): string | number {
  switch (spec.type) {
    case "integer": {
      if (!/^-?\d{1,15}$/.test(text)) throw invalidType(spec.name, "a whole number");
      return checkRange(spec, Number(text));
    }
    case "decimal": {
      if (!/^-?\d{1,12}(\.\d{1,12})?$/.test(text)) throw invalidType(spec.name, "a decimal number such as 1.5");
      return checkRange(spec, Number(text));
    }
    case "date": {
      const dateInt = parseDateInt(text);
      if (dateInt === null) throw invalidType(spec.name, "days since 1970-01-01 (e.g. 20413) or a date as YYYY-MM-DD");
      if (dateInt > MAX_DATE_INT) throw outOfRange(spec.name, "a date from 1970-01-01 to 2099-12-31");
      return dateInt;
    }
    case "enum": {
      const value = text.toLowerCase();
      if (!(spec.values ?? []).includes(value)) throw invalidType(spec.name, `one of ${(spec.values ?? []).join(", ")}`);
      return value;
    }
    case "string": {
      // NUL and other control characters: no food or comment has them, and PostgreSQL refuses NUL
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) throw invalidType(spec.name, "text without control characters");
      const maxLength = spec.maxLength ?? DEFAULT_MAX_LENGTH;
      if ([...text].length > maxLength) throw outOfRange(spec.name, `at most ${maxLength} characters`);
      return text;
    }
  }
}

function checkRange(spec: ParameterSpec, value: number): number {
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
    throw outOfRange(spec.name, `from ${spec.min ?? "-∞"} to ${spec.max ?? "∞"}`);
  }
  return value;
}

/** JSON Schema (OpenAPI 3.1) of one parameter's value */
export function jsonSchemaOf(spec: ParameterSpec): Record<string, unknown> {
  const range = { ...(spec.min === undefined ? {} : { minimum: spec.min }), ...(spec.max === undefined ? {} : { maximum: spec.max }) };
  switch (spec.type) {
    case "integer": return { type: "integer", ...range };
    case "decimal": return { type: "number", ...range };
    case "date": return { oneOf: [{ type: "integer", minimum: 0, maximum: MAX_DATE_INT, description: "days since 1970-01-01" }, { type: "string", format: "date" }] };
    case "enum": return { type: "string", enum: [...(spec.values ?? [])] };
    case "string": return { type: "string", minLength: 1, maxLength: spec.maxLength ?? DEFAULT_MAX_LENGTH };
  }
}
