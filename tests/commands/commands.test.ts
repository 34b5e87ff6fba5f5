/** Every command through the router, as any platform would call it, checked for content. */
import { describe, expect, it } from "vitest";
import { consoleOrigin } from "../../src/core/command.ts";
import type { Reply } from "../../src/core/reply.ts";
import { compareIsoDates } from "../../src/knowledge/dates.ts";
import { renderText } from "../../src/render/text.ts";
import { knowledge, testBot } from "../support/knowledge.ts";

const bot = testBot();
const run = (line: string) => bot.router.runText(line, consoleOrigin);
const points = (r: Reply) => r.sections.flatMap((s) => s.points);
const facts = (r: Reply) => r.citations.flatMap((c) => (c.factId ? [c.factId] : []));

/** Every stated point is cited, and every citation's quote stands verbatim in its paragraph. */
function expectFullyCited(reply: Reply) {
  for (const point of points(reply)) expect(point.cites.length, point.text).toBeGreaterThan(0);
  for (const c of reply.citations) {
    const paragraph = knowledge()
      .base.sources.get(c.sourceId)
      ?.paragraphs.find((p) => p.n === c.paragraph);
    expect(paragraph?.text).toContain(c.quote);
  }
}

describe("/militia", () => {
  it("profiles Harakat Hezbollah al-Nujaba: full name, aliases, dated deeds, citations", async () => {
    const reply = await run("/militia nujaba");
    expect(reply.title).toBe("Harakat Hezbollah al-Nujaba");
    expect(reply.lead).toContain("HHN");
    expect(facts(reply)).toEqual(expect.arrayContaining(["pw4078-kh-nujaba-warning-june-15"]));
    expect(renderText(reply)).toContain("June 15, 2025");
    expectFullyCited(reply);
  });

  it.each(["nujabah", "NUJABA", "al-nujaba", "hhn"])("is fuzzy on the name: %s", async (name) => {
    expect((await run(`/militia ${name}`)).title).toBe("Harakat Hezbollah al-Nujaba");
  });

  it.each(["kataib", "KH", "kataeb hizbollah", "kata'ib"])(
    "finds Kataib Hezbollah as %s",
    async (name) => {
      expect((await run(`/militia ${name}`)).title).toBe("Kataib Hezbollah");
    },
  );

  it("lists the militias when no name is given", async () => {
    const reply = await run("/militia");
    expect(renderText(reply)).toContain("Kataib Hezbollah");
    expect(renderText(reply)).toContain("Harakat Hezbollah al-Nujaba");
  });

  it("says which militias exist when the name matches none", async () => {
    const reply = await run("/militia zzzzqqq");
    expect(reply.kind).toBe("usage");
    expect(reply.lead).toContain("Kataib Hezbollah");
  });
});

describe("/airspace", () => {
  it("briefs on wartime use, air defenses, radar attacks, purchases and policy, each point cited", async () => {
    const reply = await run("/airspace");
    expect(reply.sections.map((s) => s.heading)).toEqual([
      "How the war used Iraqi airspace",
      "Iraq's air defenses",
      "The radar attacks",
      "Air-defense purchases",
      "What the U.S. should do",
    ]);
    const text = renderText(reply);
    for (const word of ["Camp Taji", "Cheongung", "Pantsir"]) expect(text).toContain(word);
    expectFullyCited(reply);
    expect(reply.visibility).toBe("ephemeral");
    expect((await run("/airspace --public")).visibility).toBe("channel");
  });
});

describe("/briefing", () => {
  it.each(["overview", "militias", "airspace", "policy"])(
    "posts 3 to 6 cited key points on %s to the channel",
    async (topic) => {
      const reply = await run(`/briefing ${topic}`);
      expect(reply.kind).toBe("info");
      expect(reply.visibility).toBe("channel");
      expect(points(reply).length).toBeGreaterThanOrEqual(3);
      expect(points(reply).length).toBeLessThanOrEqual(6);
      expectFullyCited(reply);
    },
  );

  it("defaults to the overview and explains an unknown topic", async () => {
    expect((await run("/briefing")).title).toBe("Briefing: Overview");
    const bad = await run("/briefing cooking");
    expect(bad.kind).toBe("usage");
    expect(bad.lead).toContain("militias");
  });
});

describe("/timeline", () => {
  it("lists dated events oldest first, dates written as people write them", async () => {
    const reply = await run("/timeline");
    const dates = reply.citations.map(
      (c) => knowledge().base.factsById.get(c.factId ?? "")?.date ?? "",
    );
    expect(dates).toEqual([...dates].sort(compareIsoDates));
    expect(dates[0]?.startsWith("2011") || dates[0]?.startsWith("2023")).toBe(true);
    expect(renderText(reply)).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expectFullyCited(reply);
  });

  it.each([
    ["nujaba", "nujaba"],
    ["radar", "radar-attacks"],
  ])("filters by an entity or a topic: %s", async (filter, expected) => {
    const reply = await run(`/timeline ${filter}`);
    expect(reply.citations.length).toBeGreaterThan(0);
    for (const c of reply.citations) {
      const fact = knowledge().base.factsById.get(c.factId ?? "");
      expect([...(fact?.entities ?? []), ...(fact?.topics ?? [])].join(" ")).toMatch(
        new RegExp(expected === "radar-attacks" ? "radar-attacks|air-defense" : expected),
      );
    }
  });

  it("says so when nothing matches the filter", async () => {
    expect((await run("/timeline qqqqzzzz")).kind).toBe("usage");
  });
});

describe("/who, /policy, /source, /help", () => {
  it("/who sudani names the prime minister, cited", async () => {
    const reply = await run("/who sudani");
    expect(reply.title).toContain("Mohammed Shia al-Sudani");
    expectFullyCited(reply);
  });

  it("/policy lists the recommendations in the article's order, cited", async () => {
    const reply = await run("/policy");
    expect(points(reply).length).toBeGreaterThanOrEqual(5);
    const paragraphs = reply.citations.map((c) => c.paragraph);
    expect(paragraphs).toEqual([...paragraphs].sort((a, b) => a - b));
    expectFullyCited(reply);
  });

  it("/source describes each source and counts its facts", async () => {
    const text = renderText(await run("/source"));
    expect(text).toContain("PolicyWatch 4078");
    expect(text).toContain("Michael Knights");
    expect(text).toContain("July 2025");
    expect(text).toContain(`${knowledge().base.facts.length} facts`);
  });

  it("/help lists every command with usage and an example; /help militia explains one", async () => {
    const all = renderText(await run("/help"));
    for (const c of bot.commands) expect(all).toContain(`/${c.name}`);
    const one = renderText(await run("/help militia"));
    expect(one).toContain("/militia [name] [--public]");
    expect(one).toContain("/militia nujaba");
  });
});
