// Mode sends its code in the body's `id` member.
import type { components } from "../out/mode";

type Responses = components["responses"];
type Body404 = Responses["ModeError404"]["content"]["application/json"];

export const sent404: Body404["id"] = "not_found";
// @ts-expect-error `bad_request` is sent with 400, never with 404 (Mode sends no 409)
export const other404: Body404["id"] = "bad_request";
