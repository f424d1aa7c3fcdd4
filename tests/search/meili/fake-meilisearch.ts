/**
 * A recording stand-in for a Meilisearch server: a node:http server on
 * 127.0.0.1 that records every request (method, path, query, JSON body,
 * Authorization header) and answers with the documented responses from
 * ./responses.ts. It keeps just enough state (indexes, tasks) for the adapter's
 * flows: writes answer 202 with a summarized task, GET /tasks/:uid reports it
 * succeeded (or failed, when a test asks for that).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  HEALTH_AVAILABLE,
  SEARCH_EMPTY,
  documentNotFound,
  documentObject,
  enqueuedTask,
  indexNotFound,
  indexObject,
  taskObject,
  type MeiliErrorBody,
} from "./responses";

export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
};

type Reply = { status: number; body?: unknown };
type StoredTask = Parameters<typeof taskObject>[0];

export type FakeMeilisearch = {
  url: string;
  /** Every request, in order, task polls included. */
  requests: RecordedRequest[];
  /** The requests without the task polls (GET /tasks/:uid). */
  calls(): RecordedRequest[];
  /** Index uid → primary key, as the fake believes them to exist. */
  indexes: Map<string, string | null>;
  /** The next task of this type fails with this error. */
  failNextTask(type: string, error: MeiliErrorBody): void;
  /** Tasks of this type stay "processing" forever. */
  hangTasks(type: string): void;
  /** The body answered to POST /indexes/:uid/search, unless `storeDocuments` is on. */
  searchResponse: unknown;
  /**
   * When on, the fake keeps the documents it is sent and answers searches from
   * them: every query word must occur in title, section, body or tags, and the
   * `filter` is evaluated (`field IN [...]`, `field = "..."`, joined by AND), so
   * contract tests can check what Meilisearch would return, not only what was sent.
   */
  storeDocuments: boolean;
  /** Milliseconds to wait before answering a request (0 = answer at once). */
  delayFor: (request: RecordedRequest) => number;
  close(): Promise<void>;
};

const ENQUEUED_AT = "2025-01-15T09:00:00.000000Z";

export async function startFakeMeilisearch(): Promise<FakeMeilisearch> {
  const requests: RecordedRequest[] = [];
  const indexes = new Map<string, string | null>();
  const tasks = new Map<number, StoredTask>();
  const failures = new Map<string, MeiliErrorBody>();
  const hanging = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let nextTaskUid = 0;
  const stored = new Map<string, Map<string, Record<string, unknown>>>();
  const documentsOf = (uid: string) => {
    let documents = stored.get(uid);
    if (!documents) stored.set(uid, (documents = new Map()));
    return documents;
  };

  /** Enqueues a task; its effect on the fake's state applies when it succeeds. */
  function enqueue(
    indexUid: string | null,
    type: string,
    details: Record<string, unknown>,
    effect?: () => void,
  ): Reply {
    const uid = nextTaskUid++;
    const error = failures.get(type);
    failures.delete(type);
    const status = hanging.has(type) ? "processing" : error ? "failed" : "succeeded";
    if (status === "succeeded") effect?.();
    tasks.set(uid, { uid, indexUid, type, status, enqueuedAt: ENQUEUED_AT, details, error: error ?? null });
    return { status: 202, body: enqueuedTask(uid, indexUid, type, ENQUEUED_AT) };
  }

  function route(req: RecordedRequest): Reply {
    const { method, path } = req;
    const body = req.body;
    let match: RegExpMatchArray | null;

    if (method === "GET" && path === "/health") return { status: 200, body: HEALTH_AVAILABLE };

    if ((match = path.match(/^\/tasks\/(\d+)$/)) && method === "GET") {
      const task = tasks.get(Number(match[1]));
      if (!task)
        return {
          status: 404,
          body: {
            message: `Task \`${match[1]}\` not found.`,
            code: "task_not_found",
            type: "invalid_request",
            link: "https://docs.meilisearch.com/errors#task_not_found",
          },
        };
      return { status: 200, body: taskObject(task) };
    }

    if (method === "POST" && path === "/indexes") {
      const { uid, primaryKey } = body as { uid: string; primaryKey?: string };
      if (indexes.has(uid)) {
        failures.set("indexCreation", {
          message: `Index \`${uid}\` already exists.`,
          code: "index_already_exists",
          type: "invalid_request",
          link: "https://docs.meilisearch.com/errors#index_already_exists",
        });
      }
      return enqueue(uid, "indexCreation", { primaryKey: primaryKey ?? null }, () =>
        indexes.set(uid, primaryKey ?? null),
      );
    }

    if (method === "POST" && path === "/swap-indexes") {
      const swaps = body as { indexes: [string, string] }[];
      return enqueue(null, "indexSwap", { swaps }, () => {
        for (const {
          indexes: [a, b],
        } of swaps) {
          const first = documentsOf(a);
          stored.set(a, documentsOf(b));
          stored.set(b, first);
        }
      });
    }

    if ((match = path.match(/^\/indexes\/([^/]+)(\/.*)?$/))) {
      const uid = decodeURIComponent(match[1]);
      const rest = match[2] ?? "";
      if (method === "GET" && rest === "") {
        return indexes.has(uid)
          ? { status: 200, body: indexObject(uid, indexes.get(uid) ?? null) }
          : { status: 404, body: indexNotFound(uid) };
      }
      if (method === "DELETE" && rest === "")
        return enqueue(uid, "indexDeletion", { deletedDocuments: 0 }, () => (indexes.delete(uid), stored.delete(uid)));
      if (method === "PATCH" && rest === "/settings")
        return enqueue(uid, "settingsUpdate", body as Record<string, unknown>);
      if (method === "GET" && (match = rest.match(/^\/documents\/([^/]+)$/))) {
        if (!indexes.has(uid)) return { status: 404, body: indexNotFound(uid) };
        const document = documentsOf(uid).get(decodeURIComponent(match[1]));
        return document
          ? { status: 200, body: documentObject(document, req.query.fields) }
          : { status: 404, body: documentNotFound(decodeURIComponent(match[1])) };
      }
      if (method === "POST" && rest === "/documents") {
        const count = Array.isArray(body) ? body.length : 0;
        return enqueue(uid, "documentAdditionOrUpdate", { receivedDocuments: count, indexedDocuments: count }, () => {
          for (const document of Array.isArray(body) ? (body as Record<string, unknown>[]) : [])
            documentsOf(uid).set(String(document.id), document);
        });
      }
      if (method === "POST" && rest === "/documents/delete-batch") {
        return enqueue(
          uid,
          "documentDeletion",
          { providedIds: Array.isArray(body) ? body.length : 0, deletedDocuments: 0 },
          () => {
            for (const id of Array.isArray(body) ? body : []) documentsOf(uid).delete(String(id));
          },
        );
      }
      if (method === "POST" && rest === "/documents/delete") {
        const filter = String((body as { filter: unknown }).filter);
        return enqueue(
          uid,
          "documentDeletion",
          { providedIds: 0, originalFilter: JSON.stringify(filter), deletedDocuments: 0 },
          () => {
            for (const [id, document] of documentsOf(uid))
              if (passesFilter(document, filter)) documentsOf(uid).delete(id);
          },
        );
      }
      if (method === "POST" && rest === "/search") {
        if (!indexes.has(uid)) return { status: 404, body: indexNotFound(uid) };
        if (fake.storeDocuments) return { status: 200, body: searchStored(documentsOf(uid), body as StoredSearch) };
        return { status: 200, body: fake.searchResponse };
      }
    }

    return {
      status: 404,
      body: {
        message: `Unknown route ${method} ${path}`,
        code: "not_found",
        type: "invalid_request",
        link: "https://docs.meilisearch.com/errors",
      },
    };
  }

  const server = http.createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
      const raw = Buffer.concat(chunks).toString("utf8");
      const recorded: RecordedRequest = {
        method: incoming.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: raw === "" ? undefined : (JSON.parse(raw) as unknown),
        authorization: incoming.headers.authorization,
      };
      requests.push(recorded);
      const reply = () => {
        const { status, body } = route(recorded);
        response.writeHead(status, { "Content-Type": "application/json" });
        response.end(body === undefined ? "" : JSON.stringify(body));
      };
      const delay = fake.delayFor(recorded);
      if (delay <= 0) return reply();
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!response.destroyed) reply();
      }, delay);
      timers.add(timer);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeMeilisearch = {
    url: `http://127.0.0.1:${port}`,
    requests,
    calls: () => requests.filter((request) => !(request.method === "GET" && request.path.startsWith("/tasks/"))),
    indexes,
    failNextTask: (type, error) => void failures.set(type, error),
    hangTasks: (type) => void hanging.add(type),
    searchResponse: SEARCH_EMPTY,
    storeDocuments: false,
    delayFor: () => 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}

type StoredSearch = { q?: string; filter?: string; limit?: number; offset?: number; facets?: string[] };

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Meilisearch filter expressions as the adapter writes them: clauses `field IN ["a", "b"]` or `field = "a"`, joined by AND. */
export function passesFilter(document: Record<string, unknown>, filter: string | undefined): boolean {
  if (!filter) return true;
  return filter.split(" AND ").every((clause) => {
    const match = /^(\w+) (?:IN \[(.*)\]|= (.*))$/.exec(clause.trim());
    if (!match) throw new Error(`fake Meilisearch cannot read the filter clause ${clause}`);
    const allowed = (JSON.parse(`[${match[2] ?? match[3]}]`) as string[]).map(String);
    const value = document[match[1]];
    return Array.isArray(value)
      ? value.some((entry) => allowed.includes(String(entry)))
      : allowed.includes(String(value));
  });
}

function searchStored(documents: Map<string, Record<string, unknown>>, search: StoredSearch) {
  const query = words(search.q ?? "");
  const matching = [...documents.values()].filter((document) => {
    const text = new Set(
      words([document.title, document.section, document.body, ...((document.tags as string[]) ?? [])].join(" ")),
    );
    return query.every((word) => text.has(word)) && passesFilter(document, search.filter);
  });
  const offset = search.offset ?? 0;
  const limit = search.limit ?? 20;
  const facetDistribution: Record<string, Record<string, number>> = {};
  for (const facet of search.facets ?? []) {
    const counts: Record<string, number> = {};
    for (const document of matching) {
      const value = document[facet];
      for (const entry of Array.isArray(value) ? value : [value])
        counts[String(entry)] = (counts[String(entry)] ?? 0) + 1;
    }
    facetDistribution[facet] = counts;
  }
  return {
    hits: matching
      .slice(offset, offset + limit)
      .map((document) => ({ ...document, _formatted: { title: document.title, body: document.body } })),
    query: search.q ?? "",
    processingTimeMs: 0,
    limit,
    offset,
    estimatedTotalHits: matching.length,
    ...(search.facets?.length ? { facetDistribution } : {}),
  };
}
