/** Rendering a Reply as Block Kit: escaping, Slack's limits, trimming with a pointer. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  escapeText,
  fitEscaped,
  renderBlocks,
  renderMessage,
  responseType,
  SLACK_LIMITS,
} from "../../src/adapters/slack/render.ts";
import { type Citation, type Reply, reply } from "../../src/core/reply.ts";
import { allText, unescapedMarkup } from "./helpers.ts";
import { blockProblems } from "./stand-in.ts";

const PINGS = "<!channel> <@U123> & <!here>";

function citation(n: number, quote: string): Citation {
  return {
    factId: `f${n}`,
    sourceId: `s${n % 3}`,
    sourceTitle: `Title ${n % 3} ${PINGS}`,
    series: "PolicyWatch 4078",
    author: "Michael Knights",
    paragraph: n,
    section: "",
    quote,
    url: n % 3 === 2 ? "javascript:<!channel>" : `https://example.org/a?b=${n % 3}&c=2`,
  };
}

/** Far over every limit: 60 sections of 40 long points, 150 citations, a 500-character title. */
function enormous(): Reply {
  return reply({
    kind: "info",
    title: `${PINGS} `.repeat(20),
    lead: `${PINGS} `.repeat(400),
    sections: Array.from({ length: 60 }, (_, s) => ({
      heading: `Part ${s} ${PINGS}`,
      points: Array.from({ length: 40 }, (_, p) => ({
        text: `${PINGS} point ${p} `.repeat(20),
        cites: [p + 1],
      })),
    })),
    citations: Array.from({ length: 150 }, (_, i) => citation(i + 1, `${PINGS} quote `.repeat(60))),
    suggestions: Array.from({ length: 30 }, () => `/ask ${PINGS}`),
    errorId: "ABC123",
    visibility: "channel",
  });
}

describe("escapeText", () => {
  it("escapes & first, then < and >, and nothing else", () => {
    expect(escapeText("<!channel> & <@U123> *bold* _it_")).toBe(
      "&lt;!channel&gt; &amp; &lt;@U123&gt; *bold* _it_",
    );
    expect(escapeText("&lt;")).toBe("&amp;lt;");
  });

  it("drops control characters but keeps newlines and tabs", () => {
    expect(escapeText("a\u0000b\u0007c\u001b[0m\u007fd\ne\tf")).toBe("abc[0md\ne\tf");
  });
});

describe("fitEscaped", () => {
  it("never exceeds its budget and never cuts an entity in half", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("<", ">", "&", "a", " ", "é", "\u0000") }),
        fc.integer({ min: 2, max: 400 }),
        (text, max) => {
          const fitted = fitEscaped(text, max);
          expect(fitted.length).toBeLessThanOrEqual(max);
          expect(fitted).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
        },
      ),
    );
  });

  it("keeps text that fits as it is, escaped", () => {
    expect(fitEscaped("A & B", 150)).toBe("A &amp; B");
  });
});

describe("renderBlocks", () => {
  it("fits an enormous reply into Slack's limits, with a pointer to what was left out", () => {
    const message = renderMessage(enormous());
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(blockProblems(message.blocks)).toEqual([]);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallback);
    expect(unescapedMarkup(message)).toEqual([]);
    const texts = allText(message);
    expect(texts.some((t) => /more points? and \d+ more citations? not shown/.test(t))).toBe(true);
    // Citations still make it in, and the footer (suggestions, error id) is kept.
    expect(texts.some((t) => t.startsWith("[1] ¶1: “"))).toBe(true);
    expect(texts.at(-1)).toBe("Error id: ABC123");
    const chars = texts.slice(1).reduce((n, t) => n + t.length, 0);
    expect(chars).toBeLessThanOrEqual(SLACK_LIMITS.totalChars + 6000);
  });

  it("links a source only through a plain http(s) URL, escaped; anything else is text", () => {
    const message = renderMessage(
      reply({ kind: "info", title: "t", citations: [citation(1, "q"), citation(2, "q")] }),
    );
    const texts = allText(message);
    expect(texts).toContain(
      "<https://example.org/a?b=1&amp;c=2|Michael Knights, “Title 1 &lt;!channel&gt; &lt;@U123&gt; &amp; &lt;!here&gt;” (PolicyWatch 4078)>",
    );
    expect(texts.some((t) => t.includes("javascript:&lt;!channel&gt;") && !t.startsWith("<"))).toBe(
      true,
    );
  });

  it("renders a small reply whole: header, lead, bold headings, bullets with citation marks", () => {
    const blocks = renderBlocks(
      reply({
        kind: "answer",
        title: "Q & A",
        lead: "Yes.",
        sections: [{ heading: "Why", points: [{ text: "Because <this>.", cites: [1] }] }],
        citations: [citation(1, "Because this.")],
      }),
    );
    expect(blocks.map((b) => b.type)).toEqual(["header", "section", "section", "context"]);
    expect(blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Q &amp; A", emoji: false },
    });
    expect(blocks[2]).toMatchObject({
      text: { type: "mrkdwn", text: "*Why*\n• Because &lt;this&gt;. [1]", verbatim: true },
    });
    expect(allText({ blocks }).join("\n")).not.toContain("not shown");
  });

  it("splits a section over 3,000 characters into several, keeping every point", () => {
    const points = Array.from({ length: 30 }, (_, i) => ({
      text: `point ${i} ${"x".repeat(300)}`,
      cites: [],
    }));
    const blocks = renderBlocks(
      reply({ kind: "info", title: "t", sections: [{ heading: "Many", points }] }),
    );
    const sections = blocks.filter((b) => b.type === "section");
    expect(sections.length).toBeGreaterThan(3);
    expect(blockProblems(blocks)).toEqual([]);
    expect(
      allText({ blocks })
        .join("\n")
        .match(/• point/g),
    ).toHaveLength(30);
  });
});

describe("responseType", () => {
  it("shares only answers meant for the channel; usage and apologies stay ephemeral", () => {
    expect(responseType(reply({ kind: "info", title: "t", visibility: "channel" }))).toBe(
      "in_channel",
    );
    expect(responseType(reply({ kind: "info", title: "t" }))).toBe("ephemeral");
    expect(responseType(reply({ kind: "error", title: "t", visibility: "channel" }))).toBe(
      "ephemeral",
    );
    expect(responseType(reply({ kind: "usage", title: "t", visibility: "channel" }))).toBe(
      "ephemeral",
    );
  });
});
