/** The console chat as a person or a script uses it: the real process, stdin in, stdout out. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
// Each run's database in a folder of its own, removed at the end: never the repository's data/.
const dataDir = mkdtempSync(path.join(tmpdir(), "policywatch-console-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function chat(lines: string[], args: string[] = ["--json"]) {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "src/adapters/console/main.ts", ...args],
    {
      cwd: root,
      input: `${lines.join("\n")}\n`,
      encoding: "utf8",
      env: { ...process.env, LOG_LEVEL: "warn", DATABASE_PATH: path.join(dataDir, "chat.db") },
      timeout: 30_000,
    },
  );
  return run;
}

describe("npm run chat -- --json", () => {
  const inputs = [
    "did iraq shoot at anything?",
    "/militia nujaba",
    "bitcoin price",
    "/nonsense",
    "",
    "x".repeat(5000),
    "\u0001\u0002 /militia \u200bKH",
    "/timeline",
  ];
  const run = chat(inputs);
  const out = run.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));

  it("prints exactly one JSON object per input line and exits cleanly", () => {
    expect(run.status).toBe(0);
    expect(out).toHaveLength(inputs.length);
    for (const o of out)
      expect(o).toEqual(
        expect.objectContaining({ answered: expect.any(Boolean), text: expect.any(String) }),
      );
  });

  it("answers in-scope questions with cited facts and declines the rest", () => {
    expect(out[0].answered).toBe(true);
    expect(out[0].facts.length).toBeGreaterThan(0);
    expect(out[0].reply.citations[0]).toMatchObject({ sourceId: "policywatch-4078", paragraph: 9 });
    expect(out[1].text).toContain("Harakat Hezbollah al-Nujaba");
    expect(out[2].answered).toBe(false);
    expect(out[2].text).toContain("don't cover");
  });

  it("gives bad input a reply that says what to do, never a stack trace", () => {
    for (const o of out.slice(3, 6)) {
      expect(o.answered).toBe(false);
      expect(o.text).not.toMatch(/\bat .+\.ts:\d+/);
      expect(o.text).toMatch(/\/help|under 2000|Type a question/);
    }
    expect(out[6].text).toContain("Kataib Hezbollah");
  });

  it("keeps logs off stdout", () => {
    expect(run.stdout).not.toContain('"level"');
  });
});

describe("npm run chat (plain text)", () => {
  it("prints the plain-text reply", () => {
    const run = chat(["/airspace"], []);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Iraqi airspace: briefing");
    expect(run.stdout).toContain("¶");
  });
});
