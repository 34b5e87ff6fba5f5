/**
 * An article's text as a source: metadata (YAML front matter, or what the text shows: a title
 * line, a "By ..." line, a series tag such as "- PolicyWatch 4078"), then numbered paragraphs
 * under their section headings. Plain text with one paragraph a line, plain text hard-wrapped
 * with blank lines between paragraphs, and Markdown (#, ## headings, lists, emphasis) all work.
 */
import YAML from "yaml";
import { z } from "zod";
import { IngestError } from "./errors.ts";

export interface ArticleMeta {
  id?: string;
  title?: string;
  series?: string;
  author?: string;
  publisher?: string;
  published?: string;
  url?: string;
  summary?: string;
}

export interface ArticleParagraph {
  n: number;
  section: string;
  text: string;
}

export interface ParsedArticle {
  meta: ArticleMeta;
  paragraphs: ArticleParagraph[];
}

/** Sections before the first heading: the lead of the article. */
export const INTRODUCTION = "Introduction";
export const SUMMARY = "Summary";
const MAX_SUMMARY_LENGTH = 300;
const MAX_HEADING_LENGTH = 90;
const MAX_HEADING_WORDS = 12;
const MAX_TITLE_LENGTH = 200;

const text = z
  .union([z.string(), z.number(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim()))
  .optional();

/** Front matter keys we read; others (tags, layout ...) are ignored. */
const FrontMatterSchema = z.looseObject({
  id: text,
  title: text,
  series: text,
  author: text,
  authors: z.array(z.string()).optional(),
  publisher: text,
  published: text,
  date: text,
  url: text,
  link: text,
  summary: text,
  description: text,
});

export function parseArticle(raw: string, name: string): ParsedArticle {
  const { meta, body } = splitFrontMatter(raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"), name);
  const lines = body.split("\n").map((l) => l.replace(/[ \t\u00a0]+$/g, ""));
  let i = 0;
  const skipBlank = () => {
    while (i < lines.length && (lines[i] ?? "").trim() === "") i++;
  };

  // Header: tags ("- Policy Analysis", "- PolicyWatch 4078"), the title, "By ...", a date line.
  skipBlank();
  while (i < lines.length && isListItem(lines[i] ?? "")) {
    const tag = stripListMarker(lines[i] ?? "");
    if (!meta.series && /^\p{L}[\p{L} .&-]*\p{L} \d+[A-Za-z]?$/u.test(tag)) meta.series = tag;
    i++;
  }
  skipBlank();
  const first = (lines[i] ?? "").trim();
  const markdownTitle = /^#\s+(.+)$/.exec(first);
  if (markdownTitle) {
    meta.title ??= cleanInline(markdownTitle[1] ?? "");
    i++;
  } else if (!meta.title && looksLikeTitle(first, lines[i + 1])) {
    meta.title = cleanInline(first);
    i++;
  }
  for (let look = 0; look < 4 && i < lines.length; look++) {
    const line = (lines[i] ?? "").trim();
    if (line === "") {
      i++;
      continue;
    }
    const by = /^by\s+(.{2,80})$/i.exec(line);
    if (by && !/[.!?]$/.test(line)) {
      meta.author ??= cleanInline(by[1] ?? "");
      i++;
      continue;
    }
    if (isDateLine(line)) {
      meta.published ??= line;
      i++;
      continue;
    }
    break;
  }

  const paragraphs = parseBody(lines.slice(i));
  if (paragraphs.length === 0) {
    throw new IngestError(`${name}: no paragraphs found after the title; is the article there?`);
  }
  // A short first paragraph ahead of the lead is the article's summary (its "dek").
  const [dek, lead] = paragraphs;
  if (dek && lead?.section === INTRODUCTION && dek.section === INTRODUCTION) {
    if (dek.text.length <= MAX_SUMMARY_LENGTH) dek.section = SUMMARY;
  }
  return { meta, paragraphs };
}

function splitFrontMatter(text: string, name: string): { meta: ArticleMeta; body: string } {
  const match = /^---\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!match) {
    if (/^---\n/.test(text)) {
      throw new IngestError(`${name}: the front matter opens with --- but never closes it`);
    }
    return { meta: {}, body: text };
  }
  let data: unknown;
  try {
    data = YAML.parse(match[1] ?? "");
  } catch (error) {
    const first = (error as Error).message.split("\n")[0];
    throw new IngestError(`${name}: the front matter is not valid YAML: ${first}`);
  }
  const parsed = FrontMatterSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "(top)";
    throw new IngestError(
      `${name}: front matter field "${field}": ${issue?.message ?? "not understood"}`,
    );
  }
  const fm = parsed.data;
  const meta: ArticleMeta = {};
  const set = (key: keyof ArticleMeta, value: string | undefined) => {
    if (value) meta[key] = value;
  };
  set("id", fm.id);
  set("title", fm.title);
  set("series", fm.series);
  set("author", fm.author ?? fm.authors?.join(", "));
  set("publisher", fm.publisher);
  set("published", fm.published ?? fm.date);
  set("url", fm.url ?? fm.link);
  set("summary", fm.summary ?? fm.description);
  return { meta, body: text.slice(match[0].length) };
}

/** Paragraphs and sections of the body. */
function parseBody(lines: string[]): ArticleParagraph[] {
  const paragraphs: ArticleParagraph[] = [];
  let section = INTRODUCTION;
  const add = (text: string) => {
    // A paragraph that is only a link ("[Click here for ...](url)") is navigation, not text.
    if (LINK_ONLY.test(text.trim())) return;
    const clean = cleanInline(text);
    if (/\p{L}/u.test(clean)) paragraphs.push({ n: paragraphs.length + 1, section, text: clean });
  };
  for (const block of blocks(lines)) {
    let wrapped: string[] = [];
    const flush = () => {
      if (wrapped.length > 0) add(wrapped.join(" "));
      wrapped = [];
    };
    const perLine = block.every(
      (line, j) => endsSentence(line) || isHeading(line, block[j + 1]) || isListItem(line),
    );
    block.forEach((line, j) => {
      const heading =
        /^#{1,6}\s+(.+)$/.exec(line) ?? (block.length === 1 ? BOLD_LINE.exec(line) : null);
      // Inside hard-wrapped text a short line ending without a stop ("... later this year the")
      // runs on: only a line after a finished sentence may be a heading there.
      const mayBeHeading = perLine || j === 0 || endsSentence(block[j - 1] ?? "");
      if (heading || (mayBeHeading && isHeading(line, block[j + 1]))) {
        flush();
        section = cleanInline(heading ? (heading[1] ?? "") : line).replace(/:$/, "");
      } else if (isListItem(line)) {
        flush();
        add(stripListMarker(line));
      } else if (perLine) {
        add(line);
      } else {
        wrapped.push(line.trim());
      }
    });
    flush();
  }
  return paragraphs;
}

function blocks(lines: string[]): string[][] {
  const result: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.trim() === "") {
      if (current.length > 0) result.push(current);
      current = [];
    } else if (!/^(?:[-*_]\s*){3,}$/.test(line.trim())) {
      current.push(line);
    }
  }
  if (current.length > 0) result.push(current);
  return result;
}

/** A short line that does not end a sentence, followed by text: "Militias Stand Down". */
function isHeading(line: string, next: string | undefined): boolean {
  if (/^#{1,6}\s/.test(line)) return true;
  const t = line.trim();
  if (isListItem(t) || t.length > MAX_HEADING_LENGTH || endsSentence(t)) return false;
  if (/[,;]$/.test(t) || !/^[\p{Lu}\d"“‘']/u.test(t)) return false;
  if (t.split(/\s+/).length > MAX_HEADING_WORDS) return false;
  // A line that stops on "the" or "of" runs on into the next: wrapped text, not a heading.
  if (RUNS_ON.test(t)) return false;
  // A heading introduces a paragraph: the next line starts one. A line of wrapped text ("...
  // so that") runs on in lowercase, and a short unpunctuated last line is no heading.
  return next !== undefined && /^\s*(?:[\p{Lu}\d"“‘'(]|[-*+•]\s)/u.test(next);
}

const RUNS_ON = /\s(?:the|a|an|of|and|or|to|in|on|for|with|by|at|from|that|as|its|their)$/i;

function looksLikeTitle(line: string, next: string | undefined): boolean {
  if (!line || line.length > MAX_TITLE_LENGTH || isListItem(line)) return false;
  if (/[.!,;]$/.test(line)) return false;
  return next !== undefined;
}

function endsSentence(line: string): boolean {
  return /[.!?…:]["”’')\]]*$/.test(line.trim());
}

function isListItem(line: string): boolean {
  return /^\s*(?:[-*+•]|\d+[.)])\s+\S/.test(line);
}

function stripListMarker(line: string): string {
  return line.replace(/^\s*(?:[-*+•]|\d+[.)])\s+/, "").trim();
}

const MONTHS =
  "January|February|March|April|May|June|July|August|September|October|November|December";

function isDateLine(line: string): boolean {
  return (
    /^\d{4}-\d{2}(-\d{2})?$/.test(line) ||
    new RegExp(`^(?:${MONTHS}) \\d{1,2}, \\d{4}$`).test(line) ||
    new RegExp(`^\\d{1,2} (?:${MONTHS}) \\d{4}$`).test(line)
  );
}

/** A paragraph made of one Markdown link and nothing else. */
const LINK_ONLY = /^\[[^\]]+\]\([^)]*\)[.\s]*$/;
/** A line that is all bold: a heading in Markdown that has no # ("**Energy and Environment**"). */
const BOLD_LINE = /^\s*(?:\*\*|__)([^*_]+?)(?:\*\*|__)\s*$/;

/**
 * Markdown emphasis, code and links as plain words; whitespace collapsed. Emphasis markers
 * left over from a conversion (`** Name**`, `Register*is`) are dropped too, and a sentence
 * run into the next without a space ("concern.Along") gets its space back.
 */
export function cleanInline(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\\([#*_[\]()`])/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/(^|[\s(])[*_](?=\S)(.+?)(?<=\S)[*_](?=[\s).,;:!?]|$)/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/(\p{L})\*+(?=\p{L})/gu, "$1 ")
    .replace(/\*+/g, "")
    .replace(/(\p{Ll}{2})\.(?=\p{Lu}\p{Ll}|[“"])/gu, "$1. ")
    .replace(/\s+/g, " ")
    .replace(/\(\s+/g, "(")
    .replace(/\s+([),])/g, "$1")
    .trim();
}
