/**
 * Synthetic knowledge for the benchmark, shaped like the real one but as large as asked:
 * several sources cut into paragraphs, entities with aliases (abbreviations, transliterations,
 * surnames), dated facts, a Zipf-distributed vocabulary, and chat-like questions with known
 * answers (1 to 6 words, question words, a third with a typo, some abbreviations, some
 * off-topic). Everything comes from one seeded PRNG: the same size and seed give the same data.
 *
 * Words are pronounceable pseudo-words, kept at least two edits apart from each other so that a
 * single typo has one right correction, as with most English content words of five letters or more.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type {
  Entity,
  EntityKindName,
  Fact,
  KnowledgeBase,
  Source,
  Topic,
} from "../src/knowledge/types.ts";
import { answerTypesOf } from "../src/search/answer-types.ts";
import type { AnswerType } from "../src/search/question.ts";
import { isStopWord, normalize, stem } from "../src/search/text.ts";
import { Random, Zipf } from "./random.ts";

export interface BenchQuery {
  q: string;
  offTopic: boolean;
  /** One word of the question was mistyped. */
  typo: boolean;
  /** The question names an entity by its abbreviation ("KH"). */
  abbreviation: boolean;
  shape: "entity" | "entity+words" | "words" | "date" | "off-topic" | "near-miss";
  /** Ids of the facts that answer it: every fact holding all of what the question asks. */
  answers: ReadonlySet<string>;
}

export interface SyntheticKnowledge {
  base: KnowledgeBase;
  /** Measured questions. */
  queries: BenchQuery[];
  /** Different questions of the same mix, for warming up an engine before measuring. */
  warmup: BenchQuery[];
  stats: {
    facts: number;
    sources: number;
    entities: number;
    aliases: number;
    topics: number;
    synonymGroups: number;
    distinctWords: number;
    datedFacts: number;
  };
}

export interface SyntheticOptions {
  facts: number;
  seed?: number;
  queries?: number;
  warmup?: number;
}

const LEXICON_SIZE = 30_000;
const ZIPF_EXPONENT = 1.0;
const OFF_TOPIC_SHARE = 0.12;
const TYPO_SHARE = 1 / 3;

const ONSETS =
  "b c d f g h j k l m n p r s t v w z br cr dr fr gr pr tr st sh ch th pl cl bl sl sp sk gl".split(
    " ",
  );
const VOWELS = "a e i o u a e i o ai ea ou io ie oa".split(" ");
const CODAS = [
  "",
  "",
  "",
  "",
  "n",
  "r",
  "l",
  "s",
  "t",
  "m",
  "nd",
  "st",
  "ck",
  "rt",
  "ng",
  "x",
  "ll",
  "rm",
  "nt",
];
const NAME_ONSETS = "b d f h j k kh l m n q r s sh t w y z gh dh th".split(" ");
const NAME_VOWELS = "a i u aa ai ou ee a i u a".split(" ");
const NAME_CODAS = ["", "", "", "b", "d", "h", "l", "m", "n", "r", "s", "z", "ll", "bb"];

/** Transliteration swaps seen in names typed from Arabic and Persian: "Hezbollah" ~ "Hizballah". */
const TRANSLITERATIONS: [string, string][] = [
  ["ou", "u"],
  ["u", "ou"],
  ["ee", "i"],
  ["i", "ee"],
  ["aa", "a"],
  ["a", "e"],
  ["e", "i"],
  ["q", "k"],
  ["kh", "k"],
  ["z", "dh"],
  ["dh", "z"],
  ["y", "i"],
  ["s", "ss"],
  ["l", "ll"],
];

const FUNCTION_WORDS =
  "the of and in to a for on with by that was were from as at its their has had over into said".split(
    " ",
  );
const ORG_HEADS = [
  "Council",
  "Authority",
  "Forces",
  "Ministry",
  "Committee",
  "Front",
  "Agency",
  "Command",
  "Bureau",
];
const EVENT_HEADS = ["War", "Crisis", "Talks", "Accord", "Offensive", "Uprising"];
const QUESTION_PREFIXES = [
  "what did",
  "what is",
  "what was",
  "when did",
  "who is",
  "tell me about",
  "how many",
  "how did",
  "why did",
  "did",
  "what about",
  "any",
];
/** Question openings that ask for a kind of answer only some facts can give. */
const TYPED_PREFIXES: Record<string, AnswerType> = { "how many": "quantity", "when did": "date" };

function carriesType(fact: Fact | undefined, kind: AnswerType): boolean {
  return fact !== undefined && answerTypesOf(fact, fact.entities, () => undefined).has(kind);
}

const OFF_TOPIC_WORDS = (
  "weather forecast tomorrow pizza recipe football score bitcoin price movie tickets song lyrics " +
  "vacation cheap flights hotel booking birthday cake guitar chords python javascript homework " +
  "password reset netflix basketball restaurant coffee horoscope sunscreen puppy wedding dinosaur " +
  "chocolate skateboard marathon yoga spaghetti laptop warranty printer keyboard sneakers umbrella " +
  "astronomy telescope volcano penguin giraffe tennis cricket baseball hockey golf lottery jackpot " +
  "karaoke podcast playlist smartphone battery charger lasagna pancakes burrito sushi tacos " +
  "shampoo haircut dentist vitamins calories recipes gardening tomatoes cucumber mortgage " +
  "insurance taxes refund salary resume interview unicorn wizard dragons zombies vampires"
).split(" ");
const MONTHS =
  "January February March April May June July August September October November December".split(
    " ",
  );
const KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
const ENTITY_KINDS: [EntityKindName, number][] = [
  ["person", 35],
  ["militia", 15],
  ["organization", 20],
  ["place", 15],
  ["country", 5],
  ["weapon", 5],
  ["event", 5],
];

interface SynthEntity {
  entity: Entity;
  /** Aliases that are not abbreviations, and the abbreviation if any. */
  aliases: string[];
  abbreviation?: string;
  /** Lexicon words in its name (organizations and events are named with common words). */
  nameWords: number[];
}

interface SynthFact {
  fact: Fact;
  /** Concepts the text holds: lexicon words, or synonym groups for words that have one. */
  concepts: Set<number>;
  /** Lexicon words of the text, as placed (duplicates dropped). */
  words: number[];
}

/** Builds synthetic knowledge and questions of the given size. Deterministic for a seed. */
export function generateKnowledge(options: SyntheticOptions): SyntheticKnowledge {
  const { facts: size, seed = 42 } = options;
  const random = new Random(seed);
  const taken = new NearNeighbours();
  const stems = new Set<string>();

  // Vocabulary: pseudo-words two edits apart, with distinct stems, used with Zipf frequencies.
  const lexicon: string[] = [];
  while (lexicon.length < LEXICON_SIZE) {
    const word = pseudoWord(random, ONSETS, VOWELS, CODAS);
    if (word.length < 4 || word.length > 12 || isStopWord(word)) continue;
    const s = stem(word);
    if (stems.has(s) || !taken.add(word)) continue;
    stems.add(s);
    lexicon.push(word);
  }
  const wordZipf = new Zipf(LEXICON_SIZE, ZIPF_EXPONENT);
  const lexiconIds = new Map(lexicon.map((w, i) => [w, i]));
  const nameWord = (): string => {
    for (;;) {
      const word = pseudoWord(random, NAME_ONSETS, NAME_VOWELS, NAME_CODAS);
      if (word.length < 4 || word.length > 11 || isStopWord(word) || stems.has(stem(word)))
        continue;
      if (!taken.add(word)) continue;
      stems.add(stem(word));
      return capitalize(word);
    }
  };
  const midWord = (low: number, high: number) => random.range(low, high);

  // Synonym groups over mid-frequency words.
  const groupOf = new Map<number, number>();
  const synonymGroups: number[][] = [];
  for (let g = 0; g < 30; g++) {
    const group: number[] = [];
    const members = random.range(2, 3);
    while (group.length < members) {
      const w = midWord(30, 3000);
      if (groupOf.has(w)) continue;
      groupOf.set(w, LEXICON_SIZE + g);
      group.push(w);
    }
    synonymGroups.push(group);
  }
  const concept = (w: number) => groupOf.get(w) ?? w;

  // Sources.
  const sourceCount = Math.max(3, Math.round(size / 150));

  // Entities, each with unique aliases.
  const entityCount = Math.round(40 + size / 20);
  const aliasOwner = new Map<string, number>();
  const entities: SynthEntity[] = [];
  while (entities.length < entityCount) {
    const made = makeEntity(random, entities.length, nameWord, lexicon, midWord);
    const names = [made.name, ...made.aliases, ...(made.abbreviation ? [made.abbreviation] : [])];
    const keys = names.map(normalize);
    const mainKey = keys[0] ?? "";
    if (!mainKey || aliasOwner.has(mainKey)) continue;
    const kept: string[] = [];
    let abbreviation: string | undefined;
    const own = new Set<string>([mainKey]);
    for (const [i, alias] of names.entries()) {
      const key = keys[i] ?? "";
      if (i === 0 || !key || own.has(key) || aliasOwner.has(key)) continue;
      if (isStopWord(key) || lexiconIds.has(key) || key === "usa") continue;
      own.add(key);
      if (alias === made.abbreviation) abbreviation = alias;
      else kept.push(alias);
    }
    for (const key of own) aliasOwner.set(key, entities.length);
    const id = `e${entities.length}-${slug(made.name)}`.slice(0, 60).replace(/-+$/, "");
    entities.push({
      entity: {
        id,
        kind: made.kind,
        name: made.name,
        description: `Synthetic ${made.kind} ${made.name}.`,
        source: "src-0001",
        // The glossary paragraph appended to the first source below.
        paragraph: 1,
        quote: `Entity: ${made.name}`,
        aliases: [...kept, ...(abbreviation ? [abbreviation] : [])],
      },
      aliases: kept,
      ...(abbreviation ? { abbreviation } : {}),
      nameWords: made.nameWords,
    });
  }
  const entityZipf = new Zipf(entityCount, 1.0);

  // Topics.
  const topicCount = Math.round(8 * Math.log10(size)) - 8;
  const topics: Topic[] = [];
  for (let t = 0; t < topicCount; t++) {
    const labelWords = Array.from(
      { length: random.range(1, 2) },
      () => lexicon[midWord(20, 2000)] ?? "",
    );
    const keywords = Array.from(
      { length: random.range(3, 5) },
      () => lexicon[midWord(20, 4000)] ?? "",
    );
    topics.push({
      id: `topic-${t}`,
      label: labelWords.map(capitalize).join(" "),
      description: `Synthetic topic ${t}.`,
      keywords: [...new Set(keywords)],
    });
  }
  const topicZipf = new Zipf(topicCount, 0.8);

  // Facts, grouped into sources and paragraphs.
  const facts: SynthFact[] = [];
  const sources: Source[] = [];
  const perSource = Math.ceil(size / sourceCount);
  for (let s = 0; s < sourceCount; s++) {
    const sourceId = `src-${String(s + 1).padStart(4, "0")}`;
    const paragraphs: { n: number; section: string; text: string }[] = [];
    const first = s * perSource;
    const last = Math.min(size, first + perSource);
    let n = 0;
    let factCount = 0;
    for (let i = first; i < last; ) {
      n++;
      const inParagraph = Math.min(last - i, random.range(1, 4));
      const texts: string[] = [];
      for (let k = 0; k < inParagraph; k++, i++) {
        const made = makeFact(random, {
          id: `${sourceId}-f${i - first + 1}`,
          source: sourceId,
          paragraph: n,
          lexicon,
          wordZipf,
          concept,
          entities,
          entityZipf,
          topics,
          topicZipf,
        });
        facts.push(made);
        texts.push(made.fact.text);
        factCount++;
      }
      paragraphs.push({ n, section: `Section ${Math.ceil(n / 8)}`, text: texts.join(" ") });
    }
    if (paragraphs.length === 0) paragraphs.push({ n: 1, section: "Section 1", text: "Empty." });
    sources.push({
      id: sourceId,
      title: `${capitalize(lexicon[midWord(10, 3000)] ?? "")} and ${lexicon[midWord(10, 3000)]}: synthetic report ${s + 1}`,
      series: "Synthetic Reports",
      author: `${nameWord()} ${nameWord()}`,
      publisher: "Bench Institute",
      published: `20${String(10 + (s % 16)).padStart(2, "0")}-0${1 + (s % 9)}-1${s % 10}`,
      url: `https://example.org/reports/${sourceId}`,
      summary: `Synthetic report ${s + 1}.`,
      paragraphs,
      factCount,
    });
  }

  // Glossary paragraphs in the first source, which entity quotes cite: a hundred entities each,
  // since the loader refuses a field longer than a real paragraph could be.
  const first = sources[0];
  if (first) {
    for (let at = 0; at < entities.length; at += GLOSSARY_ENTRIES) {
      const group = entities.slice(at, at + GLOSSARY_ENTRIES);
      const n = (first.paragraphs[first.paragraphs.length - 1]?.n ?? 0) + 1;
      first.paragraphs.push({
        n,
        section: "Glossary",
        text: group.map((e) => `${e.entity.quote}.`).join(" "),
      });
      for (const e of group) e.entity.paragraph = n;
    }
  }

  // Ground truth: which facts hold a concept, an entity, a date.
  const byConcept = new Map<number, number[]>();
  const byEntity = new Map<string, number[]>();
  for (const [i, f] of facts.entries()) {
    for (const c of f.concepts) push(byConcept, c, i);
    for (const e of f.fact.entities) push(byEntity, e, i);
  }

  const base: KnowledgeBase = {
    sources: new Map(sources.map((s) => [s.id, s])),
    entities: new Map(entities.map((e) => [e.entity.id, e.entity])),
    topics: new Map(topics.map((t) => [t.id, t])),
    facts: facts.map((f) => f.fact),
    factsById: new Map(facts.map((f) => [f.fact.id, f.fact])),
    synonyms: synonymGroups.map((g) => g.map((w) => lexicon[w] ?? "")),
    loadedAt: new Date(0),
  };

  const context: QueryContext = {
    lexicon,
    lexiconIds,
    groupOf,
    synonymGroups,
    concept,
    facts,
    entities: new Map(entities.map((e) => [e.entity.id, e])),
    byConcept,
    byEntity,
    wordZipf,
    taken,
  };
  const queryRandom = new Random(seed ^ 0x5eed);
  const queries = Array.from({ length: options.queries ?? 1500 }, () =>
    makeQuery(queryRandom, context),
  );
  const warmRandom = new Random(seed ^ 0xa1fa);
  const warmup = Array.from({ length: options.warmup ?? 300 }, () =>
    makeQuery(warmRandom, context),
  );

  const distinct = new Set<number>();
  for (const f of facts) for (const w of f.words) distinct.add(w);
  return {
    base,
    queries,
    warmup,
    stats: {
      facts: facts.length,
      sources: sources.length,
      entities: entities.length,
      aliases: entities.reduce((sum, e) => sum + e.entity.aliases.length, 0),
      topics: topics.length,
      synonymGroups: synonymGroups.length,
      distinctWords: distinct.size,
      datedFacts: facts.filter((f) => f.fact.date).length,
    },
  };
}

const GLOSSARY_ENTRIES = 100;

/** Writes the knowledge as the loader reads it: knowledge/-shaped YAML (JSON is YAML). */
export function writeKnowledge(base: KnowledgeBase, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "sources"), { recursive: true });
  const write = (file: string, value: unknown) =>
    writeFileSync(path.join(dir, file), `${JSON.stringify(value, null, 1)}\n`);
  write("entities.yaml", [...base.entities.values()]);
  write("topics.yaml", [...base.topics.values()]);
  write("synonyms.yaml", base.synonyms);
  const bySource = new Map<string, Omit<Fact, "source">[]>();
  for (const { source, ...fact } of base.facts) push(bySource, source, fact);
  for (const { factCount: _, ...source } of base.sources.values()) {
    mkdirSync(path.join(dir, "sources", source.id));
    write(`sources/${source.id}/source.yaml`, source);
    write(`sources/${source.id}/facts.yaml`, bySource.get(source.id) ?? []);
  }
}

// --- entities --------------------------------------------------------------------------------

interface MadeEntity {
  kind: EntityKindName;
  name: string;
  aliases: string[];
  abbreviation?: string;
  nameWords: number[];
}

function makeEntity(
  random: Random,
  index: number,
  nameWord: () => string,
  lexicon: string[],
  midWord: (low: number, high: number) => number,
): MadeEntity {
  const kind = random.weighted(ENTITY_KINDS);
  const variant = (word: string) => transliterate(random, word);
  switch (kind) {
    case "person": {
      const first = nameWord();
      const last = nameWord();
      const al = random.chance(0.6);
      const name = al ? `${first} al-${last}` : `${first} ${last}`;
      const aliases = [last, variant(last), `${first} ${variant(last)}`];
      if (al) aliases.push(`al-${last}`, `${first} ${last}`);
      if (random.chance(0.5)) aliases.push(variant(last));
      return { kind, name, aliases, nameWords: [] };
    }
    case "militia": {
      const words = [nameWord(), nameWord()];
      const third = random.chance(0.5) ? nameWord() : undefined;
      const name = third ? `${words.join(" ")} al-${third}` : words.join(" ");
      const initials = [...words, ...(third ? [third] : [])].map((w) => w[0]).join("");
      const aliases = [
        third ? third : (words[0] ?? ""),
        words.map(variant).join(" "),
        `${variant(words[0] ?? "")} ${words[1]}`,
      ];
      if (third) aliases.push(`al-${third}`, `${words[0]} al-${variant(third)}`);
      return { kind, name, aliases, abbreviation: initials.toUpperCase(), nameWords: [] };
    }
    case "organization": {
      const nameWords = Array.from({ length: random.range(1, 2) }, () => midWord(100, 6000));
      const head = random.pick(ORG_HEADS);
      const parts = [...nameWords.map((w) => capitalize(lexicon[w] ?? "")), head];
      const name = parts.join(" ");
      const initials = parts.map((p) => p[0]).join("");
      const aliases = parts.length > 2 ? [`${parts[0]} ${head}`] : [`the ${name}`];
      return { kind, name, aliases, abbreviation: initials.toUpperCase(), nameWords };
    }
    case "place": {
      const word = nameWord();
      const suffix = random.pick(["", "", " Province", " Base", " Airport"]);
      return { kind, name: `${word}${suffix}`, aliases: [variant(word), word], nameWords: [] };
    }
    case "country": {
      const word = nameWord();
      const name = `${word}${random.pick(["ia", "stan", "land", ""])}`;
      return { kind, name, aliases: [`${name}i`, variant(name)], nameWords: [] };
    }
    case "weapon": {
      const word = nameWord();
      const model = `${random.pick(["S", "M", "K", "T"])}${random.range(1, 9)}`;
      return {
        kind,
        name: `${word}-${model}`,
        aliases: [word, `${variant(word)} ${model}`],
        nameWords: [],
      };
    }
    default: {
      const nameWords = [midWord(50, 5000), midWord(50, 5000)];
      const [first = "", second = ""] = nameWords.map((w) => capitalize(lexicon[w] ?? ""));
      const head = random.pick(EVENT_HEADS);
      const year = 2000 + (index % 26);
      return {
        kind,
        name: `${first} ${second} ${head}`,
        aliases: [`${first} ${head}`, `${year} ${second} ${head}`],
        nameWords,
      };
    }
  }
}

function transliterate(random: Random, word: string): string {
  const lower = word.toLowerCase();
  const options = TRANSLITERATIONS.filter(([from]) => lower.includes(from, 1));
  if (options.length === 0) return word;
  const [from, to] = random.pick(options);
  const positions: number[] = [];
  for (let i = lower.indexOf(from, 1); i >= 0; i = lower.indexOf(from, i + 1)) positions.push(i);
  const at = random.pick(positions);
  const changed = lower.slice(0, at) + to + lower.slice(at + from.length);
  return word[0] === lower[0] ? changed : capitalize(changed);
}

// --- facts -----------------------------------------------------------------------------------

interface FactContext {
  id: string;
  source: string;
  paragraph: number;
  lexicon: string[];
  wordZipf: Zipf;
  concept: (w: number) => number;
  entities: SynthEntity[];
  entityZipf: Zipf;
  topics: Topic[];
  topicZipf: Zipf;
}

function makeFact(random: Random, c: FactContext): SynthFact {
  const words: number[] = [];
  const count = random.range(8, 16);
  while (words.length < count) {
    const w = c.wordZipf.sample(random);
    if (!words.includes(w)) words.push(w);
  }
  const linked: SynthEntity[] = [];
  const entityCount = random.weighted([
    [0, 15],
    [1, 40],
    [2, 30],
    [3, 15],
  ] as const);
  for (let tries = 0; linked.length < entityCount && tries < 10; tries++) {
    const e = c.entities[c.entityZipf.sample(random)];
    if (e && !linked.includes(e)) linked.push(e);
  }

  // Tokens: content words with function words between, entity names at random places.
  const tokens: string[] = [];
  for (const w of words) {
    if (random.chance(0.45)) tokens.push(random.pick(FUNCTION_WORDS));
    tokens.push(c.lexicon[w] ?? "");
  }
  const allWords = [...words];
  for (const e of linked) {
    const surface = random.weighted([
      ["name", 60],
      ["alias", 30],
      ["abbreviation", e.abbreviation ? 10 : 0],
    ] as const);
    const text =
      surface === "name"
        ? e.entity.name
        : surface === "alias" && e.aliases.length > 0
          ? random.pick(e.aliases)
          : (e.abbreviation ?? e.entity.name);
    if (text === e.entity.name)
      for (const w of e.nameWords) if (!allWords.includes(w)) allWords.push(w);
    tokens.splice(random.int(tokens.length + 1), 0, text);
  }
  let date: string | undefined;
  if (random.chance(0.4)) {
    const year = 2025 - Math.min(22, Math.floor(-Math.log(1 - random.next()) * 4));
    const month = random.range(1, 12);
    const precision = random.weighted([
      ["day", 60],
      ["month", 30],
      ["year", 10],
    ] as const);
    const monthName = MONTHS[month - 1];
    const mm = String(month).padStart(2, "0");
    if (precision === "day") {
      const day = random.range(1, 28);
      date = `${year}-${mm}-${String(day).padStart(2, "0")}`;
      tokens.push(`on ${monthName} ${day}, ${year}`);
    } else if (precision === "month") {
      date = `${year}-${mm}`;
      tokens.push(`in ${monthName} ${year}`);
    } else {
      date = String(year);
      tokens.push(`in ${year}`);
    }
  }
  const sentence = tokens.join(" ");
  const text = `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
  const spaced = text.slice(0, -1).split(" ");
  const span = Math.min(spaced.length, random.range(6, 12));
  const start = random.int(spaced.length - span + 1);
  let quote = spaced.slice(start, start + span).join(" ");
  if (quote.length < 10) quote = text;

  const topicIds = new Set<string>();
  const topicCount = random.range(1, 3);
  while (topicIds.size < topicCount) topicIds.add(c.topics[c.topicZipf.sample(random)]?.id ?? "");

  const fact: Fact = {
    id: c.id,
    text,
    paragraph: c.paragraph,
    quote,
    ...(date ? { date } : {}),
    entities: linked.map((e) => e.entity.id),
    topics: [...topicIds],
    key: random.chance(0.05),
    source: c.source,
  };
  return { fact, concepts: new Set(allWords.map(c.concept)), words: allWords };
}

// --- questions -------------------------------------------------------------------------------

interface QueryContext {
  lexicon: string[];
  lexiconIds: Map<string, number>;
  groupOf: Map<number, number>;
  synonymGroups: number[][];
  concept: (w: number) => number;
  facts: SynthFact[];
  entities: Map<string, SynthEntity>;
  byConcept: Map<number, number[]>;
  byEntity: Map<string, number[]>;
  wordZipf: Zipf;
  taken: NearNeighbours;
}

function makeQuery(random: Random, c: QueryContext): BenchQuery {
  if (random.chance(OFF_TOPIC_SHARE)) return offTopicQuery(random, c);
  const target = random.pick(c.facts);
  const linked = target.fact.entities.flatMap((id) => c.entities.get(id) ?? []);
  const shape: BenchQuery["shape"] =
    linked.length === 0
      ? random.chance(0.15) && target.fact.date
        ? "date"
        : "words"
      : random.weighted([
          ["entity", 15],
          ["entity+words", 45],
          ["words", 28],
          ["date", target.fact.date ? 12 : 0],
        ] as const);
  const length = random.weighted([
    [1, 8],
    [2, 20],
    [3, 25],
    [4, 22],
    [5, 15],
    [6, 10],
  ] as const);

  // The entity, named the way people type it.
  let entity: SynthEntity | undefined;
  let entityWords: string[] = [];
  let abbreviation = false;
  if (shape === "entity" || shape === "entity+words" || (shape === "date" && random.chance(0.5))) {
    entity = linked.length > 0 ? random.pick(linked) : undefined;
  }
  if (entity) {
    const form = random.weighted([
      ["name", 35],
      ["alias", entity.aliases.length > 0 ? 35 : 0],
      ["abbreviation", entity.abbreviation ? 40 : 0],
      ["transliteration", 10],
    ] as const);
    let surface: string;
    if (form === "abbreviation" && entity.abbreviation) {
      surface = entity.abbreviation;
      abbreviation = true;
    } else if (form === "alias") surface = random.pick(entity.aliases);
    else if (form === "transliteration") {
      const parts = entity.entity.name.split(" ");
      const at = random.int(parts.length);
      surface = parts.map((p, i) => (i === at ? transliterate(random, p) : p)).join(" ");
    } else surface = entity.entity.name;
    entityWords = surface.split(" ");
    if (entityWords.length > length) {
      // Too long for this question: the shortest way to name it.
      const shortest = [entity.abbreviation, ...entity.aliases]
        .filter((a): a is string => !!a)
        .sort((a, b) => a.split(" ").length - b.split(" ").length || a.length - b.length)[0];
      if (shortest && shortest.split(" ").length < entityWords.length) {
        entityWords = shortest.split(" ");
        abbreviation = shortest === entity.abbreviation;
      }
    }
  }

  // Content words of the fact, leaning to the rarer ones: people ask about the specific thing.
  const wanted =
    shape === "entity" ? 0 : Math.max(shape === "words" ? 1 : 0, length - entityWords.length);
  const pool = [...target.words];
  const chosen: number[] = [];
  const dateWords: string[] = [];
  let datePrefix: string | undefined;
  if (shape === "date" && target.fact.date) {
    const [year, month, day] = target.fact.date.split("-");
    const precise = day && random.chance(0.5);
    datePrefix = precise ? target.fact.date : month ? `${year}-${month}` : year;
    if (month) dateWords.push((MONTHS[Number(month) - 1] ?? "").toLowerCase());
    if (precise) dateWords.push(String(Number(day)));
    dateWords.push(year ?? "");
  }
  if (entity && entityWords.length + dateWords.length + 1 > 6) {
    entity = undefined;
    entityWords = [];
    abbreviation = false;
  }
  const room = Math.max(shape === "date" ? 1 : 0, wanted - dateWords.length);
  const contentCount = Math.min(room, 3, pool.length);
  while (chosen.length < contentCount) {
    const candidates = pool.filter(
      (w) => !chosen.includes(w) && !chosen.some((x) => c.concept(x) === c.concept(w)),
    );
    if (candidates.length === 0) break;
    const w = random.chance(0.5) ? Math.max(...candidates) : random.pick(candidates);
    chosen.push(w);
  }
  const contentWords = chosen.map((w) => {
    const group = c.groupOf.get(w);
    if (group !== undefined && random.chance(0.3)) {
      const members = c.synonymGroups[group - LEXICON_SIZE] ?? [w];
      return c.lexicon[random.pick(members)] ?? "";
    }
    return c.lexicon[w] ?? "";
  });

  // Ground truth: every fact holding all the concepts, the entity and the date.
  let answers = intersect([
    ...chosen.map((w) => c.byConcept.get(c.concept(w)) ?? []),
    ...(entity ? [c.byEntity.get(entity.entity.id) ?? []] : []),
  ]);
  if (datePrefix) {
    const prefix = datePrefix;
    answers = (answers ?? c.facts.map((_, i) => i)).filter((i) =>
      c.facts[i]?.fact.date?.startsWith(prefix),
    );
  }

  // Assemble: question words if there is room, then the entity and the words in some order.
  const meaning = [...entityWords, ...contentWords, ...dateWords];
  if (!random.chance(0.3)) random.shuffle(meaning);
  if (entityWords.length > 0 && random.chance(0.7)) {
    // Names stay in one piece.
    const rest = meaning.filter((w) => !entityWords.includes(w));
    meaning.splice(0, meaning.length, ...entityWords, ...rest);
    if (random.chance(0.4)) meaning.push(...meaning.splice(0, entityWords.length));
  }
  let words = meaning;
  const prefix = random.pick(QUESTION_PREFIXES).split(" ");
  if (words.length + prefix.length <= 6 && random.chance(0.6)) {
    words = [...prefix, ...words];
    // "how many" is answered only by a fact with a count, "when" only by a dated one; a
    // question no fact can answer that way is a near miss (the question text stays the same,
    // so runs of other versions ask exactly the same questions).
    const kind = TYPED_PREFIXES[prefix.join(" ")];
    if (kind && answers) answers = answers.filter((i) => carriesType(c.facts[i]?.fact, kind));
  } else if (words.length < 6 && random.chance(0.2)) words = ["about", ...words];

  let typo = false;
  if (random.chance(TYPO_SHARE)) {
    const eligible = words
      .map((w, i) => [w, i] as const)
      .filter(([w]) => /^[a-z]{5,}$/i.test(w) && w !== entity?.abbreviation);
    if (eligible.length > 0) {
      const [word, at] = random.pick(eligible);
      words = words.map((w, i) => (i === at ? mistype(random, word) : w));
      typo = true;
    }
  }
  let q = words.join(" ");
  if (random.chance(0.7)) q = q.toLowerCase();
  if (random.chance(0.4)) q += "?";
  const nearMiss = answers !== undefined && answers.length === 0;
  return {
    q,
    offTopic: nearMiss,
    typo,
    abbreviation,
    shape: nearMiss ? "near-miss" : shape,
    answers: new Set((answers ?? []).map((i) => c.facts[i]?.fact.id ?? "")),
  };
}

function offTopicQuery(random: Random, c: QueryContext): BenchQuery {
  const count = random.range(1, 4);
  const words: string[] = [];
  while (words.length < count) {
    const w = random.pick(OFF_TOPIC_WORDS);
    if (!words.includes(w)) words.push(w);
  }
  // A quarter mix in one word the knowledge does use: "best pizza <word>" is still off-topic.
  if (count >= 2 && random.chance(0.25))
    words.splice(random.int(words.length + 1), 0, c.lexicon[c.wordZipf.sample(random)] ?? "");
  let all = words;
  const prefix = random.pick(QUESTION_PREFIXES).split(" ");
  if (all.length + prefix.length <= 6 && random.chance(0.6)) all = [...prefix, ...all];
  let typo = false;
  if (random.chance(TYPO_SHARE)) {
    const eligible = all.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5);
    if (eligible.length > 0) {
      const [word, at] = random.pick(eligible);
      all = all.map((w, i) => (i === at ? mistype(random, word) : w));
      typo = true;
    }
  }
  return {
    q: all.join(" ") + (random.chance(0.4) ? "?" : ""),
    offTopic: true,
    typo,
    abbreviation: false,
    shape: "off-topic",
    answers: new Set(),
  };
}

/** One slip of the fingers: a neighbouring key, a dropped, doubled or swapped letter. */
function mistype(random: Random, word: string): string {
  const at = word.length > 1 && random.chance(0.85) ? random.range(1, word.length - 1) : 0;
  const kind = random.weighted([
    ["substitute", 35],
    ["delete", 25],
    ["insert", 15],
    ["transpose", 25],
  ] as const);
  const ch = word[at] ?? "a";
  switch (kind) {
    case "substitute":
      return word.slice(0, at) + neighbourKey(random, ch) + word.slice(at + 1);
    case "delete":
      return word.slice(0, at) + word.slice(at + 1);
    case "insert":
      return (
        word.slice(0, at) + (random.chance(0.5) ? ch : neighbourKey(random, ch)) + word.slice(at)
      );
    default: {
      const i = Math.min(at, word.length - 2);
      return word.slice(0, i) + (word[i + 1] ?? "") + (word[i] ?? "") + word.slice(i + 2);
    }
  }
}

function neighbourKey(random: Random, ch: string): string {
  const lower = ch.toLowerCase();
  for (const [r, row] of KEYBOARD_ROWS.entries()) {
    const i = row.indexOf(lower);
    if (i < 0) continue;
    const near = [
      row[i - 1],
      row[i + 1],
      KEYBOARD_ROWS[r - 1]?.[i],
      KEYBOARD_ROWS[r + 1]?.[i],
    ].filter((k): k is string => !!k);
    const key = random.pick(near);
    return ch === lower ? key : key.toUpperCase();
  }
  return "e";
}

// --- helpers ---------------------------------------------------------------------------------

/**
 * Words taken so far with their one-letter deletions: a new word that shares a deletion with
 * a taken word (or is one) is within one edit or one swap of it, and is refused.
 */
class NearNeighbours {
  private readonly keys = new Set<string>();

  add(word: string): boolean {
    const variants = deletions(word);
    if (this.keys.has(word) || variants.some((v) => this.keys.has(v))) return false;
    this.keys.add(word);
    for (const v of variants) this.keys.add(v);
    return true;
  }
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function pseudoWord(random: Random, onsets: string[], vowels: string[], codas: string[]): string {
  const syllables = random.weighted([
    [1, 10],
    [2, 65],
    [3, 25],
  ] as const);
  let word = "";
  for (let i = 0; i < syllables; i++) {
    word +=
      random.pick(onsets) +
      random.pick(vowels) +
      (i === syllables - 1 || random.chance(0.15) ? random.pick(codas) : "");
  }
  return word;
}

/** Intersection of ascending lists: each survivor of the shortest is looked up by bisection. */
function intersect(lists: number[][]): number[] | undefined {
  if (lists.length === 0) return undefined;
  const [shortest = [], ...others] = [...lists].sort((a, b) => a.length - b.length);
  return shortest.filter((i) => others.every((list) => contains(list, i)));
}

function contains(sorted: number[], value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const v = sorted[mid] ?? 0;
    if (v === value) return true;
    if (v < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function slug(text: string): string {
  return normalize(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
