/** Every sentence Hilo says to a user; es.ts and en.ts both implement it, so neither can miss a key. */
export interface Messages {
  locale: string;
  help: (storyTitle: string) => string;
  welcome: (storyTitle: string) => string;
  storySoFar: string;
  introduction: (storyTitle: string) => string;
  /** Over the sentences that answer a question. */
  answerTitle: string;
  /** When no report answers a question. */
  answerUnknown: string;
  /** Over the developments nearest to a question nothing answers. */
  answerNearest: string;
  sourcesOf: (headline: string) => string;
  moreAbout: (headline: string) => string;
  unknownDevelopment: string;
  unknownCommand: (name: string) => string;
  notACommand: string;
  /** `/ask` without a question: what to write, with an example. */
  askMissing: string;
  /** A question with nothing to search for (empty, only punctuation or emoji). */
  questionEmpty: string;
  questionTooLong: string;
  unexpectedArgument: (command: string, argument: string, example: string) => string;
  internalError: string;

  digestTitle: (storyTitle: string, date: string) => string;
  digestHeader: (created: number, updated: number, since: string) => string;
  digestEmpty: (since: string) => string;
  digestOmitted: (count: number) => string;
  sinceLastDigest: (date: string) => string;
  sinceHours: (hours: number) => string;
  badWindow: (argument: string) => string;
  windowOutOfRange: (argument: string, maxDays: number) => string;
  whatIsNew: string;
  alertLabel: string;
  updateLabel: string;
  status: Record<"new" | "growing" | "fading", string>;
  publishers: (count: number, added: number) => string;

  actorMissing: string;
  actorUnknown: (query: string, suggestions: string[]) => string;
  /** The question asked back when a name fits several actors; the choices follow it. */
  actorAmbiguous: (query: string) => string;
  /** Under a numbered list of choices in the console. */
  choiceByNumber: string;
  actorSince: (date: string) => string;
  actorDevelopments: string;
  actorNoDevelopments: string;
  actorSeenWith: (names: string[]) => string;

  actorsTitle: string;
  actorsKinds: Record<"person" | "government" | "organisation" | "military-unit", string>;
  actorsNewTitle: string;
  actorsNewEmpty: string;
  /** The profile of an actor Hilo discovered in the news. */
  discoveredProfile: (articles: number, publishers: number) => string;
  /** "3 artículos, 2 medios": how often an actor found in the news was named. */
  actorsNewNote: (articles: number, publishers: number) => string;
  actorsBadArgument: (argument: string) => string;

  latestTitle: string;
  nothingYet: string;

  timelineTitle: (days: number, actor?: string) => string;
  timelineEmpty: (days: number, actor?: string) => string;
  timelineBadDays: (argument: string) => string;

  subscribed: (time: string, zone: string) => string;
  unsubscribed: string;
  notSubscribed: (example: string) => string;
  alertsOn: string;
  alertsOff: string;
  quietSet: (from: string, to: string) => string;
  quietOff: string;
  langSet: string;
  settingsTitle: string;
  settingsLines: (s: {
    subscribed: boolean;
    time: string;
    zone: string;
    alerts: boolean;
    quiet: string | undefined;
    budget: number;
    lang: string;
  }) => string[];
  onlyAdmins: string;
  badTime: (argument: string) => string;
  badZone: (argument: string) => string;
  badAlerts: (argument: string) => string;
  badQuiet: (argument: string) => string;
  badLang: (argument: string) => string;

  searchMissing: string;
  searchTitle: (query: string) => string;
  searchEmpty: (query: string) => string;

  sourcesTitle: string;
  sourcesEmpty: string;
  /** Marks a development listed by /search or /actor that is not part of the story. */
  offStory: string;
  sourcesState: Record<"active" | "failing" | "disabled" | "quarantined", string>;
  /** A feed's last good read (undefined: never) and the articles it brought: "última lectura buena: 12 dic 10:00 · 40 artículos". */
  sourcesDetail: (lastSuccess: string | undefined, items: number) => string;
  sourcesLastError: (date: string, error: string) => string;
}
