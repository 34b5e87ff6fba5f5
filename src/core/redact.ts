/**
 * People paste secrets into chat by mistake ("/ask why does xoxb-... fail"). Text the bot keeps
 * (declined questions for /gaps, answered questions for feedback) passes through redactSecrets
 * first, so a pasted token is never stored or shown to the curators.
 *
 * The shapes are the issuers' documented prefixes and formats, plus two catch-alls: a value
 * after a secret-sounding key ("password: hunter22") and any long run of letters and digits
 * mixed, which no policy question needs and most keys are.
 */

/** What stands in for a secret, in the logs (src/logging.ts) and in stored text alike. */
export const CENSOR = "[redacted]";

const TOKEN_SHAPES: readonly RegExp[] = [
  // Private key blocks, whole.
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  // Slack: bot, user, app-level, refresh and configuration tokens; incoming webhooks.
  /\bxox[abposre]-[A-Za-z0-9-]{8,}/g,
  /\bxoxe\.xox[bp]-[A-Za-z0-9-]{8,}/g,
  /\bxapp-\d-[A-Za-z0-9-]{8,}/g,
  /https:\/\/hooks\.slack\.com\/[A-Za-z0-9/_-]+/g,
  // Discord bot tokens: base64 user id, timestamp, HMAC, dot-separated.
  /\b[A-Za-z0-9_-]{20,30}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g,
  // JSON Web Tokens.
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  // OpenAI, Anthropic and similar "sk-" keys; Stripe keys.
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /\b[rsp]k_(?:live|test)_[A-Za-z0-9]{16,}/g,
  // AWS access key ids; GitHub tokens; Google API keys.
  /\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{30,}/g,
  /\bAIza[A-Za-z0-9_-]{35}/g,
  // "Authorization: Bearer ..." (with a digit somewhere, so "bearer instruments" stays).
  /\bBearer\s+(?=[A-Za-z0-9._~+/-]*\d)[A-Za-z0-9._~+/-]{12,}=*/gi,
];

/** The value after a key that names a secret: "api_key=...", "password: ...". */
const SECRET_ASSIGNMENT =
  /\b((?:api[_-]?key|access[_-]?key|secret(?:[_-]?key)?|client[_-]?secret|token|passw(?:or)?d|pwd)\s*[:=]\s*)["']?[^\s"']{6,}["']?/gi;

/** 24+ characters with no space between: a key, a hash, or a URL path (see looksRandom). */
const LONG_RUN = /[A-Za-z0-9_+/=-]{24,}/g;

/**
 * Letters and digits both, and either all three of upper case, lower case and digits (base64
 * keys) or no separator at all (hex keys): "iraq-2025-elections-militia" in a URL is neither.
 */
function looksRandom(run: string): boolean {
  if (!/[A-Za-z]/.test(run) || !/\d/.test(run)) return false;
  return (/[a-z]/.test(run) && /[A-Z]/.test(run)) || !/[-_/+=]/.test(run);
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, CENSOR);
  out = out.replace(SECRET_ASSIGNMENT, (_match, key: string) => `${key}${CENSOR}`);
  return out.replace(LONG_RUN, (run) => (looksRandom(run) ? CENSOR : run));
}
