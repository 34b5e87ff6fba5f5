/**
 * The worker thread of reload-worker.ts: loads and validates the knowledge (through the compiled
 * cache) off the main thread, then posts it in parts small enough that receiving one never holds
 * the main thread for more than a few milliseconds.
 */
import { parentPort, workerData } from "node:worker_threads";
import { CompiledCache } from "./compiled-cache.ts";
import { KnowledgeError, loadKnowledge } from "./load.ts";
import type { LoadMessage, LoadRequest } from "./reload-worker.ts";

const { dir, cacheDir, partSize } = workerData as LoadRequest;
const post = (message: LoadMessage) => parentPort?.postMessage(message);

try {
  const cache = cacheDir === false ? false : new CompiledCache(cacheDir);
  const base = loadKnowledge(dir, { cache });
  const parts = <T>(items: readonly T[], size: number, send: (part: T[]) => void) => {
    for (let i = 0; i < items.length; i += size) send(items.slice(i, i + size));
  };
  // A source carries its paragraphs, about forty facts' worth of text.
  parts([...base.sources.values()], Math.max(1, Math.round(partSize / 40)), (sources) =>
    post({ kind: "sources", sources }),
  );
  parts([...base.entities.values()], partSize, (entities) => post({ kind: "entities", entities }));
  parts(base.facts, partSize, (facts) => post({ kind: "facts", facts }));
  post({ kind: "done", topics: [...base.topics.values()], synonyms: base.synonyms });
} catch (error) {
  post(
    error instanceof KnowledgeError
      ? { kind: "invalid", problems: error.problems }
      : { kind: "failed", message: error instanceof Error ? error.message : String(error) },
  );
}
