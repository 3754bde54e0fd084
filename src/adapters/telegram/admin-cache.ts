import { describeError, type Logger } from "../../digest/index.js";

/** The one Bot API call the cache needs, so tests can hand it a fake. */
export interface AdminSource {
  getChatAdministrators(chatId: number): Promise<readonly { user: { id: number } }[]>;
}

/** Five minutes: a new admin waits at most that long, and a busy group costs one API call per five minutes. */
export const ADMIN_TTL_MS = 5 * 60_000;
// Entries for groups that went quiet are dropped past this many, oldest first.
const MAX_CHATS = 10_000;

/** Who administers each group, asked of Telegram at most once per chat per TTL. */
export class AdminCache {
  private readonly byChat = new Map<number, { admins: ReadonlySet<number>; until: number }>();

  constructor(
    private readonly source: AdminSource,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = ADMIN_TTL_MS,
  ) {}

  /** Whether the user administers the group; when Telegram can't say, no (settings wait, queries still work). */
  async isAdmin(chatId: number, userId: number): Promise<boolean> {
    const cached = this.byChat.get(chatId);
    if (cached && cached.until > this.now()) return cached.admins.has(userId);
    try {
      const members = await this.source.getChatAdministrators(chatId);
      const admins = new Set(members.map((member) => member.user.id));
      this.byChat.delete(chatId);
      this.byChat.set(chatId, { admins, until: this.now() + this.ttlMs });
      if (this.byChat.size > MAX_CHATS) this.byChat.delete(this.byChat.keys().next().value!);
      return admins.has(userId);
    } catch (error) {
      this.log.warn("could not read a group's admins; treating the sender as a member", {
        chat: chatId,
        error: describeError(error),
      });
      return false;
    }
  }
}
