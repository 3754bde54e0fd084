import type { Messages } from "../i18n/messages.js";
import { messagesFor } from "../i18n/messages-for.js";
import type { ChatRecord, ChatStore } from "../store/chat-store.js";
import type { SubscriptionStore } from "../store/subscription-store.js";
import type { Reply } from "../summaries/views.js";
import type { SettingsCommand, SettingsProblem } from "./parse-settings-command.js";

export interface SettingsContext {
  chats: ChatStore;
  subscriptions: SubscriptionStore;
  /** The story's zone: a /subscribe without one takes it. */
  defaultTimeZone: string;
  now: () => number;
}

const DEFAULT_DIGEST_AT = "08:00";

/** Applies a settings command to a chat and says what changed, in the chat's (possibly new) language. */
export function runSettingsCommand(command: SettingsCommand, chat: ChatRecord, context: SettingsContext): Reply {
  const { subscriptions } = context;
  const current = subscriptions.get(chat.id);
  const subscribed = current?.active === true;
  const m = messagesFor(command.name === "lang" ? command.lang : chat.lang);
  const example = `/subscribe ${DEFAULT_DIGEST_AT} ${context.defaultTimeZone}`;
  const text = (...lines: string[]): Reply => ({ kind: "text", lines });
  switch (command.name) {
    case "subscribe": {
      const digestAt = command.digestAt ?? current?.digestAt ?? DEFAULT_DIGEST_AT;
      const timeZone = command.timeZone ?? current?.timeZone ?? context.defaultTimeZone;
      subscriptions.subscribe(chat.id, { digestAt, timeZone }, context.now());
      return text(m.subscribed(digestAt, timeZone));
    }
    case "unsubscribe":
      if (!subscribed) return { kind: "error", text: m.notSubscribed(example) };
      subscriptions.unsubscribe(chat.id);
      return text(m.unsubscribed);
    case "alerts":
      if (!subscribed) return { kind: "error", text: m.notSubscribed(example) };
      subscriptions.setAlerts(chat.id, command.on);
      return text(command.on ? m.alertsOn : m.alertsOff);
    case "quiet":
      if (!subscribed) return { kind: "error", text: m.notSubscribed(example) };
      subscriptions.setQuietHours(chat.id, command.range?.from, command.range?.to);
      return text(command.range ? m.quietSet(command.range.from, command.range.to) : m.quietOff);
    case "lang":
      context.chats.setLang(chat.id, command.lang);
      return text(m.langSet);
    case "settings":
      return {
        kind: "text",
        title: m.settingsTitle,
        lines: m.settingsLines({
          subscribed,
          time: current?.digestAt ?? DEFAULT_DIGEST_AT,
          zone: current?.timeZone ?? context.defaultTimeZone,
          alerts: current?.alerts ?? true,
          quiet: current?.quietFrom && current.quietTo ? `${current.quietFrom}–${current.quietTo}` : undefined,
          budget: current?.alertBudget ?? 5,
          lang: chat.lang,
        }),
      };
  }
}

/** The reply to a settings command whose arguments could not be read. */
export function explainSettingsProblem(problem: SettingsProblem, m: Messages): Reply {
  switch (problem.kind) {
    case "bad-time":
      return { kind: "error", text: m.badTime(problem.argument) };
    case "bad-zone":
      return { kind: "error", text: m.badZone(problem.argument) };
    case "bad-alerts":
      return { kind: "error", text: m.badAlerts(problem.argument) };
    case "bad-quiet":
      return { kind: "error", text: m.badQuiet(problem.argument) };
    case "bad-lang":
      return { kind: "error", text: m.badLang(problem.argument) };
    case "unexpected-argument":
      return { kind: "error", text: m.unexpectedArgument(problem.name, problem.argument, problem.example) };
  }
}
