import { Link } from "@remix-run/react";

/** Download a copy of one's data, or ask for its deletion. */
export function YourDataSection() {
  return (
    <section aria-labelledby="your-data-heading" className="space-y-2">
      <h2 id="your-data-heading" className="text-xl font-semibold">
        Your data
      </h2>
      <p>
        <a href="/settings/export" download className="text-sky-700 underline dark:text-sky-400">
          Download your data (JSON)
        </a>
        : your profile, the tickets you filed with their public replies, your forum posts, your votes and your live
        chats.
      </p>
      <p>
        <Link to="/settings/delete-data" className="text-sky-700 underline dark:text-sky-400">
          Ask for deletion of your data
        </Link>
      </p>
    </section>
  );
}
