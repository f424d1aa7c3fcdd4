import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { FlagPageForm } from "~/components/forum/flag-dialog";
import { ForumErrorPage } from "~/components/forum/error-page";
import { postIdParam } from "~/forum/route-params.server";
import { loadPostForPostControls } from "~/forum/moderation.server";

/** The flag form for one post, for readers without JavaScript (with it, the thread page's shared dialog holds the form). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const post = await loadPostForPostControls(user, postIdParam(params.postId), "flag");
  if (!post) throw data({ message: "We couldn’t find a post you can flag there." }, { status: 404 });
  return { post };
}

export const meta: MetaFunction = () => [{ title: "Flag a post · Community · TechFlow Help Center" }];

export default function FlagPostPage() {
  const { post } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-bold tracking-tight">
        Flag post {post.number} by {post.author.name}
      </h1>
      <p className="mt-2 text-sm">
        In{" "}
        <Link to={post.url} className="text-sky-700 underline dark:text-sky-400">
          {post.thread.title}
        </Link>
      </p>
      <div className="mt-6">
        {post.alreadyFlagged ? (
          <p role="status">You flagged this post.</p>
        ) : (
          <FlagPageForm target={{ postId: post.id, postNumber: post.number, authorName: post.author.name, redirectTo: post.url }} />
        )}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <ForumErrorPage />;
}
