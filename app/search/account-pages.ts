import type { SearchDocument } from "./types";

/**
 * The account pages as search documents, so "reset my password" or "change my
 * email" lead to the page that does it. Written as a customer would ask, since
 * these pages have no article text of their own.
 */
const ACCOUNT_PAGES: { path: string; title: string; body: string; tags: string[] }[] = [
  {
    path: "/forgot-password",
    title: "Reset your password",
    body: "Forgot your password or can't sign in? Enter the email address of your account and we send you a link to reset your password and choose a new one.",
    tags: ["password", "reset", "sign-in"],
  },
  {
    path: "/settings",
    title: "Account settings",
    body: "Change your email address, change your password, see the devices you are signed in on and sign out other devices. Manage your profile and your company account.",
    tags: ["account", "email", "password", "sessions"],
  },
  {
    path: "/signup",
    title: "Create an account",
    body: "Sign up for a TechFlow Help Center account to open and track tickets, vote on ideas and join the community. Register with your work email.",
    tags: ["account", "sign-up", "register"],
  },
  {
    path: "/login",
    title: "Sign in",
    body: "Sign in (log in) to your TechFlow Help Center account with your email and password to see your tickets and your plan.",
    tags: ["account", "sign-in", "login"],
  },
];

export function accountPageDocuments(): SearchDocument[] {
  return ACCOUNT_PAGES.map((page) => {
    const id = `pages${page.path}`;
    return {
      id,
      type: "page",
      source: "pages",
      visibility: "public",
      pageId: id,
      url: page.path,
      title: page.title,
      section: "",
      body: page.body,
      category: "account",
      tags: page.tags,
      updatedAt: null,
      popularity: 0,
    };
  });
}
