// Guizhan sends its code in the body's `code` member.
import type { components } from "../out/guizhan";

type Responses = components["responses"];
type Body404 = Responses["GuizhanError404"]["content"]["application/json"];

export const sent404: Body404["code"] = 5000;
export const alsoSent404: Body404["code"] = 3000;
// @ts-expect-error 3201 (Notification already read) is sent with 409, never with 404
export const other404: Body404["code"] = 3201;
