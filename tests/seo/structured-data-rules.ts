/**
 * The properties each JSON-LD type the site emits must carry, from Google Search Central's
 * structured-data guides (required properties; for Article, which has none required, the
 * recommended headline, image, author and dates) and schema.org's vocabulary for the nested types.
 * An entry "a|b" is satisfied by either property.
 */
export const REQUIRED_PROPERTIES: Record<string, readonly string[]> = {
  Article: ["headline", "image", "author", "datePublished|dateModified"],
  FAQPage: ["mainEntity"],
  QAPage: ["mainEntity"],
  Question: ["name", "answerCount", "acceptedAnswer|suggestedAnswer"],
  Answer: ["text"],
  DiscussionForumPosting: ["author", "datePublished", "text|image|video"],
  Comment: ["author", "datePublished", "text|image|video"],
  BreadcrumbList: ["itemListElement"],
  ListItem: ["position", "name"],
  VideoObject: ["name", "thumbnailUrl", "uploadDate"],
  WebSite: ["name", "url"],
  Organization: ["name"],
  Person: ["name"],
  InteractionCounter: ["interactionType", "userInteractionCount"],
  MediaObject: ["contentUrl"],
  SearchAction: ["target", "query-input"],
  EntryPoint: ["urlTemplate"],
};

/** An FAQ's question has one answer, the page's own: no answer count (Google's FAQ guide). */
const FAQ_QUESTION = ["name", "acceptedAnswer"];

function present(value: unknown) {
  return value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);
}

/** Every required property missing in a JSON-LD object and the typed objects inside it, as "Type.property". */
export function missingProperties(node: unknown, trail = "", insideType: string | null = null): string[] {
  if (Array.isArray(node))
    return node.flatMap((item, index) => missingProperties(item, `${trail}[${index}]`, insideType));
  if (!node || typeof node !== "object") return [];
  const record = node as Record<string, unknown>;
  const type = typeof record["@type"] === "string" ? record["@type"] : null;
  const missing: string[] = [];
  if (type) {
    const rules = type === "Question" && insideType === "FAQPage" ? FAQ_QUESTION : REQUIRED_PROPERTIES[type];
    if (!rules) missing.push(`${trail || type}: no rule for type ${type}`);
    for (const rule of rules ?? [])
      if (!rule.split("|").some((property) => present(record[property]))) missing.push(`${trail || type}.${rule}`);
    if (type === "FAQPage" || type === "QAPage") {
      const questions = [record.mainEntity].flat();
      if (questions.some((question) => (question as { "@type"?: string } | null)?.["@type"] !== "Question"))
        missing.push(`${trail || type}.mainEntity must be Questions`);
    }
    if (type === "ListItem" && typeof record.item === "string" && !/^https?:\/\//.test(record.item))
      missing.push(`${trail}.item must be an absolute URL`);
  }
  for (const [key, value] of Object.entries(record))
    if (key !== "@type" && key !== "@context")
      missing.push(...missingProperties(value, `${trail}${trail ? "." : ""}${key}`, type ?? insideType));
  return missing;
}
