/** The settings for briefings, feedback and gaps: defaults, empty as unset, clear refusals. */
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.ts";

describe("briefing and feedback settings", () => {
  it("default to a database under data/, UTC, a 60-minute grace, no askers, no listed admins", () => {
    const config = parseConfig({
      DATABASE_PATH: "",
      DEFAULT_TIMEZONE: "",
      BRIEFING_GRACE_MINUTES: "",
      LOG_ASKERS: "",
      SLACK_BRIEFING_ADMINS: "",
    });
    expect(config).toMatchObject({
      DATABASE_PATH: "./data/policywatch.db",
      DEFAULT_TIMEZONE: "UTC",
      BRIEFING_GRACE_MINUTES: 60,
      LOG_ASKERS: false,
      SLACK_BRIEFING_ADMINS: [],
    });
  });

  it("read zones in any case, admins separated by commas or spaces", () => {
    const config = parseConfig({
      DATABASE_PATH: "/var/lib/policywatch/bot.db",
      DEFAULT_TIMEZONE: "asia/baghdad",
      BRIEFING_GRACE_MINUTES: "15",
      LOG_ASKERS: "true",
      SLACK_BRIEFING_ADMINS: "U0123ABCD, W0456EFGH U0789",
    });
    expect(config).toMatchObject({
      DATABASE_PATH: "/var/lib/policywatch/bot.db",
      DEFAULT_TIMEZONE: "Asia/Baghdad",
      BRIEFING_GRACE_MINUTES: 15,
      LOG_ASKERS: true,
      SLACK_BRIEFING_ADMINS: ["U0123ABCD", "W0456EFGH", "U0789"],
    });
  });

  it("name each bad value's variable", () => {
    let message = "";
    try {
      parseConfig({
        DEFAULT_TIMEZONE: "Mars/Olympus",
        BRIEFING_GRACE_MINUTES: "-5",
        LOG_ASKERS: "yes please",
        SLACK_BRIEFING_ADMINS: "@alice",
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toContain("DEFAULT_TIMEZONE: must be an IANA zone, e.g. Europe/Paris");
    expect(message).toContain("BRIEFING_GRACE_MINUTES");
    expect(message).toContain("LOG_ASKERS: must be true or false");
    expect(message).toContain("SLACK_BRIEFING_ADMINS.0: must be Slack user ids like U0123ABCD");
  });
});
