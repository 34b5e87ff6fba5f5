/**
 * The renderer as a pure function: a small reply is shown whole; a huge one is cut to fit every
 * Discord limit with a "more" pointer; text we did not write cannot format, link or ping. Every
 * message is checked twice: by the renderer's own checker and by the stand-in's, written apart.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  discordLimitProblems,
  fitText,
  messageFlags,
  renderDiscord,
} from "../../src/adapters/discord/render.ts";
import type { Citation, Reply } from "../../src/core/reply.ts";
import { reply } from "../../src/core/reply.ts";
import { messageErrors } from "./discord-rules.ts";

function citation(
  n: number,
  quote = `Quote number ${n}, word for word from the paragraph.`,
): Citation {
  return {
    factId: `fact-${n}`,
    sourceId: "policywatch-4078",
    sourceTitle: "Leveraging Iran’s Defeat",
    series: "PolicyWatch 4078",
    author: "Michael Knights",
    paragraph: n,
    section: "Militias Stand Down",
    quote,
    url: "https://www.washingtoninstitute.org/policy-analysis/x",
  };
}

function expectAccepted(r: Reply) {
  const message = renderDiscord(r);
  expect(discordLimitProblems(message)).toEqual([]);
  expect(messageErrors(message)).toEqual([]);
  expect(message.allowedMentions).toEqual({ parse: [] });
  return message;
}

const everything = (m: ReturnType<typeof renderDiscord>) =>
  m.embeds
    .flatMap((e) => [
      e.title,
      e.description,
      e.footer?.text,
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ])
    .join("\n");

describe("a small reply", () => {
  const small = reply({
    kind: "answer",
    title: "Did Iraq shoot at anything?",
    lead: "No: Iraq's air defenses stayed silent. (PolicyWatch 4078 ¶6)",
    sections: [{ heading: "Also", points: [{ text: "Radars were hit later.", cites: [2] }] }],
    citations: [citation(6), citation(9)],
    suggestions: ["/timeline radar"],
  });

  test("is shown whole: title, lead, points with marks, every citation as a field, source in the footer", () => {
    const [embed, ...rest] = expectAccepted(small).embeds;
    expect(rest).toEqual([]);
    expect(embed?.title).toBe("Did Iraq shoot at anything?");
    expect(embed?.url).toBe("https://www.washingtoninstitute.org/policy-analysis/x");
    expect(embed?.description).toBe(
      "No: Iraq's air defenses stayed silent. (PolicyWatch 4078 ¶6)\n\n**Also**\n• Radars were hit later. [2]\n\n**Try:** /timeline radar",
    );
    // [1] belongs to the lead (no point cites it), [2] to the point.
    expect(embed?.fields?.map((f) => f.name)).toEqual([
      "[1] PolicyWatch 4078 ¶6 · Militias Stand Down",
      "[2] PolicyWatch 4078 ¶9 · Militias Stand Down",
    ]);
    expect(embed?.fields?.[0]?.value).toBe("“Quote number 6, word for word from the paragraph.”");
    expect(embed?.footer?.text).toBe(
      "Source: Michael Knights, “Leveraging Iran’s Defeat” (PolicyWatch 4078)",
    );
  });

  test("visibility: ephemeral flag for the asker, none for the channel", () => {
    expect(messageFlags(small)).toBe(64);
    expect(messageFlags({ ...small, visibility: "channel" })).toBeUndefined();
  });

  test("an error reply shows its id in the footer", () => {
    const [embed] = expectAccepted(
      reply({ kind: "error", title: "Something went wrong", errorId: "ABC123" }),
    ).embeds;
    expect(embed?.footer?.text).toBe("error id ABC123");
  });
});

describe("a huge reply", () => {
  const huge = reply({
    kind: "info",
    title: "T".repeat(1000),
    lead: "L".repeat(10_000),
    sections: Array.from({ length: 40 }, (_, s) => ({
      heading: `Heading ${s} ${"h".repeat(500)}`,
      points: Array.from({ length: 30 }, (_, p) => ({
        text: `Point ${s}.${p} ${"word ".repeat(300)}`,
        cites: [s * 30 + p + 1],
      })),
    })),
    citations: Array.from({ length: 1200 }, (_, i) => citation(i + 1, "quote ".repeat(1000))),
    suggestions: Array.from({ length: 50 }, (_, i) => `/ask suggestion ${i} ${"s".repeat(100)}`),
  });

  test("fits every limit, keeps the start, and says what was left out and where to find it", () => {
    const message = expectAccepted(huge);
    const [first] = message.embeds;
    expect(first?.title?.length).toBeLessThanOrEqual(256);
    expect(first?.title?.endsWith("…")).toBe(true);
    const text = everything(message);
    expect(text).toContain("Point 0.0");
    expect(text).toMatch(
      /\*…\d+ more points? not shown here\.\* Read it all in the source: https:\/\/\S+$/m,
    );
    expect(text).toContain("**Try:**");
  });

  test("cites exactly the points it shows, in order", () => {
    const message = renderDiscord(huge);
    const description = message.embeds.map((e) => e.description ?? "").join("\n");
    const shown = [...description.matchAll(/\[(\d+)\]$/gm)].map((m) => Number(m[1]));
    const fields = message.embeds
      .flatMap((e) => e.fields ?? [])
      .map((f) => Number(/^\[(\d+)\]/.exec(f.name)?.[1]));
    expect(fields.length).toBeGreaterThan(0);
    expect(shown.slice(0, fields.length)).toEqual(fields);
  });

  test("one enormous point is cut within the line, not dropped", () => {
    const message = expectAccepted(
      reply({
        kind: "info",
        title: "t",
        sections: [{ points: [{ text: "y ".repeat(50_000), cites: [] }] }],
      }),
    );
    expect(message.embeds[0]?.description).toMatch(/^• (y )+y?…$/);
  });

  test("many citations and a short body: at most 25 fields, quotes shortened before any is dropped", () => {
    const r = reply({
      kind: "info",
      title: "Timeline",
      sections: [
        { points: Array.from({ length: 25 }, (_, i) => ({ text: `Event ${i}`, cites: [i + 1] })) },
      ],
      citations: Array.from({ length: 25 }, (_, i) => citation(i + 1, "a long quote ".repeat(100))),
    });
    const message = expectAccepted(r);
    const fields = message.embeds.flatMap((e) => e.fields ?? []);
    expect(fields).toHaveLength(25);
    expect(everything(message)).not.toContain("not shown");
  });

  test("more than 25 cited points: 25 citation fields and a pointer to the rest", () => {
    const r = reply({
      kind: "info",
      title: "Timeline",
      sections: [
        { points: Array.from({ length: 40 }, (_, i) => ({ text: `Event ${i}`, cites: [i + 1] })) },
      ],
      citations: Array.from({ length: 40 }, (_, i) => citation(i + 1)),
    });
    const message = expectAccepted(r);
    expect(message.embeds.flatMap((e) => e.fields ?? [])).toHaveLength(25);
    expect(everything(message)).toContain(
      "*…15 more citations not shown here.* Read it all in the source: https:",
    );
    expect(everything(message)).toContain("• Event 39 [40]");
  });
});

describe("text we did not write", () => {
  test("markdown, headings, lists and masked links are escaped", () => {
    const hostile =
      "**bold** _it_ ~~s~~ ||spoiler|| `code` [click](https://evil.example)\n# Heading\n- item";
    const [embed] = expectAccepted(reply({ kind: "answer", title: hostile, lead: hostile })).embeds;
    for (const text of [embed?.title ?? "", embed?.description ?? ""]) {
      expect(text).toContain("\\*\\*bold\\*\\*");
      expect(text).toContain("\\[click\\](https://evil.example)");
      expect(text).toContain("\\`code\\`");
      expect(text).not.toMatch(/^# /m);
      expect(text).not.toMatch(/^- /m);
    }
  });

  test("fitText never splits an escape and never exceeds its limit", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 400 }),
        fc.integer({ min: 0, max: 300 }),
        (text, max) => {
          const out = fitText(text, max);
          expect(out.length).toBeLessThanOrEqual(max);
          expect(out).not.toMatch(/(^|[^\\])(\\\\)*\\$/);
        },
      ),
    );
  });
});

describe("any reply at all", () => {
  const text = fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.string({ unit: "grapheme", maxLength: 3000 }),
    fc.constantFrom("@everyone", "**", "```", "<@123>", "[x](https://e.x)", "\u200b"),
    fc.integer({ min: 0, max: 9000 }).map((n) => "w ".repeat(n)),
  );
  const arbitraryReply = fc.record({
    kind: fc.constantFrom("answer", "abstain", "info", "usage", "error"),
    title: text,
    lead: fc.option(text, { nil: undefined }),
    citations: fc
      .array(text, { maxLength: 60 })
      .map((quotes) => quotes.map((q, i) => citation(i + 1, q || "q"))),
    sections: fc.array(
      fc.record({
        heading: fc.option(text, { nil: undefined }),
        points: fc.array(
          fc.record({ text, cites: fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 3 }) }),
          {
            maxLength: 40,
          },
        ),
      }),
      { maxLength: 8 },
    ),
    visibility: fc.constantFrom("ephemeral", "channel"),
    suggestions: fc.array(text, { maxLength: 6 }),
    errorId: fc.option(fc.stringMatching(/^[0-9A-F]{6}$/), { nil: undefined }),
  });

  test("renders to a message Discord accepts", () => {
    fc.assert(
      fc.property(arbitraryReply, (r) => {
        const message = renderDiscord(r as Reply);
        expect(discordLimitProblems(message)).toEqual([]);
        expect(messageErrors(message)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
