import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.ts";

describe("parseConfig", () => {
  it("treats empty variables as unset, as in a freshly copied .env.example", () => {
    const config = parseConfig({
      DISCORD_TOKEN: "",
      SLACK_BOT_TOKEN: "  ",
      PORT: "",
      LOG_LEVEL: "",
    });
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.SLACK_BOT_TOKEN).toBeUndefined();
    expect(config.PORT).toBe(3000);
    expect(config.LOG_LEVEL).toBeUndefined();
  });

  it("names the variable that is wrong and never prints its value", () => {
    const secret = "not-a-slack-token-s3cr3t";
    let message = "";
    try {
      parseConfig({ SLACK_BOT_TOKEN: secret, SLACK_SIGNING_SECRET: "x", PORT: "99999" });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toContain("SLACK_BOT_TOKEN");
    expect(message).toContain("PORT");
    expect(message).not.toContain(secret);
  });

  it("asks for the companion variable a platform needs", () => {
    expect(() => parseConfig({ DISCORD_TOKEN: "abc" })).toThrow(/DISCORD_APPLICATION_ID/);
    expect(() => parseConfig({ SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(
      /SLACK_APP_TOKEN|SLACK_SIGNING_SECRET/,
    );
  });

  it("accepts a complete configuration", () => {
    const config = parseConfig({
      DISCORD_TOKEN: "abc",
      DISCORD_APPLICATION_ID: "123456789012345678",
      DISCORD_API_URL: "http://127.0.0.1:9999/api",
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_APP_TOKEN: "xapp-1",
      PORT: "8080",
    });
    expect(config.PORT).toBe(8080);
    expect(config.DISCORD_API_URL).toBe("http://127.0.0.1:9999/api");
  });
});
