import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** The frame of a page about one post (its flag form, its moderator forms without JavaScript): what, whose, and the way back. */
export function SinglePostPage({
  action,
  post,
  children,
}: {
  action: string;
  post: {
    number: number;
    url: string;
    author: { name: string };
    thread: { title: string };
  };
  children: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-bold tracking-tight">
        {action} post {post.number} by {post.author.name}
      </h1>
      <p className="mt-2 text-sm">
        In{" "}
        <Link to={post.url} className="text-sky-700 underline dark:text-sky-400">
          {post.thread.title}
        </Link>
      </p>
      <div className="mt-6 text-sm">{children}</div>
    </div>
  );
}
