/**
 * The checks a request to POST /slack/events passes before Bolt sees it, each answered at once
 * with a status and a reason for the log:
 * - the body is read whole, up to a size limit (413 past it);
 * - the signature is Slack's (HMAC of the timestamp and the body, with the signing secret), the
 *   timestamp is within five minutes of our clock, past or future, and the signature has not been
 *   seen before (401: a forgery, a stale or future timestamp, a replay);
 * - the body is what Slack sends: a form whose `payload`, if any, is a JSON object, or a JSON
 *   object (400: `payload=null`, bad JSON, a JSON string...).
 * Bolt's own checks then run as well; these close the gaps it leaves (replays, future timestamps,
 * a `null` payload that Bolt reads as an object and fails on, leaving the request unanswered).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { parse as parseForm } from "node:querystring";
import { type ReplayGuard, TIMESTAMP_WINDOW_S } from "./replay-guard.ts";

/** Slack's payloads are a few KB; a block action with a big view stays well under this. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
const FORM = "application/x-www-form-urlencoded";

export type Checked =
  | { ok: true; rawBody: Buffer }
  | { ok: false; status: 400 | 401 | 413; reason: string };

export interface CheckOptions {
  signingSecret: string;
  replays: ReplayGuard;
  nowS?: () => number;
  bodyLimit?: number;
}

export async function checkSignedRequest(
  req: IncomingMessage,
  options: CheckOptions,
): Promise<Checked> {
  const rawBody = await readBody(req, options.bodyLimit ?? BODY_LIMIT_BYTES);
  if (!rawBody) return { ok: false, status: 413, reason: "body too large" };
  const contentType = req.headers["content-type"];
  const text = rawBody.toString("utf8");
  // Slack's reachability check is unsigned; Bolt answers it and drops anything else in the body.
  if (contentType === FORM && parseForm(text).ssl_check === "1") return { ok: true, rawBody };

  const signature = header(req, "x-slack-signature");
  const timestamp = Number(header(req, "x-slack-request-timestamp"));
  if (!signature || !Number.isInteger(timestamp)) {
    return { ok: false, status: 401, reason: "unsigned: no signature or timestamp" };
  }
  if (!signatureMatches(options.signingSecret, signature, timestamp, text)) {
    return { ok: false, status: 401, reason: "bad signature" };
  }
  const now = (options.nowS ?? (() => Math.floor(Date.now() / 1000)))();
  if (timestamp < now - TIMESTAMP_WINDOW_S) {
    return { ok: false, status: 401, reason: "stale timestamp (over 5 minutes old)" };
  }
  if (timestamp > now + TIMESTAMP_WINDOW_S) {
    return { ok: false, status: 401, reason: "timestamp over 5 minutes in the future" };
  }
  if (!options.replays.firstSeen(signature, timestamp)) {
    return { ok: false, status: 401, reason: "replay: this signature was already used" };
  }
  const shape = payloadProblem(contentType, text);
  if (shape) return { ok: false, status: 400, reason: shape };
  return { ok: true, rawBody };
}

function signatureMatches(secret: string, signature: string, ts: number, body: string): boolean {
  const expected = Buffer.from(
    `v0=${createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex")}`,
  );
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Why the body is not one Slack would send, or undefined when it is. */
function payloadProblem(contentType: string | undefined, text: string): string | undefined {
  if (contentType === FORM) {
    const { payload } = parseForm(text);
    if (payload === undefined) return undefined;
    if (typeof payload !== "string") return "malformed: more than one payload field";
    return isJsonObject(payload) ? undefined : "malformed: payload is not a JSON object";
  }
  return isJsonObject(text) ? undefined : "malformed: body is not a JSON object";
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

/** The whole body, or undefined once it passes `limit` (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers["content-length"]);
    if (declared > limit) {
      resolve(undefined);
      return;
    }
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
    req.on("aborted", () => reject(new Error("the client went away mid-body")));
  });
}
