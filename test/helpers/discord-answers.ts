import type { APIEmbed, APIMessage } from "discord.js";
import type { DiscordFake, SentInteraction } from "./discord-fake.js";

/** What a reader sees of a message: its content and every embed text, one string. */
export function visible(message: { content?: string; embeds?: APIEmbed[] } | undefined): string {
  if (!message) return "";
  const embeds = (message.embeds ?? []).flatMap((e) => [
    e.author?.name,
    e.title,
    e.description,
    ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    e.footer?.text,
  ]);
  return [message.content, ...embeds].filter(Boolean).join("\n");
}

/** The bot's whole answer to an interaction, once it has one. */
export interface InteractionAnswer {
  /** The callback type (4: a reply, 5: deferred then edited, 7: a message updated by a button). */
  type: number;
  flags: number;
  /** The reply (after any edit), then `followUps` follow-up messages. */
  messages: APIMessage[];
}

/** Waits until the bot has answered an interaction: its reply (after the edit of a deferred one) and follow-ups. */
export function answerTo(fake: DiscordFake, sent: SentInteraction, followUps = 0): Promise<InteractionAnswer> {
  return fake.waitFor(() => {
    const [callback] = fake.callbacksFor(sent.id);
    const original = fake.originalReply(sent.id);
    if (!callback || !original) return undefined;
    // A deferred reply is a loading message until the bot edits it.
    if (
      callback.type === 5 &&
      fake.requestsTo("PATCH", new RegExp(`/webhooks/.+/${sent.token}/messages/@original$`)).length === 0
    )
      return undefined;
    const more = fake.followUpsTo(sent.id);
    if (more.length < followUps) return undefined;
    return { type: callback.type, flags: Number(callback.data?.flags ?? 0), messages: [original, ...more] };
  }, `the answer to interaction ${sent.id}`);
}
