/**
 * Reading a knowledge file without trusting it. An edit under the knowledge folder is someone's
 * input: a file symlinked to /dev/zero once grew the process to 8 GB, a 50 MB string stalled
 * every answer for 12 s. So a file is read only when it is a regular file inside the folder (its
 * real path, symlinks resolved), of at most MAX_FILE_BYTES (checked on the open file, then the
 * read itself stops there), with no line longer than MAX_FIELD_CHARS; all before YAML parses it.
 * After parsing, no string may be longer than MAX_FIELD_CHARS either (a field folded over many
 * lines). Each refusal says which file and why, so a curator can fix it.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from "node:fs";
import path from "node:path";

/** 50 times the largest file today (facts.yaml, 40 KB): room for long articles, not for floods. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** 17 times the longest line today (a paragraph of 1,159 characters). */
export const MAX_FIELD_CHARS = 20_000;

export class UnsafeFileError extends Error {
  override name = "UnsafeFileError";
}

/** The text of `file`, or an UnsafeFileError saying why it was not read. */
export function readKnowledgeText(root: string, file: string): string {
  const real = realpathSync(file);
  const inside = realpathSync(root) + path.sep;
  if (!real.startsWith(inside)) {
    throw new UnsafeFileError(`it leads outside the knowledge folder (to ${real}); refused`);
  }
  // O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: no swap since realpath.
  const fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UnsafeFileError("it is not a regular file; refused");
    if (stat.size > MAX_FILE_BYTES) throw new UnsafeFileError(tooBig(stat.size));
    const text = readAtMost(fd, MAX_FILE_BYTES, stat.size);
    const line = longestLine(text);
    if (line > MAX_FIELD_CHARS) {
      throw new UnsafeFileError(
        `a line has ${line} characters, over the ${MAX_FIELD_CHARS} a field may have; refused`,
      );
    }
    return text;
  } finally {
    closeSync(fd);
  }
}

/** The dotted path of the first string longer than MAX_FIELD_CHARS in parsed YAML, if any. */
export function overlongField(value: unknown, at = ""): string | undefined {
  if (typeof value === "string")
    return value.length > MAX_FIELD_CHARS ? at || "(the file)" : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = overlongField(inner, at ? `${at}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

/**
 * Reads up to `limit` bytes; a file that grew past it since fstat is refused, not cut. The buffer
 * starts at the size fstat gave (a 2 MB buffer per file cost 2.7 GB of allocations, and 0.4 s of
 * garbage collection, for the 1,337 files of 100,000 facts) and grows if the file did.
 */
function readAtMost(fd: number, limit: number, expected: number): string {
  let buffer = Buffer.allocUnsafe(Math.min(limit, expected) + 1);
  let filled = 0;
  for (;;) {
    if (filled === buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(limit + 1, buffer.length * 2));
      buffer.copy(grown, 0, 0, filled);
      buffer = grown;
    }
    const n = readSync(fd, buffer, filled, buffer.length - filled, null);
    if (n === 0) break;
    filled += n;
    if (filled > limit) throw new UnsafeFileError(tooBig(filled));
  }
  return buffer.toString("utf8", 0, filled);
}

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (;;) {
    const end = text.indexOf("\n", start);
    const length = (end === -1 ? text.length : end) - start;
    if (length > longest) longest = length;
    if (end === -1) return longest;
    start = end + 1;
  }
}

function tooBig(size: number): string {
  return `it has ${size} bytes, over the ${MAX_FILE_BYTES} a knowledge file may have; refused`;
}
