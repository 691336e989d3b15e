// Astrada's code is the HTTP status line; a body may say it again in `status`, and its `title`
// is fixed per status.
import type { components } from "../out/astrada";

type Responses = components["responses"];
type Body404 = Responses["AstradaError404"]["content"]["application/problem+json"];
type Body409 = Responses["AstradaError409"]["content"]["application/problem+json"];

export const sent404: NonNullable<Body404["status"]> = 404;
// @ts-expect-error 409 is not the code of a 404 response
export const other404: NonNullable<Body404["status"]> = 409;

export const title404: Body404["title"] = "Not Found";
// @ts-expect-error the title of a 404 response is fixed
export const wrongTitle404: Body404["title"] = "Conflict";

// 409 requires only `detail`, and may carry `currentValue` and `requestedValue`.
export const minimal409: Body409 = { detail: "The subscription is already being updated." };
export const extended409: Body409 = {
  title: "Conflict",
  detail: "The card subscription cannot change state.",
  currentValue: "ACTIVE",
  requestedValue: "INACTIVE",
};
// @ts-expect-error every other status requires `title`
export const minimal404: Body404 = { detail: "Card `c-123` does not exist." };
