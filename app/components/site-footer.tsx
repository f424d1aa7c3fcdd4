import { Link } from "@remix-run/react";
import { CHANNELS, EMAIL_ADDRESSES } from "~/support/policy";

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-slate-200 py-8 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-300">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 sm:grid-cols-3">
        <div>
          <p className="font-semibold text-slate-900 dark:text-slate-100">TechFlow Solutions</p>
          <p>
            Email{" "}
            <a className="underline" href={`mailto:${EMAIL_ADDRESSES.general}`}>
              {EMAIL_ADDRESSES.general}
            </a>
          </p>
          <p>
            Phone {CHANNELS.phone.mnemonic} ({CHANNELS.phone.number})
          </p>
        </div>
        <ul className="space-y-1">
          <li>
            <Link className="underline" to="/kb">
              Knowledge base
            </Link>
          </li>
          <li>
            <Link className="underline" to="/docs">
              Documentation
            </Link>
          </li>
          <li>
            <Link className="underline" to="/training">
              Training and certificates
            </Link>
          </li>
          <li>
            <Link className="underline" to="/webinars">
              Webinars
            </Link>
          </li>
        </ul>
        {/* This site hosts its own status page, forum and ideas: the guide's host names are not where this site lives. */}
        <ul className="space-y-1">
          <li>
            <Link className="underline" to="/status">
              System status
            </Link>
          </li>
          <li>
            <Link className="underline" to="/community">
              Community forum
            </Link>
          </li>
          <li>
            <Link className="underline" to="/ideas">
              Ideas and roadmap
            </Link>
          </li>
        </ul>
      </div>
    </footer>
  );
}
