/**
 * Loading the knowledge in a worker thread, so that a reload does not stop the answers: reading,
 * parsing and validating 100,000 facts takes 15 s cold (0.9 s from the compiled cache), all of
 * it on the worker. The worker posts the knowledge in parts; each arrives as its own event on
 * the main thread, so questions are answered between two parts, by the knowledge serving until
 * the reloader swaps the new one in. A knowledge that does not validate rejects with the same
 * KnowledgeError as loadKnowledge, naming each file, entry and field.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { DEFAULT_CACHE_DIR } from "./compiled-cache.ts";
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeError } from "./load.ts";
import type { Entity, Fact, KnowledgeBase, Source, Topic } from "./types.ts";

/** Facts in one message: about 0.5 MB, a millisecond or two to receive. */
const PART_SIZE = 500;

export interface LoadRequest {
  dir: string;
  /** The compiled cache's folder, or false to parse and validate everything. */
  cacheDir: string | false;
  partSize: number;
}

export type LoadMessage =
  | { kind: "sources"; sources: Source[] }
  | { kind: "entities"; entities: Entity[] }
  | { kind: "facts"; facts: Fact[] }
  | { kind: "done"; topics: Topic[]; synonyms: readonly (readonly string[])[] }
  | { kind: "invalid"; problems: string[] }
  | { kind: "failed"; message: string };

/**
 * The worker runs TypeScript, as the bot does: through tsx, wherever the bot was started (or
 * under vitest). Node 20 does not apply a worker's `--import` hooks to its entry file, so the
 * entry is imported through tsx's API.
 */
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve("tsx/esm/api")
    .replace(/\.cjs$/, ".mjs"),
).href;
const ENTRY = new URL("./reload-worker-entry.ts", import.meta.url).href;
const BOOT = `import(${JSON.stringify(TSX_API)}).then((tsx) => tsx.tsImport(${JSON.stringify(ENTRY)}, ${JSON.stringify(ENTRY)}))`;

/** loadKnowledge(dir), in a worker thread. */
export function loadInWorker(
  dir: string = DEFAULT_KNOWLEDGE_DIR,
  options: { cacheDir?: string | false } = {},
): Promise<KnowledgeBase> {
  const request: LoadRequest = {
    dir,
    cacheDir: options.cacheDir ?? DEFAULT_CACHE_DIR,
    partSize: PART_SIZE,
  };
  const worker = new Worker(BOOT, { eval: true, workerData: request, execArgv: [] });
  const sources = new Map<string, Source>();
  const entities = new Map<string, Entity>();
  const facts: Fact[] = [];
  const factsById = new Map<string, Fact>();
  return new Promise<KnowledgeBase>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on("message", (message: LoadMessage) => {
      switch (message.kind) {
        case "sources":
          for (const source of message.sources) sources.set(source.id, source);
          return;
        case "entities":
          for (const entity of message.entities) entities.set(entity.id, entity);
          return;
        case "facts":
          for (const fact of message.facts) {
            facts.push(fact);
            factsById.set(fact.id, fact);
          }
          return;
        case "done": {
          const topics = new Map(message.topics.map((t) => [t.id, t]));
          const { synonyms } = message;
          const base = { sources, entities, topics, facts, factsById, synonyms };
          return settle(() => resolve({ ...base, loadedAt: new Date() }));
        }
        case "invalid":
          return settle(() => reject(new KnowledgeError(message.problems)));
        case "failed":
          return settle(() =>
            reject(new Error(`loading the knowledge failed: ${message.message}`)),
          );
      }
    });
    worker.on("error", (error) => settle(() => reject(error)));
    worker.on("exit", (code) =>
      settle(() => reject(new Error(`the knowledge loader stopped (exit ${code})`))),
    );
  });
}
