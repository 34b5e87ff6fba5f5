/**
 * Hostile input for property tests, by class. Every class is named so the closing note can list
 * what was tried; `hostileText` mixes them with real names (so replies carry real citations)
 * and with arbitrary unicode from every plane.
 */
import fc from "fast-check";

export const HOSTILE_CLASSES = {
  "Discord mentions": [
    "@everyone",
    "@here",
    "<@123456789012345678>",
    "<@!123456789012345678>",
    "<@&123>",
    "<#123456789012345678>",
    "<t:1700000000:R>",
    "<:pepe:123>",
    "<a:dance:123>",
    "</ask:123>",
  ],
  "Slack mentions": [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U123>",
    "<@U123|bob>",
    "<#C123|general>",
    "<!subteam^S123|@team>",
    "<!date^1392734382^{date}|x>",
  ],
  "Slack escaped entities": [
    "&lt;!channel&gt;",
    "&amp;lt;b&amp;gt;",
    "&amp;",
    "&",
    "<",
    ">",
    "&#60;",
  ],
  "markdown and mrkdwn": [
    "**bold**",
    "*b*",
    "_i_",
    "__u__",
    "~~s~~",
    "~s~",
    "`c`",
    "```js\ncode\n```",
    "||spoiler||",
    "> quote",
    ">>> all quoted",
    "# heading",
    "-# subtext",
    "- item",
    "1. item",
    "\\*",
    "\\",
    "[click](https://evil.example)",
    "<https://evil.example|click>",
    "<mailto:a@b.c|mail>",
  ],
  URLs: [
    "https://evil.example/a_b*c~d",
    "http://x.y/<script>",
    "https://a.b/?q=<!channel>",
    "https://x\\",
    "javascript:alert(1)",
    "ftp://x.y",
    "www.example.com",
  ],
  "control characters": [
    "\u0000",
    "\u0007",
    "\b",
    "\t",
    "\r\n",
    "\u001b[31m",
    "\u007f",
    "\u0085",
    "\u009b",
  ],
  "zero-width and format characters": [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202e",
    "\u2066",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u061c",
    "\u2028",
    "\u2029",
    "\u{e0001}\u{e0041}",
  ],
  "unicode of every plane": [
    "العراق",
    "עברית",
    "中文",
    "हिन्दी",
    "ไทย",
    "👍🏽",
    "👨‍👩‍👧‍👦",
    "🇮🇶",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "𠀀",
    "\u{f0000}",
    "\u{10fffd}",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
    "e\u0301\u0302\u0303\u0304\u0305",
  ],
  "option-like text": [
    "--public",
    "--PUBLIC",
    "-public",
    "--nope",
    "/ask",
    "//",
    "/militia /militia",
  ],
} as const;

/** Names the knowledge holds, so hostile text still reaches real profiles and answers. */
export const REAL_WORDS = [
  "nujaba",
  "kataib hezbollah",
  "sudani",
  "radar",
  "airspace",
  "militias",
  "policy",
  "did iraq shoot at anything?",
  "june 17",
];

const fragment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...Object.values(HOSTILE_CLASSES).flat()) },
  { weight: 3, arbitrary: fc.constantFrom(...REAL_WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(" ", " ", "\n") },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
);

/** A hostile fragment repeated to exactly 10,000 characters. */
export const longText = fc.array(fragment, { minLength: 1, maxLength: 4 }).map((parts) => {
  const unit = `${parts.join(" ")} ` || "x ";
  return unit.repeat(Math.ceil(10_000 / unit.length)).slice(0, 10_000);
});

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(fragment, { maxLength: 12 }).map((p) => p.join("")) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 120 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }) },
  { weight: 1, arbitrary: longText },
);

/** Option values of any type, for options that expect another. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
  fc.constant({ toString: "nope", valueOf: 1, __proto__: null }),
);
