/**
 * Reads an article file and refuses, with a clear message, what cannot be an article: a missing
 * file, a folder, an empty file, a binary one, one that is not UTF-8, or one far too large.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { IngestError } from "./errors.ts";

/** An analysis article is tens of kilobytes; a file past this is not one. */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

export function readArticleFile(file: string): string {
  const name = path.basename(file);
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new IngestError(`${name} is a folder; give the article file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError(`${file}: no such file`);
  }
  if (size > MAX_ARTICLE_BYTES) {
    throw new IngestError(
      `${name} is ${megabytes(size)}; an article is at most ${megabytes(MAX_ARTICLE_BYTES)}. Is this the right file?`,
    );
  }
  return decodeArticle(readFileSync(file), name);
}

/** Bytes to text: UTF-8 only, no NUL bytes or control characters, something to read. */
export function decodeArticle(bytes: Uint8Array, name: string): string {
  if (bytes.length > MAX_ARTICLE_BYTES) {
    throw new IngestError(
      `${name} is ${megabytes(bytes.length)}; an article is at most ${megabytes(MAX_ARTICLE_BYTES)}. Is this the right file?`,
    );
  }
  if (bytes.includes(0)) {
    throw new IngestError(
      `${name} looks binary (it holds NUL bytes); give a plain-text or Markdown article`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new IngestError(`${name} is not UTF-8 text; save it as UTF-8 and try again`);
  }
  // Control characters other than tab and line breaks: a binary format that has no NUL byte.
  const controls = countControlCharacters(text);
  if (controls > 0) {
    throw new IngestError(
      `${name} looks binary (${controls} control characters); give a plain-text or Markdown article`,
    );
  }
  if (text.trim().length === 0) throw new IngestError(`${name} is empty; nothing to ingest`);
  return text;
}

function countControlCharacters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 32 && !ALLOWED_CONTROLS.has(code)) || code === 127) count++;
  }
  return count;
}

/** Tab, line feed, form feed, carriage return. */
const ALLOWED_CONTROLS = new Set([9, 10, 12, 13]);

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
