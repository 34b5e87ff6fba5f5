/**
 * Answers that carry feedback buttons, the votes on them, and the questions the bot declined,
 * on SQLite. No user id is stored with a vote (a one-way hash only tells one voter from
 * another), and none with a declined question unless the operator sets LOG_ASKERS=true. Token-
 * shaped text (a pasted Slack or API key) is redacted from a question before it is stored.
 *
 * Only a vote is confirmed to the person, so only a vote's failure reaches them (as
 * StorageFaultError). Keeping an answer or a declined question is for the curators: if storage
 * refuses it, the log says so and the person still gets their answer.
 */

import { createHash } from "node:crypto";
import type { Platform, RequestOrigin } from "../core/command.ts";
import { describeFailure } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { redactSecrets } from "../core/redact.ts";
import type {
  AnswerRecord,
  FeedbackStore,
  FeedbackVote,
  GapsQuery,
  GapsReport,
  NotHelpfulAnswer,
  UnansweredGroup,
  VoteResult,
} from "../core/services.ts";
import { StorageFaultError } from "../core/storage-fault.ts";
import type { Db } from "./database.ts";
import type { DatabaseFile } from "./database-file.ts";

const DAY_MS = 86_400_000;
const MAX_QUESTION = 500;

export interface FeedbackOptions {
  /** Keep who asked a declined question (LOG_ASKERS). */
  logAskers: boolean;
  /** Where a question that could not be kept is reported. */
  log: Logger;
}

/** A question as it may be stored: trimmed, bounded, with anything token-shaped redacted. */
function storable(question: string): string {
  return redactSecrets(question.trim().slice(0, MAX_QUESTION));
}

/** "Bitcoin price?" and "bitcoin  price" count as one question. */
export function normalizeQuestion(question: string): string {
  return question
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export class SqliteFeedback implements FeedbackStore {
  constructor(
    private readonly file: DatabaseFile,
    private readonly now: () => Date,
    private readonly options: FeedbackOptions,
  ) {}

  async recordAnswer(answer: AnswerRecord, origin: RequestOrigin): Promise<number | undefined> {
    const at = this.now().getTime();
    try {
      return await this.file.write(
        (db) =>
          db
            .prepare(
              `INSERT INTO answers (platform, workspace_id, question, fact_ids, created_at)
               VALUES (?, ?, ?, ?, ?)`,
            )
            .run(
              origin.platform,
              origin.workspaceId ?? null,
              storable(answer.question),
              JSON.stringify(answer.factIds),
              at,
            ).lastInsertRowid as number,
      );
    } catch (error) {
      this.notKept(error, "an answer (it goes out without feedback buttons)");
      return undefined;
    }
  }

  recordVote(vote: FeedbackVote): Promise<VoteResult> {
    const { origin } = vote;
    const now = this.now().getTime();
    return this.file.write((db): VoteResult => {
      // A click names an answer of the same platform and workspace, or none at all.
      const answer = db
        .prepare("SELECT id FROM answers WHERE id = ? AND platform = ? AND workspace_id IS ?")
        .get(vote.answerId, origin.platform, origin.workspaceId ?? null);
      if (!answer) return "unknown-answer";
      const voter = voterHash(db, origin);
      const before = db
        .prepare("SELECT helpful FROM feedback WHERE answer_id = ? AND voter = ?")
        .get(vote.answerId, voter) as { helpful: number } | undefined;
      db.prepare(
        `INSERT INTO feedback (answer_id, voter, helpful, platform, created_at, updated_at)
         VALUES (@answerId, @voter, @helpful, @platform, @now, @now)
         ON CONFLICT (answer_id, voter) DO UPDATE SET helpful = @helpful, updated_at = @now`,
      ).run({
        answerId: vote.answerId,
        voter,
        helpful: vote.helpful ? 1 : 0,
        platform: origin.platform,
        now,
      });
      return before === undefined ? "recorded" : "changed";
    });
  }

  async recordUnanswered(question: string, origin: RequestOrigin): Promise<void> {
    const text = storable(question);
    if (!text) return;
    const at = this.now().getTime();
    try {
      await this.file.write((db) =>
        db
          .prepare(
            `INSERT INTO unanswered (platform, workspace_id, question, normalized, asked_at, asked_by)
             VALUES (?, ?, ?, ?, ?, ?)`,
          )
          .run(
            origin.platform,
            origin.workspaceId ?? null,
            text,
            normalizeQuestion(text) || text.toLowerCase(),
            at,
            this.options.logAskers ? origin.userId : null,
          ),
      );
    } catch (error) {
      this.notKept(error, "a declined question (it will be missing from /gaps)");
    }
  }

  /** A record only the curators would miss: logged, never shown to the person. Bugs still throw. */
  private notKept(error: unknown, what: string): void {
    if (!(error instanceof StorageFaultError)) throw error;
    this.options.log.warn(
      { fault: error.fault, err: describeFailure(error.cause ?? error) },
      `storage: could not keep ${what}: ${error.message}`,
    );
  }

  gaps(query: GapsQuery): Promise<GapsReport> {
    return this.file.read((db) => this.report(db, query));
  }

  private report(db: Db, query: GapsQuery): GapsReport {
    const since = new Date(this.now().getTime() - query.days * DAY_MS);
    const limit = query.limit ?? 10;
    const scope = query.scope
      ? { platform: query.scope.platform, workspaceId: query.scope.workspaceId ?? null }
      : undefined;
    const where = (table: string) =>
      scope ? `AND ${table}.platform = @platform AND ${table}.workspace_id IS @workspaceId` : "";
    const params = { since: since.getTime(), limit, ...(scope ?? {}) };

    const groups = db
      .prepare(
        `SELECT normalized, COUNT(*) AS count, MAX(asked_at) AS last_asked,
                group_concat(DISTINCT platform) AS platforms,
                (SELECT u2.question FROM unanswered u2
                  WHERE u2.normalized = u.normalized AND u2.asked_at >= @since ${where("u2")}
                  ORDER BY u2.asked_at DESC, u2.id DESC LIMIT 1) AS question
         FROM unanswered u
         WHERE asked_at >= @since ${where("u")}
         GROUP BY normalized
         ORDER BY count DESC, last_asked DESC
         LIMIT @limit`,
      )
      .all(params) as {
      count: number;
      last_asked: number;
      platforms: string;
      question: string;
    }[];
    const total = db
      .prepare(`SELECT COUNT(*) AS n FROM unanswered u WHERE asked_at >= @since ${where("u")}`)
      .get(params) as { n: number };

    const answers = db
      .prepare(
        `SELECT a.id, a.question, a.fact_ids,
                SUM(f.helpful = 0) AS not_helpful, SUM(f.helpful = 1) AS helpful,
                MAX(f.updated_at) AS last_vote
         FROM feedback f JOIN answers a ON a.id = f.answer_id
         WHERE f.updated_at >= @since ${where("a")}
         GROUP BY a.id
         HAVING not_helpful > 0
         ORDER BY not_helpful DESC, last_vote DESC
         LIMIT @limit`,
      )
      .all(params) as {
      id: number;
      question: string;
      fact_ids: string;
      not_helpful: number;
      helpful: number;
      last_vote: number;
    }[];

    return {
      since,
      unansweredTotal: total.n,
      unanswered: groups.map(
        (g): UnansweredGroup => ({
          question: g.question,
          count: g.count,
          lastAsked: new Date(g.last_asked),
          platforms: g.platforms.split(",") as Platform[],
        }),
      ),
      notHelpful: answers.map(
        (a): NotHelpfulAnswer => ({
          answerId: a.id,
          question: a.question,
          factIds: JSON.parse(a.fact_ids) as string[],
          notHelpful: a.not_helpful,
          helpful: a.helpful,
          lastVote: new Date(a.last_vote),
        }),
      ),
    };
  }
}

/**
 * Who voted, as a one-way hash mixed with this database's own salt (made by migration 2), so it
 * cannot be reversed by hashing known user ids. Read with the vote: a replaced file has its own.
 */
function voterHash(db: Db, origin: RequestOrigin): string {
  const salt = db.prepare("SELECT value FROM settings WHERE key = 'voter_salt'").get() as
    | { value: string }
    | undefined;
  return createHash("sha256")
    .update(`${salt?.value ?? ""}\0${origin.platform}\0${origin.userId}`)
    .digest("hex")
    .slice(0, 32);
}
