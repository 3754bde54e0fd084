import type { Actor } from "../content/story-pack.js";
import { messagesFor } from "../i18n/messages-for.js";
import type { DiscoveredActor } from "./discover-actors.js";

/**
 * A discovered actor as /actor shows it: its most written name, the other forms as aliases, its counts as profile.
 * /actor and /timeline search every discovered actor (13,000 at 1M archived on the bench's stream), so each is a thin
 * view over the row the discovery store already holds: fields are read from it when asked, and the profile, two
 * sentences, is written only for the actor shown. Made as plain objects, they held ~700 bytes each.
 */
class DiscoveredActorView implements Actor {
  constructor(private readonly found: DiscoveredActor) {}

  get id(): string {
    return this.found.id;
  }
  get kind(): DiscoveredActor["kind"] {
    return this.found.kind;
  }
  get names(): Actor["names"] {
    return { es: this.found.name, en: this.found.name };
  }
  get aliases(): string[] {
    return this.found.forms.slice(1);
  }
  get profile(): Actor["profile"] {
    const { articles, publishers } = this.found;
    return {
      es: messagesFor("es").discoveredProfile(articles, publishers),
      en: messagesFor("en").discoveredProfile(articles, publishers),
    };
  }
  get country(): string {
    return "ZZ";
  }
  get relevance(): Actor["relevance"] {
    return "context";
  }
  get descriptive(): Actor["descriptive"] {
    return [];
  }
  get roles(): Actor["roles"] {
    return [];
  }
  get ambiguousAliases(): string[] {
    return [];
  }
  get context(): string[] {
    return [];
  }
}

// One view per row object: the discovery store keeps the objects of actors not saved again, so after a poll /actor
// finds the same views, and find-actor the phrases it folded for them.
const views = new WeakMap<DiscoveredActor, Actor>();

/** The discovered actor as an Actor (a view over `found`, which must not change while it is in use). */
export function discoveredAsActor(found: DiscoveredActor): Actor {
  let view = views.get(found);
  if (view === undefined) {
    view = new DiscoveredActorView(found);
    views.set(found, view);
  }
  return view;
}
