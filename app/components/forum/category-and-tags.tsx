import { Link } from "@remix-run/react";

/** A thread's category and its #tags, each a link to its list (in the thread list and on the thread page). */
export function CategoryAndTagLinks({ category, tags }: { category: { name: string; url: string }; tags: string[] }) {
  return (
    <>
      <Link to={category.url} className="font-medium hover:underline">
        {category.name}
      </Link>
      {tags.map((tag) => (
        <Link
          key={tag}
          to={`/community/tags/${tag}`}
          className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 hover:underline dark:bg-slate-800 dark:text-slate-200"
        >
          #{tag}
        </Link>
      ))}
    </>
  );
}
