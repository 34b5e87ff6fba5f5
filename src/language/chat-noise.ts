/**
 * What people type around a question in a chat: greetings, mentions of the bot, apologies,
 * "quick q", "for the brief", "pls", "lol". It carries no meaning to match and none to miss
 * ("hi bot who is KH lol" asks who KH is), so it goes before the question is read. Only whole
 * phrases at either end are taken, and only while something is left to ask.
 */

/**
 * Openers, longer phrases before the words they start with ("quick q" before "quick"), each
 * followed by a space or by ",", ":", "-" or "...".
 */
const OPENERS = [
  // Mentions of the bot, as platforms render them or as people type them.
  "<@!?&?\\w+>",
  "@\\S+",
  "(?:hi|hey|hello|yo|hiya|morning|good (?:morning|afternoon|evening))(?: there)?(?: (?:bot|team|all|guys|folks|everyone))?",
  "(?:quick |dumb |silly |random |follow[- ]up |one more |another |last )?(?:q|qn|question|query)",
  "(?:quick|another|last|one more) one",
  "(?:ok(?:ay)?|alright|so|well|um+|uh+|hm+|erm|oh|ah|and|also|btw|basically|actually|anyway|quick(?:ly)?|real quick|one more|another one)",
  "sorry(?: if (?:this|it) (?:was|has been|is) (?:asked|answered)(?: already| before)?| if (?:asked|already asked)(?: already| before)?| to bother(?: you)?| for asking)?",
  "(?:just )?(?:wondering|curious)",
  "(?:i was|i am|i'm|im) (?:just )?(?:wondering|curious)(?: about)?",
  "(?:can|could|would) (?:you|u) (?:please |pls )?(?:tell|remind|show|give) me",
  "(?:tell|show|give) me",
  "(?:do|does) (?:you|u|anyone|any1|the bot) know(?: if| whether)?",
  "(?:please|pls|plz)(?: tell me)?",
  // Asking to check a statement: what follows is the statement, asked as a question.
  "(?:is it|it's|its|is that) (?:true|correct|right|the case)(?: that)?",
  "(?:true or false|fact check|quick check|sanity check|confirm|check|verify)",
  "for (?:the|my|our|a) (?:brief|briefing|meeting|memo|notes|deck|call|slides)",
] as const;

/** Closers: pleasantries and chat reactions after the question. */
const CLOSERS = [
  "(?:please|pls|plz|thanks|thank you|thx|ty|cheers|ta|tia|thanks in advance)",
  "(?:lol|lmao|haha+|heh|rofl|:\\)|:-\\)|:\\(|\\?\\?+|!+)",
  "(?:again|btw|quickly|real quick|asap|if you know|if possible)",
  // A tag that asks to confirm ("..., right?"): only with its question mark, since "right" and
  // "true" are words a question may end on.
  "(?:right|correct|true|yes or no|or not|am i right|is that right)(?=\\s*\\?)",
  "for (?:the|my|our|a) (?:brief|briefing|meeting|memo|notes|deck|call|slides)",
] as const;

const SEPARATOR = "(?:\\s*[,:;.!\\-–—…]+\\s*|\\s+)";
const OPENER = new RegExp(`^(?:${OPENERS.join("|")})${SEPARATOR}`, "i");
const CLOSER = new RegExp(`[\\s,;.!\\-–—…]+(?:${CLOSERS.join("|")})[\\s?.!]*$`, "i");
/** Emoji and emoticons anywhere: never content. */
const EMOJI = /\p{Extended_Pictographic}|\u{FE0F}|\u{200D}/gu;

/** What may be left: "so what" is chat, not the question "what"; "hey" alone is a greeting. */
function leavesAQuestion(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  return words.length >= 2 || (words.length === 1 && !QUESTION_WORD.test(words[0] ?? ""));
}

const QUESTION_WORD = /^(?:what|who|why|how|when|where|which|whats|whos)\W*$/i;

/** The question without the chat around it; the text unchanged when nothing else is left. */
export function withoutChatNoise(text: string): string {
  let question = text.replace(EMOJI, " ").replace(/\s+/g, " ").trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const pattern of [OPENER, CLOSER]) {
      const trimmed = question.replace(pattern, "").trim();
      if (trimmed !== question && leavesAQuestion(trimmed)) {
        question = trimmed;
        changed = true;
      }
    }
  }
  return /\p{L}/u.test(question) ? question : text;
}
