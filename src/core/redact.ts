/**
 * Token-shaped text a person may paste by mistake ("/ask why does xoxb-... fail"), removed
 * before a question is stored or shown again (/gaps). The shapes are the issuers' documented
 * prefixes and formats, plus long unbroken runs that only keys look like.
 */
const SECRET_SHAPES: readonly RegExp[] = [
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, // Slack bot, user, app-level tokens
  /\bxapp-[A-Za-z0-9-]{10,}/g, // Slack app-level token
  /\b[MNO][A-Za-z\d_-]{23,27}\.[A-Za-z\d_-]{6,7}\.[A-Za-z\d_-]{27,}/g, // Discord bot token
  /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/g, // OpenAI / Anthropic style API keys
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key id
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g, // GitHub tokens
  /\bAIza[0-9A-Za-z_-]{35}\b/g, // Google API key
  /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/gi, // an Authorization header's value
  /\b[A-Za-z0-9_+/=-]{40,}\b/g, // any other long unbroken key-like run
];

export const REDACTED = "[redacted]";

export function redactSecrets(text: string): string {
  return SECRET_SHAPES.reduce((out, shape) => out.replace(shape, REDACTED), text);
}
