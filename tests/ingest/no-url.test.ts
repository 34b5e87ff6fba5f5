/**
 * A source with no url (a note, a paper copy): ingested from title, author and date alone, and
 * cited by them on every platform, never as "undefined".
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { renderDiscord } from "../../src/adapters/discord/render.ts";
import { renderBlocks } from "../../src/adapters/slack/render.ts";
import { Bot } from "../../src/bot.ts";
import { consoleOrigin } from "../../src/core/command.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import { openKnowledge } from "../../src/knowledge/knowledge.ts";
import { renderText } from "../../src/render/text.ts";
import { copyOfKnowledge } from "../support/articles.ts";
import { recordingLogger } from "../support/knowledge.ts";

const NOTE = path.resolve(import.meta.dirname, "../fixtures/articles/fixture-note-no-url.md");
const dir = copyOfKnowledge();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const report = ingestFile(NOTE, { knowledgeDir: dir });
const bot = new Bot(openKnowledge(dir), recordingLogger());
const run = (line: string) => bot.router.runText(line, consoleOrigin);

describe("a note with no url", () => {
  it("is ingested, its author standing as publisher, with no url in source.yaml", () => {
    expect(report).toMatchObject({ created: true, changed: true });
    const source = YAML.parse(
      readFileSync(path.join(dir, report.folder, "source.yaml"), "utf8"),
    ) as Record<string, unknown>;
    expect(source).toMatchObject({
      title: "Notes on Port Inspections at Umm Qasr",
      author: "Leila Hamdan",
      publisher: "Leila Hamdan",
      published: "2025-09-03",
    });
    expect(source).not.toHaveProperty("url");
  });

  it("answers from it, cited by author, title and date on every platform", async () => {
    const reply = await run("/ask when did customs start inspecting tankers at umm qasr");
    expect(reply.kind).toBe("answer");
    expect(reply.citations[0]).toMatchObject({ sourceId: report.id, published: "2025-09-03" });
    expect(reply.citations[0]?.url).toBeUndefined();
    const text = renderText(reply);
    expect(text).toContain(
      "Leila Hamdan, “Notes on Port Inspections at Umm Qasr”, September 3, 2025",
    );
    const discord = JSON.stringify(renderDiscord(reply));
    const slack = JSON.stringify(renderBlocks(reply));
    for (const rendered of [text, discord, slack]) expect(rendered).not.toContain("undefined");
    expect(slack).toContain("Leila Hamdan");
    expect(discord).toContain("Leila Hamdan");
  });

  it("is listed by /source without an address", async () => {
    const reply = await run("/source");
    const section = reply.sections.find(
      (s) => s.heading === "Notes on Port Inspections at Umm Qasr",
    );
    expect(section?.points.map((p) => p.text)).toEqual([
      "By Leila Hamdan, Leila Hamdan, published September 3, 2025.",
      expect.stringMatching(/^\d+ facts \(\d+ drafts?, not yet curated\) from 2 paragraphs\.$/),
    ]);
  });
});
