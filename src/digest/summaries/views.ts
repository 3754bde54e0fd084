/**
 * Platform-neutral view models: everything a renderer needs, already in the chat's language.
 * Renderers (console, Telegram, Discord) only decide layout and escaping.
 */

/** A link to one outlet's report of a development. */
export interface SourceLink {
  publisher: string;
  title: string;
  url: string;
}

/** One development as a digest shows it. */
export interface DigestItem {
  developmentId: number;
  isNew: boolean;
  headline: string;
  summary: string;
  /** For an updated development: the newest report since the last digest, else undefined. */
  whatIsNew: string | undefined;
  /** "5 medios (+2)". */
  publishersLabel: string;
  actors: string[];
  links: SourceLink[];
}

export interface DigestView {
  title: string;
  /** "2 nuevos · 1 actualizado · desde tu último resumen (…)", or the empty message. */
  header: string;
  items: DigestItem[];
  /** "… y 3 desarrollos más", when the budget left some out. */
  omitted: string | undefined;
  /** The end of the window the digest covers (ms). */
  until: number;
}

/** One development in a list (/latest, /timeline, /search, /actor). */
export interface DevelopmentLine {
  developmentId: number;
  status: "new" | "growing" | "fading";
  /** "en curso" / "developing". */
  statusLabel: string;
  date: string;
  headline: string;
  publishersLabel: string;
  links: SourceLink[];
}

export interface ActorView {
  name: string;
  role: string | undefined;
  profile: string;
  developmentsTitle: string;
  developments: DevelopmentLine[];
  /** Shown when the actor is in no development yet. */
  emptyNote: string | undefined;
  seenWith: string | undefined;
}

/** An alert for a new development, or an update that follows one. */
export interface AlertView {
  /** "⚡ Alerta" / "Update". */
  label: string;
  headline: string;
  summary: string;
  /** For an update: what is new since the alert. */
  whatIsNew: string | undefined;
  publishersLabel: string;
  actors: string[];
  links: SourceLink[];
}

/** What the core answers to a command. */
export type Reply =
  | { kind: "digest"; digest: DigestView }
  | { kind: "alert"; alert: AlertView }
  | { kind: "actor"; actor: ActorView }
  | { kind: "developments"; title: string; lines: DevelopmentLine[] }
  | { kind: "text"; title?: string; lines: string[] }
  | { kind: "error"; text: string };
