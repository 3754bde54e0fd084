import { type ActorNamer, createActorNamer } from "../actors/actor-names.js";
import type { DiscoveredActor } from "../actors/discover-actors.js";
import { discoveredAsActor } from "../actors/discovered-as-actor.js";
import { worldActors } from "../actors/world-actors.js";
import type { StoryPack } from "../content/load-story-pack.js";
import type { Actor } from "../content/story-pack.js";
import type { Messages } from "../i18n/messages.js";
import type { Lang } from "../model.js";
import type { ChatStore } from "../store/chat-store.js";
import type { DiscoveryStore } from "../store/discovery-store.js";
import type { FeedStore } from "../store/feed-store.js";
import type { NewsStores } from "../store/news-stores.js";
import type { SubscriptionStore } from "../store/subscription-store.js";

/** What the commands read and write, given once by Hilo: the news stores, the chats, the story. */
export interface CommandContext extends NewsStores {
  pack: StoryPack;
  chats: ChatStore;
  /** The story's clock: the current time live, the end of the corpus in the demo. */
  now: () => number;
  /** Characters the adapter can show in one digest. */
  digestBudget: number;
  subscriptions: SubscriptionStore;
  /** Wall-clock time, for when a chat subscribed (the story clock may be a demo's past). */
  wallClock: () => number;
  /** The feeds /sources reports on; without it /sources lists none. */
  feeds?: FeedStore | undefined;
  /** IDF weights of the archive, for the longer summary of a development's "More" view. */
  idf?: ((term: string) => number) | undefined;
  /** Actors discovered in the news; without it /actor knows only the registry. */
  discovery?: DiscoveryStore | undefined;
}

/** Who is asking: in a group, only admins may change the chat's settings. */
export interface Caller {
  canConfigure: boolean;
}

/** The actors a command can name: the story's own, the gazetteer's countries and bodies, then those discovered. */
export interface ActorDirectory {
  /** Every actor /actor can find, discovered ones last (shared between requests: not to be changed). */
  all(): readonly Actor[];
  /** An actor's name in a language, by id. */
  name(actorId: string, lang: Lang): string;
}

/**
 * The actor directories of a runner: the registry is built once; `forRequest()` gives one request its directory,
 * which reads the discovered actors once, when first asked. They grow with the news, so the list made from them is
 * kept only while the discovery store hands back the same read (nothing written since): making it afresh for every
 * request, tens of thousands of discovered actors on a large archive, was most of /actor's time and garbage.
 */
export function actorDirectories(context: CommandContext): { forRequest(): ActorDirectory } {
  const registry = [...context.pack.actors, ...worldActors(context.pack).actors];
  const registered = new Set(registry.map((actor) => actor.id));
  const nameRegistered = createActorNamer(registry);
  let made: { from: readonly DiscoveredActor[]; all: Actor[]; nameAny?: ActorNamer } | undefined;
  const current = () => {
    const discovered = context.discovery?.all() ?? NONE_DISCOVERED;
    if (made?.from !== discovered)
      made = { from: discovered, all: [...registry, ...discovered.map(discoveredAsActor)] };
    return made;
  };
  return {
    forRequest() {
      let mine: ReturnType<typeof current> | undefined;
      const list = () => {
        mine ??= current();
        return mine;
      };
      return {
        all: () => list().all,
        // A development's actors are the registry's: the discovered ones are read only for a name it lacks.
        name: (actorId, lang) => {
          if (registered.has(actorId)) return nameRegistered(actorId, lang);
          const directory = list();
          directory.nameAny ??= createActorNamer(directory.all);
          return directory.nameAny(actorId, lang);
        },
      };
    },
  };
}

const NONE_DISCOVERED: readonly DiscoveredActor[] = [];

/**
 * One request: what it may read (the context and the actors), whom it answers (its language and messages, and
 * the caller's rights), and the story's "now", read once when the request starts (in the demo each read is a query).
 */
export interface Request {
  context: CommandContext;
  actors: ActorDirectory;
  lang: Lang;
  m: Messages;
  now: number;
  caller: Caller;
}
