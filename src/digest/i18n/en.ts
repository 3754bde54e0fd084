import type { Messages } from "./messages.js";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export const en: Messages = {
  locale: "en-GB",
  help: (story) =>
    [
      `I follow the story "${story}": I group many outlets' reports into developments and tell you what changed.`,
      "",
      "/digest [24h|3d] — digest since your last one (or of the last 24 h)",
      "/latest — the most recent developments",
      "/actor NAME — who they are and where they appear (e.g. /actor petro)",
      "/actors — actors I follow · /actors new — new names showing up",
      "/timeline [actor] [days] — timeline (e.g. /timeline maduro 30)",
      "/search TEXT — search the developments (e.g. /search asylum)",
      "/ask QUESTION — ask me in your own words (e.g. /ask who is offering Maduro asylum?)",
      "/sources — the feeds I read and how they are doing",
      "",
      "/subscribe [HH:MM] [zone] — daily digest at that time (e.g. /subscribe 08:00 America/New_York) and alerts",
      "/unsubscribe — stop them · /alerts on|off — alerts for what's new",
      "/quiet 23:00-07:00 — hours without alerts (/quiet off) · /settings — see the settings · /lang es|en — language",
      "/help — this help",
    ].join("\n"),
  welcome: (story) =>
    `Hi. I'm Hilo and I follow the story "${story}" across many outlets, in Spanish and English. /subscribe brings you a daily digest; /help shows everything I can do.`,
  storySoFar: "The story so far",
  introduction: (story) =>
    `Hello everyone. I follow the story "${story}": ask me by mentioning me (@) or with /search, /actor, /latest. Admins can subscribe the group with /subscribe.`,
  answerTitle: "This is what the reports say:",
  answerUnknown: "I don't know yet: none of the reports I read says so.",
  answerNearest: "The closest I have:",
  sourcesOf: (headline) => `Sources · ${headline}`,
  moreAbout: (headline) => `More on · ${headline}`,
  unknownDevelopment: "That development is no longer available. /latest shows the recent ones.",
  unknownCommand: (name) => `I don't know the command /${name}. Type /help to see them all.`,
  notACommand: "Type a command, for example /digest or /actor petro. /help lists them all.",
  askMissing: "What would you like to know? Example: /ask who is offering Maduro asylum?",
  questionEmpty: "Ask me a question about the story, for example: who is offering Maduro asylum?",
  questionTooLong: "That is a very long question: sum it up in a sentence or two.",
  unexpectedArgument: (command, argument, example) => `/${command} takes no "${argument}". Example: ${example}`,
  internalError: "Something failed on my side while answering. It has been logged; try again in a moment.",

  digestTitle: (story, date) => `${story} · ${date}`,
  digestHeader: (created, updated, since) => `${created} new · ${updated} updated · ${since}`,
  digestEmpty: (since) => `Nothing new ${since}.`,
  digestOmitted: (count) => `… and ${plural(count, "more development", "more developments")}: /latest`,
  sinceLastDigest: (date) => `since your last digest (${date})`,
  sinceHours: (hours) => (hours % 24 === 0 && hours > 24 ? `in the last ${hours / 24} days` : `in the last ${hours} h`),
  badWindow: (argument) => `I can't read "${argument}" as a period. Use hours or days, e.g. /digest 24h or /digest 3d.`,
  windowOutOfRange: (argument, maxDays) =>
    `"${argument}" is outside what /digest looks back over: from 1 hour to ${maxDays} days. Example: /digest ${maxDays}d`,
  whatIsNew: "New:",
  alertLabel: "Alert",
  updateLabel: "Update",
  status: { new: "new", growing: "developing", fading: "quiet" },
  publishers: (count, added) =>
    `${plural(count, "outlet", "outlets")}${added > 0 ? `, ${added} new since the last digest` : ""}`,

  actorMissing: "Which actor? Example: /actor petro. /actors shows the list.",
  actorUnknown: (query, suggestions) =>
    suggestions.length > 0
      ? `No actor called "${query}". Did you mean ${suggestions.join(" or ")}?`
      : `No actor called "${query}". /actors shows the ones I follow.`,
  actorAmbiguous: (query) => `"${query}" fits more than one actor. Which one?`,
  choiceByNumber: "Answer with the number of your choice.",
  actorSince: (date) => `since ${date}`,
  actorDevelopments: "Latest developments",
  actorNoDevelopments: "Not in any development yet.",
  actorSeenWith: (names) => `Seen with: ${names.join(", ")}`,

  actorsTitle: "Actors I follow",
  actorsKinds: {
    person: "People",
    government: "Governments",
    organisation: "Organisations",
    "military-unit": "Military units",
  },
  actorsNewTitle: "New names (not on my list yet)",
  actorsNewEmpty: "I see no new names recurring across outlets.",
  discoveredProfile: (articles, publishers) =>
    `Named in ${plural(articles, "report", "reports")} from ${plural(publishers, "outlet", "outlets")}. Hilo found it in the news; it is not in this story's registry yet.`,
  actorsNewNote: (articles, publishers) =>
    `${plural(articles, "article", "articles")}, ${plural(publishers, "outlet", "outlets")}`,
  actorsBadArgument: (argument) => `/actors only takes "new". I can't read "${argument}". Example: /actors new`,

  latestTitle: "Latest",
  nothingYet: "I have no news of this story yet.",

  timelineTitle: (days, actor) => `Timeline${actor ? ` of ${actor}` : ""} · last ${days} days`,
  timelineEmpty: (days, actor) => `No developments${actor ? ` of ${actor}` : ""} in the last ${days} days.`,
  timelineBadDays: (argument) => `"${argument}" is not a valid number of days (1 to 365). Example: /timeline maduro 30`,

  subscribed: (time, zone) =>
    `Done: you'll get the digest every day at ${time} (${zone}) and alerts for what's new. /settings to see or change.`,
  unsubscribed: "No more digests or alerts. /subscribe to come back.",
  notSubscribed: (example) => `This chat is not subscribed. Example: ${example}`,
  alertsOn: "Alerts on: I'll tell you once about each new development.",
  alertsOff: "Alerts off: what's new will come in the daily digest.",
  quietSet: (from, to) => `Quiet hours: ${from} to ${to}. Anything new then comes in the digest.`,
  quietOff: "No quiet hours.",
  langSet: "I'll answer in English.",
  settingsTitle: "This chat's settings",
  settingsLines: (s) => [
    s.subscribed ? `Daily digest: ${s.time} (${s.zone})` : "Daily digest: not subscribed (/subscribe)",
    `Alerts: ${s.alerts ? "on" : "off"} · at most ${s.budget} a day`,
    `Quiet hours: ${s.quiet ?? "none"}`,
    `Language: ${s.lang}`,
  ],
  onlyAdmins: "Only the group's admins can change its settings. You can use /digest, /latest, /actor or /search.",
  badTime: (argument) => `"${argument}" is not a valid time. Use 24-hour HH:MM, e.g. /subscribe 08:00 America/Caracas`,
  badZone: (argument) =>
    `I don't know the time zone "${argument}". Use an IANA name, e.g. /subscribe 08:00 America/New_York`,
  badAlerts: (argument) => `/alerts needs on or off${argument ? `, not "${argument}"` : ""}. Example: /alerts off`,
  badQuiet: (argument) => `I can't read "${argument}" as quiet hours. Example: /quiet 23:00-07:00 or /quiet off`,
  badLang: (argument) => `I speak es and en${argument ? `, not "${argument}"` : ""}. Example: /lang es`,

  searchMissing: "What should I look for? Example: /search asylum",
  searchTitle: (query) => `Results for "${query}"`,
  searchEmpty: (query) => `Nothing matches "${query}". Try another word or /latest.`,

  sourcesTitle: "Sources",
  sourcesEmpty: "I read no sources yet.",
  offStory: "off this story",
  sourcesState: {
    active: "active",
    failing: "failing",
    disabled: "disabled (retried daily)",
    quarantined: "quarantined (the bot stopped while reading it; retried alone later)",
  },
  sourcesDetail: (lastSuccess, items) =>
    `last good read: ${lastSuccess ?? "never"} · ${plural(items, "article", "articles")}`,
  sourcesLastError: (date, error) => `last error (${date}): ${error}`,
};
