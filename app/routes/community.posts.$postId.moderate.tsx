import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/guards.server";
import { ForumErrorPage } from "~/components/forum/error-page";
import { SinglePostPage } from "~/components/forum/single-post-page";
import { PostModeratorForms } from "~/components/forum/moderator-menu";
import { postIdParam } from "~/forum/route-params.server";
import { loadPostForPostControls } from "~/forum/moderation-controls.server";
import { withSeo } from "~/seo/meta";

/** A post's moderator forms, for moderators without JavaScript (with it, the thread page's shared dialog holds them). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "forum:thread:lock");
  const post = await loadPostForPostControls(user, postIdParam(params.postId), "moderate");
  if (!post) throw data({ message: "We couldn’t find that post. It may have been deleted." }, { status: 404 });
  return { post };
}

export const meta: MetaFunction = withSeo(() => [{ title: "Moderate a post · Community · TechFlow Help Center" }]);

export default function ModeratePostPage() {
  const { post } = useLoaderData<typeof loader>();
  return (
    <SinglePostPage action="Moderate" post={post}>
      <PostModeratorForms post={post} redirectTo={post.url} canSuspend={post.canSuspend} isSelf={post.isSelf} />
    </SinglePostPage>
  );
}

export function ErrorBoundary() {
  return <ForumErrorPage />;
}
