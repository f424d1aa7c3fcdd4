/**
 * The composition root: the one place where the app's registries learn their members. Lower folders
 * keep a registry and never import what fills it (search does not import the forum that writes to
 * it), so dependencies point one way. Every entry point imports this file once, for its effect:
 * app/entry.server.tsx (the web app, in development and production) and the scripts that index.
 */
import { forumSearchSource } from "./forum/search-documents.server";
import { ideasSearchSource } from "./ideas/search-documents.server";
import { registerSearchSources } from "./search/sources.server";
import { ticketsSearchSource } from "./tickets/search-documents.server";

registerSearchSources(forumSearchSource, ideasSearchSource, ticketsSearchSource);
