import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { FlagPageForm } from "~/components/forum/flag-dialog";
import { ForumErrorPage } from "~/components/forum/error-page";
import { SinglePostPage } from "~/components/forum/single-post-page";
import { postIdParam } from "~/forum/route-params.server";
import { loadPostForPostControls } from "~/forum/moderation-controls.server";
import { withSeo } from "~/seo/meta";

/** The flag form for one post, for readers without JavaScript (with it, the thread page's shared dialog holds the form). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const post = await loadPostForPostControls(user, postIdParam(params.postId), "flag");
  if (!post) throw data({ message: "We couldn’t find a post you can flag there." }, { status: 404 });
  return { post };
}

export const meta: MetaFunction = withSeo(() => [{ title: "Flag a post · Community · TechFlow Help Center" }]);

export default function FlagPostPage() {
  const { post } = useLoaderData<typeof loader>();
  return (
    <SinglePostPage action="Flag" post={post}>
      {post.alreadyFlagged ? (
        <p role="status">You flagged this post.</p>
      ) : (
        <FlagPageForm
          target={{ postId: post.id, postNumber: post.number, authorName: post.author.name, redirectTo: post.url }}
        />
      )}
    </SinglePostPage>
  );
}

export function ErrorBoundary() {
  return <ForumErrorPage />;
}
