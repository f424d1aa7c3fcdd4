import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ForumBreadcrumbs } from "~/components/forum/forum-layout";
import { RelativeTime } from "~/components/forum/relative-time";
import { NotFound } from "~/components/not-found";
import { findMemberProfile } from "~/forum/member-profile.server";
import { withSeo } from "~/seo/meta";

/** /community/u/<username>: the member an @mention links to. */
export async function loader({ params }: LoaderFunctionArgs) {
  const username = params.username ?? "";
  if (!/^[a-z0-9][a-z0-9_-]{0,38}$/i.test(username))
    throw data({ message: "There is no such member." }, { status: 404 });
  const profile = await findMemberProfile(username);
  if (!profile) throw data({ message: "There is no such member." }, { status: 404 });
  return profile;
}

export const meta: MetaFunction<typeof loader> = withSeo(({ data: loaded }) => [
  {
    title: loaded
      ? `${loaded.name} (@${loaded.username}) · Community · TechFlow Help Center`
      : "Not found · TechFlow Help Center",
  },
]);

export default function MemberPage() {
  const member = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl">
      <ForumBreadcrumbs trail={[{ label: "Community", url: "/community" }, { label: `@${member.username}` }]} />
      <header className="mt-4">
        <h1 className="text-3xl font-bold tracking-tight">{member.name}</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          @{member.username}
          {member.isStaff ? " · TechFlow staff" : ""}
          {member.isExpert ? " · Expert" : ""} · {member.postCount} {member.postCount === 1 ? "post" : "posts"}
        </p>
        {member.bio ? <p className="mt-3 whitespace-pre-line">{member.bio}</p> : null}
      </header>
      <section aria-labelledby="recent-posts" className="mt-8">
        <h2 id="recent-posts" className="text-xl font-semibold">
          Latest posts
        </h2>
        {member.posts.length === 0 ? (
          <p className="mt-3 text-slate-600 dark:text-slate-300">No posts yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700">
            {member.posts.map((post) => (
              <li key={post.id} className="p-4">
                <Link to={post.url} className="font-medium text-sky-700 underline dark:text-sky-400">
                  {post.threadTitle}
                </Link>
                <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{post.excerpt}</p>
                <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                  <RelativeTime iso={post.at} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <NotFound />;
}
