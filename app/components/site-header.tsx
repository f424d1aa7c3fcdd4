import { Form, Link, NavLink } from "@remix-run/react";
import { isStaff } from "~/auth/roles";
import { InstantSearch } from "./search/instant-search";

const NAV = [
  { to: "/kb", label: "Knowledge base" },
  { to: "/docs", label: "Docs" },
  { to: "/webinars", label: "Webinars" },
];

export type HeaderUser = { name: string; role: string } | null;

export function SiteHeader({ user }: { user: HeaderUser }) {
  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-950/95">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link to="/" className="text-lg font-bold tracking-tight">
          TechFlow <span className="text-sky-700 dark:text-sky-400">Help Center</span>
        </Link>
        <nav aria-label="Main">
          <ul className="flex gap-4 text-sm">
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  prefetch="intent"
                  className={({ isActive }) => (isActive ? "font-semibold text-sky-800 underline underline-offset-4 dark:text-sky-300" : "hover:underline")}
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto w-full sm:w-72">
          <InstantSearch id="site-search" />
        </div>
        <div className="flex items-center gap-3 text-sm">
          {user ? (
            <>
              {isStaff(user.role) ? (
                <Link to="/admin/users" className="hover:underline">
                  Staff
                </Link>
              ) : null}
              <Link to="/settings" className="font-medium hover:underline" data-testid="signed-in-as">
                {user.name}
              </Link>
              <Form method="post" action="/logout">
                <button type="submit" className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
                  Sign out
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login" className="font-medium hover:underline">
                Sign in
              </Link>
              <Link to="/signup" className="rounded-md bg-sky-700 px-2 py-1 font-medium text-white hover:bg-sky-800">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
