import type { ChatRecord } from "../../store/chat-store.js";
import { composeDigest } from "../../summaries/compose-digest.js";
import type { Reply } from "../../summaries/views.js";
import type { Request } from "../request.js";

const HOUR = 60 * 60 * 1000;

/**
 * /digest: what happened since the chat's last digest (or the last 24 h), or in an explicit window ("/digest 3d").
 * Only the plain form moves the chat's "last digest" mark: a look back is not the chat's digest.
 */
export function answerDigest(request: Request, chat: ChatRecord, windowHours: number | undefined): Reply {
  const { context, now } = request;
  const sinceLastDigest = windowHours === undefined && chat.lastDigestAt !== null && chat.lastDigestAt <= now;
  const since = sinceLastDigest ? chat.lastDigestAt! : now - (windowHours ?? 24) * HOUR;
  const digest = composeDigest(
    {
      pack: context.pack,
      developments: context.developments,
      articles: context.articles,
      actorName: request.actors.name,
      budget: context.digestBudget,
    },
    { lang: request.lang, since, until: now, sinceLastDigest },
  );
  if (windowHours === undefined) context.chats.markDigest(chat.id, now);
  return { kind: "digest", digest };
}
