/**
 * The composition root: the one place where the app's registries learn their members. Lower folders
 * keep a registry and never import what fills it (search does not import the forum that writes to
 * it), so dependencies point one way. Every entry point composes the app once: app/entry.server.tsx
 * (the web app, in development and production) calls composeApp; the scripts that index and the tests
 * import this file, which composes on import.
 */
import { chatFilesDeletionStep } from "./chat/attachments.server";
import { forumSearchSource } from "./forum/search-documents.server";
import { ideasSearchSource } from "./ideas/search-documents.server";
import { registerDeletionStep } from "./privacy/deletion.server";
import { registerSearchSources } from "./search/sources.server";
import { onIncidentNews } from "./status/incident-news.server";
import { carryIncidentNewsToTickets } from "./tickets/major-incidents.server";
import { ticketsSearchSource } from "./tickets/search-documents.server";

let composed = false;

/**
 * Fills the registries, once. The web app calls it by name: package.json says "sideEffects": false, so
 * the production build drops an import that is there only for its effect, and with it every listener.
 */
export function composeApp() {
  if (composed) return;
  composed = true;
  registerSearchSources(forumSearchSource, ideasSearchSource, ticketsSearchSource);
  // A status-page incident's updates, root cause analysis and review meeting reach the tickets linked to it.
  onIncidentNews(carryIncidentNewsToTickets);
  // A confirmed data deletion removes the customer's chat files from disk too.
  registerDeletionStep(chatFilesDeletionStep);
}

composeApp();
