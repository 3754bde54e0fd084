import type { Actor } from "../content/story-pack.js";
import { messagesFor } from "../i18n/messages-for.js";
import type { DiscoveredActor } from "./discover-actors.js";

/** A discovered actor as /actor shows it: its most written name, the other forms as aliases, its counts as profile. */
export function discoveredAsActor(found: DiscoveredActor): Actor {
  return {
    id: found.id,
    kind: found.kind,
    names: { es: found.name, en: found.name },
    aliases: found.forms.slice(1),
    descriptive: [],
    roles: [],
    country: "ZZ",
    profile: {
      es: messagesFor("es").discoveredProfile(found.articles, found.publishers),
      en: messagesFor("en").discoveredProfile(found.articles, found.publishers),
    },
    relevance: "context",
    ambiguousAliases: [],
    context: [],
  };
}
