import { currentSynonyms } from "../content/synonyms.server";
import { contentDir } from "../lib/env.server";
import type { SynonymGroups } from "./settings";

/** The synonym groups every engine applies: the writers' file in the content folder (see content/search/synonyms.yml). */
export function searchSynonyms(): SynonymGroups {
  return currentSynonyms(contentDir);
}
