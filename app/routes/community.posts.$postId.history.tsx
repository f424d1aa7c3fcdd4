import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getOptionalUser } from "~/auth/guards.server";
import { ForumErrorPage } from "~/components/forum/error-page";
import { ForumBreadcrumbs } from "~/components/forum/forum-layout";
import { RelativeTime } from "~/components/forum/relative-time";
import "~/components/article/article-content.css";
import "~/components/forum/forum.css";
import { postIdParam } from "~/forum/route-params.server";
import { loadPostHistory } from "~/forum/post-lookups.server";
import { renderMarkdown } from "~/lib/markdown";
import { withSeo } from "~/seo/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const history = await loadPostHistory(postIdParam(params.postId), await getOptionalUser(request), (markdown) =>
    renderMarkdown(markdown),
  );
  if (!history) throw data({ message: "There is no such post." }, { status: 404 });
  return history;
}

export const meta: MetaFunction = withSeo(() => [
  { title: "Edit history · Community · TechFlow Help Center" },
  { name: "robots", content: "noindex" },
]);

export default function PostHistory() {
  const { post, thread, versions } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-4xl">
      <ForumBreadcrumbs
        trail={[
          { label: "Community", url: "/community" },
          { label: thread.title, url: thread.url },
          { label: `History of post #${post.number}` },
        ]}
      />
      <h1 className="mt-4 text-3xl font-bold tracking-tight">Edit history of post #{post.number}</h1>
      <p className="mt-2">
        <Link to={post.url} className="text-sky-700 underline dark:text-sky-400">
          Back to the post
        </Link>
      </p>
      <ol className="mt-6 space-y-6">
        {versions.map((version, index) => (
          <li key={index} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
            <h2 className="text-sm text-slate-600 dark:text-slate-300">
              <span className="font-semibold text-slate-900 dark:text-slate-100">
                {version.current ? "Current version" : `Version ${versions.length - index}`}
              </span>{" "}
              by {version.editorName}, <RelativeTime iso={version.at} />
            </h2>
            <div
              className="forum-post-body prose prose-slate mt-2 max-w-none break-words dark:prose-invert prose-a:text-sky-700 dark:prose-a:text-sky-400"
              // Rendered by the sanitizing pipeline (app/lib/markdown.ts), like every post body.
              dangerouslySetInnerHTML={{ __html: version.html }}
            />
          </li>
        ))}
      </ol>
    </div>
  );
}

export function ErrorBoundary() {
  return <ForumErrorPage />;
}
