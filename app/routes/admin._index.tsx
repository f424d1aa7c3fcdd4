import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { forwardHeaders } from "~/lib/headers";
import { staffHome } from "~/staff/home.server";
import { withSeo } from "~/seo/meta";

/** /admin: the staff home. Each tool the viewer's role may use, and what in it needs attention now. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const home = await staffHome(user);
  // Members have no staff tools: for them there is no such page.
  if (home.tools.length === 0)
    throw data({ message: "We couldn’t find that page." }, { status: 404, statusText: "Not Found" });
  return data({ name: user.name, ...home }, { headers: { "Cache-Control": "private, no-store" } });
}

export const headers = forwardHeaders;
export const meta: MetaFunction = withSeo(() => [
  { title: "Staff home · TechFlow Help Center" },
  { name: "robots", content: "noindex" },
]);

export default function StaffHomePage() {
  const { name, tools, attention } = useLoaderData<typeof loader>();
  const waiting = attention.filter((item) => item.count > 0);
  return (
    <div className="max-w-5xl space-y-8">
      <header>
        <h1 className="text-3xl font-bold tracking-tight">Staff home</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          Signed in as {name}. What needs you now, then every tool your role can use.
        </p>
      </header>
      <section aria-labelledby="attention-heading" className="space-y-3">
        <h2 id="attention-heading" className="text-xl font-semibold">
          Needs attention
        </h2>
        {waiting.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300" data-testid="attention-clear">
            Nothing is waiting in your queues.
          </p>
        ) : (
          <ul className="space-y-2" data-testid="attention">
            {waiting.map((item) => (
              <li key={item.path}>
                <Link
                  to={item.path}
                  className="flex items-baseline gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950 hover:bg-amber-100 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-50 dark:hover:bg-amber-900/50"
                >
                  <span className="text-2xl font-bold tabular-nums">{item.count}</span>
                  <span className="underline underline-offset-2">{item.text}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="tools-heading" className="space-y-3">
        <h2 id="tools-heading" className="text-xl font-semibold">
          Your tools
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="staff-tools">
          {tools.map((tool) => (
            <li key={tool.path} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
              <h3 className="font-semibold">
                <Link to={tool.path} className="text-sky-700 underline dark:text-sky-400">
                  {tool.title}
                </Link>
              </h3>
              <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{tool.description}</p>
              {tool.attention ? (
                <p
                  className={`mt-2 text-sm font-medium ${tool.attention.count > 0 ? "text-amber-800 dark:text-amber-300" : "text-slate-600 dark:text-slate-300"}`}
                >
                  {tool.attention.count} {tool.attention.text}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
