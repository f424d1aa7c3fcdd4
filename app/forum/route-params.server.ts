import { data } from "@remix-run/node";

/** The post id in a /community/posts/<id>/… URL: anything but a positive whole number is a 404, not a 500. */
export function postIdParam(param: string | undefined): number {
  const id = Number(param);
  if (!Number.isInteger(id) || id <= 0) throw data({ message: "There is no such post." }, { status: 404 });
  return id;
}
