/**
 * The logger itself: secrets in known fields are redacted by path (token, Authorization headers
 * in either case, the config names), and the configured secret values are scrubbed from every
 * line wherever a library put them (a message, an error's text, a URL).
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, scrubber } from "../../src/logging.ts";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

const TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.Gx1y2z.discord-token-value";
const BOT = "xoxb-1234567890-0987654321-slackbottoken";
const APP = "xapp-1-A0001-1234567890-slackapptoken";
const SIGNING = "8f14e45fceea167a5a36dedd4bea2543";

describe("structured logs", () => {
  it("redact known fields and scrub the secrets from every line", () => {
    const { lines, destination } = capture();
    const log = createLogger("debug", { secrets: [TOKEN, BOT, APP, SIGNING], destination });
    log.info({ token: TOKEN, signingSecret: SIGNING, appToken: APP, botToken: BOT }, "fields");
    log.error(
      {
        err: {
          message: `request to https://slack.com/api/chat.postMessage?token=${BOT} failed`,
          config: { headers: { Authorization: `Bearer ${BOT}` } },
          request: { headers: { authorization: `Bot ${TOKEN}` } },
        },
        config: { SLACK_SIGNING_SECRET: SIGNING, DISCORD_TOKEN: TOKEN },
      },
      `could not connect with ${APP}`,
    );
    log.warn({ headers: { Authorization: `Bot ${TOKEN}` } }, "headers");
    const out = lines.join("");
    for (const secret of [TOKEN, BOT, APP, SIGNING]) expect(out).not.toContain(secret);
    expect(out).toContain("[redacted]");
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it("scrubs only values long enough to be secrets, and as they appear inside JSON", () => {
    expect(scrubber([undefined, "", "abc"])).toBeUndefined();
    const scrub = scrubber(['se"cret-value']);
    expect(scrub?.(JSON.stringify({ msg: 'x se"cret-value y' }))).toBe('{"msg":"x [redacted] y"}');
  });
});
