import { data } from "@remix-run/node";
import { parsePositiveInt } from "../lib/ids";

/** The post id in a /community/posts/<id>/… URL: anything but an id in the database's range is a 404, not a 500. */
export function postIdParam(param: string | undefined): number {
  const id = parsePositiveInt(param);
  if (id === null) throw data({ message: "There is no such post." }, { status: 404 });
  return id;
}
