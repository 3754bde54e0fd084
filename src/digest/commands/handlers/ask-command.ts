import { answerSentences } from "../../summaries/answer-question.js";
import { formatShortDate } from "../../summaries/format-date.js";
import { searchQuery } from "../../summaries/search-query.js";
import { languageTag } from "../../summaries/told-in.js";
import type { Reply } from "../../summaries/views.js";
import { developmentLine } from "../development-lines.js";
import type { Request } from "../request.js";

// A question reads the reports of the five developments that match it best, the newest 30 of each.
const ANSWER_DEVELOPMENTS = 5;
const ANSWER_REPORTS = 30;
// When nothing answers, at most three developments are offered as the nearest.
const NEAREST_DEVELOPMENTS = 3;

/**
 * A question asked in words ("¿quién ofrece asilo a Maduro?"): up to three sentences of the reports that answer
 * it, each with its outlet and date; when none does, "not yet" and the developments nearest to the question.
 * The question has been screened (not empty, not too long) before it gets here.
 */
export function answerQuestion(request: Request, question: string): Reply {
  const { m, lang, context } = request;
  const query = searchQuery(question, context.pack);
  const hits = context.search.search(query.units, ANSWER_DEVELOPMENTS, query.minMatched);
  const sentences = answerSentences(
    query,
    hits.map((hit) => ({
      developmentId: hit.development.id,
      articles: context.articles.latestOriginals(hit.development.id, ANSWER_REPORTS),
    })),
    lang,
  );
  const timeZone = context.pack.settings.timeZone;
  if (sentences.length > 0) {
    return {
      kind: "answer",
      answer: {
        title: m.answerTitle,
        sentences: sentences.map((sentence) => ({
          text: sentence.text,
          languageTag: sentence.lang === lang ? undefined : languageTag(sentence.lang),
          publisher: sentence.publisher,
          date: formatShortDate(sentence.publishedAt, m, timeZone),
          url: sentence.url,
          developmentId: sentence.developmentId,
        })),
        nearestTitle: undefined,
        nearest: [],
      },
    };
  }
  // Nothing answers: the developments sharing most with the question, even one word of it.
  const nearest = (hits.length > 0 ? hits : context.search.search(query.units, NEAREST_DEVELOPMENTS, 1)).slice(
    0,
    NEAREST_DEVELOPMENTS,
  );
  return {
    kind: "answer",
    answer: {
      title: m.answerUnknown,
      sentences: [],
      nearestTitle: nearest.length > 0 ? m.answerNearest : undefined,
      nearest: nearest.map((hit) => developmentLine(request, hit.development, "last")),
    },
  };
}
