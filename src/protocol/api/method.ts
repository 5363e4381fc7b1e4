// One API method: its FatSecret name, the scope it needs, whether it touches a user's data,
// its REST route, its parameters and its handler. The handler is pure but for the store.
import type { ApiCaller } from "../api-caller.ts";
import type { ParameterSpec, ParsedParameters } from "./parameters.ts";
import type { ApiStore } from "./store.ts";

export type ApiContext = Readonly<{
  caller: ApiCaller;
  /** the user whose data a user method reads or writes; null for catalogue methods */
  userId: string | null;
  store: ApiStore;
  now: Date;
  /** the Idempotency-Key header, used when the client_entry_id parameter is absent */
  idempotencyKey: string | null;
}>;

export type RestRoute = Readonly<{ method: "GET" | "POST" | "PATCH" | "DELETE"; path: string }>;

export type ApiMethod = Readonly<{
  name: string;
  summary: string;
  scope: string;
  userData: boolean;
  rest: RestRoute;
  parameters: readonly ParameterSpec[];
  /** an example of the JSON answered, for the reference page and OpenAPI */
  example: unknown;
  handle(params: ParsedParameters, context: ApiContext): Promise<unknown>;
}>;

/** FatSecret's answer to a write that returns nothing else */
export const SUCCESS = Object.freeze({ success: { value: "1" } });

/** FatSecret writes numbers as strings in JSON; fitgate keeps that, rounded to 3 decimals */
export function formatDecimal(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

export function userIdOf(context: ApiContext): string {
  if (context.userId === null) throw new Error("user method called without a user"); // authorization runs first
  return context.userId;
}

export const DATE_PARAMETER: ParameterSpec = {
  name: "date", type: "date",
  description: "Days since 1970-01-01 (FatSecret's date_int, e.g. 20413) or YYYY-MM-DD; default today (UTC)",
};

export const CLIENT_ENTRY_ID_PARAMETER: ParameterSpec = {
  name: "client_entry_id", type: "string", maxLength: 64,
  description: "Your own id for this entry, unique per user: a retried request with the same id returns the first entry instead of creating another. The Idempotency-Key header does the same.",
};
