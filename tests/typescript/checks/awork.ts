// awork sends its code in the body's `code` member.
import type { components } from "../out/awork";

type Responses = components["responses"];
type Body404 = Responses["AworkError404"]["content"]["application/json"];
type Body400 = Responses["AworkError400"]["content"]["application/json"];

export const sent404: Body404["code"] = "not-found";
// @ts-expect-error `already-exist-error` is sent with 409, never with 404
export const other404: Body404["code"] = "already-exist-error";

export const sent400: Body400["code"] = "validation-failed";
// @ts-expect-error `not-found` is sent with 404, never with 400
export const other400: Body400["code"] = "not-found";

// Nullable members take `null`; the body is closed, so no other member is typed.
export const nulls: Body404 = {
  code: "not-found",
  description: "The requested resource could not be located.",
  link: "https://developers.awork.com/#response-types",
  details: null,
  validationErrors: null,
  traceId: null,
};
