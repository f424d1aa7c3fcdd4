import type { MetaFunction } from "@remix-run/node";
import { NotFound } from "~/components/not-found";
import { pageNotFound } from "~/content/pages.server";
import { withSeo } from "~/seo/meta";

/** Every URL no other route claims: a 404 with a search box and popular articles. */
export async function loader() {
  return pageNotFound();
}

export const meta: MetaFunction = withSeo(() => [{ title: "Page not found · TechFlow Help Center" }]);

export default function CatchAll() {
  return <NotFound />;
}

export function ErrorBoundary() {
  return <NotFound />;
}
