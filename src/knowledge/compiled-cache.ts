/**
 * The compiled knowledge: each knowledge file's validated content, stored as JSON under a key
 * made of the file's text and the schema it was checked against. A file whose text has not
 * changed is taken from here instead of being parsed (YAML) and validated (zod) again: at
 * 100,000 facts that is 34 s of a 44 s start-up. The YAML stays the only thing people edit;
 * this folder is never committed, and deleting it costs one slow start.
 *
 * Nothing here is trusted blindly. An entry names its format, its key and the SHA-256 of its
 * body; one that does not match (stale, truncated, hand-edited, another version's) is a miss,
 * and the file is read from its YAML and the entry written again. Writes go to a temporary file
 * renamed into place, so a reader never sees half an entry, and any failure to read or write
 * the cache only costs the time it would have saved: loading never stops for it.
 *
 * Entries are shared by every knowledge folder (the key is the content, not the path): tests'
 * copies of knowledge/ and the synthetic bench knowledge reuse the same entries. An entry not
 * read for PRUNE_AFTER_DAYS is removed.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { type ZodType, z } from "zod";
import { MAX_FIELD_CHARS } from "./safe-read.ts";

/** Bump when the layout of an entry changes; a schema change is seen by itself (its JSON Schema). */
const FORMAT = 1;
/** An entry is JSON of a validated file of at most 2 MB: a bound well above it, against floods. */
const MAX_ENTRY_BYTES = 16 * 1024 * 1024;
const PRUNE_AFTER_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;
const ENTRY = /^[0-9a-f]{64}\.json$/;

/** The project's cache folder: gitignored, outside knowledge/ so copies of it stay small. */
export const DEFAULT_CACHE_DIR = path.resolve(import.meta.dirname, "../../.cache/knowledge");

export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries found but refused (corrupt, stale format, wrong key) and so rebuilt. */
  rejected: number;
  writeFailures: number;
}

export class CompiledCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, rejected: 0, writeFailures: 0 };
  private readonly fingerprints = new WeakMap<ZodType, string>();
  private ready = false;

  constructor(readonly dir: string = DEFAULT_CACHE_DIR) {}

  /** The key of a file's text as validated by `schema`: any change to either is a new key. */
  keyOf(schema: ZodType, text: string): string {
    return createHash("sha256")
      .update(`policywatch-knowledge ${FORMAT}\0${this.fingerprint(schema)}\0`)
      .update(text)
      .digest("hex");
  }

  /** The validated content stored under `key`, or undefined when absent or not intact. */
  read(key: string): unknown {
    let raw: Buffer;
    let modified: number;
    try {
      ({ raw, modified } = readEntry(this.entryPath(key)));
    } catch {
      this.stats.misses++;
      return undefined;
    }
    const body = parseEntry(raw, key);
    if (body === undefined) {
      this.stats.rejected++;
      return undefined;
    }
    this.stats.hits++;
    // Mark it used, at most once a day: what is never read again is pruned.
    if (Date.now() - modified > DAY_MS) this.quietly(() => touch(this.entryPath(key)));
    return body;
  }

  /** Stores `data` under `key`; a failure is counted, never thrown. */
  write(key: string, data: unknown): void {
    this.quietly(() => {
      this.prepare();
      const body = Buffer.from(JSON.stringify(data));
      const header = JSON.stringify({ format: FORMAT, key, bytes: body.length, sha256: sha(body) });
      const file = this.entryPath(key);
      const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        writeFileSync(temporary, Buffer.concat([Buffer.from(`${header}\n`), body]));
        renameSync(temporary, file);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
      }
    });
  }

  private entryPath(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }

  /** Creates the folder, and prunes old entries once per process. */
  private prepare(): void {
    if (this.ready) return;
    mkdirSync(this.dir, { recursive: true });
    this.ready = true;
    prune(this.dir, Date.now() - PRUNE_AFTER_DAYS * DAY_MS);
  }

  private quietly(action: () => void): void {
    try {
      action();
    } catch {
      this.stats.writeFailures++;
    }
  }

  private fingerprint(schema: ZodType): string {
    let found = this.fingerprints.get(schema);
    if (!found) {
      const shape = JSON.stringify(z.toJSONSchema(schema, { io: "output" }));
      found = sha(Buffer.from(`${shape} ${MAX_FIELD_CHARS}`));
      this.fingerprints.set(schema, found);
    }
    return found;
  }
}

/** An entry's bytes: a regular file (no symlink followed) of at most MAX_ENTRY_BYTES. */
function readEntry(file: string): { raw: Buffer; modified: number } {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_ENTRY_BYTES) throw new Error("not a cache entry");
    return { raw: readFileSync(fd), modified: stat.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/** The body of an entry whose header matches its key and its bytes; undefined otherwise. */
function parseEntry(raw: Buffer, key: string): unknown {
  const newline = raw.indexOf(10);
  if (newline < 0) return undefined;
  try {
    const header = JSON.parse(raw.toString("utf8", 0, newline)) as Record<string, unknown>;
    const body = raw.subarray(newline + 1);
    if (header.format !== FORMAT || header.key !== key || header.bytes !== body.length)
      return undefined;
    if (header.sha256 !== sha(body)) return undefined;
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

function sha(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function touch(file: string): void {
  const now = new Date();
  utimesSync(file, now, now);
}

/** Removes entries last used before `before`, and temporary files left by a crash. */
function prune(dir: string, before: number): void {
  for (const name of readdirSync(dir)) {
    const stale = ENTRY.test(name) || name.endsWith(".tmp");
    if (!stale) continue;
    try {
      const file = path.join(dir, name);
      if (statSync(file).mtimeMs < before) rmSync(file, { force: true });
    } catch {
      // Gone meanwhile (another process pruned it): nothing to do.
    }
  }
}
