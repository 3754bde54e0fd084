import { Lang } from "../model.js";
import type { Db } from "./open-database.js";

/** Where a conversation with Hilo happens. */
export interface ChatAddress {
  platform: string;
  chatId: string;
  threadId?: string | undefined;
}

export interface ChatRecord {
  id: number;
  lang: Lang;
  lastDigestAt: number | null;
}

/** Chats Hilo talks to, with their language and the time of their last digest. */
export class ChatStore {
  private readonly sql;

  constructor(db: Db) {
    this.sql = {
      ensure:
        db.prepare(`INSERT INTO chats (platform, chat_id, thread_id, kind, lang, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(platform, chat_id, thread_id) DO NOTHING`),
      find: db.prepare(
        "SELECT id, lang, last_digest_at FROM chats WHERE platform = ? AND chat_id = ? AND thread_id = ?",
      ),
      setLang: db.prepare("UPDATE chats SET lang = ? WHERE id = ?"),
      target: db.prepare("SELECT platform, chat_id, thread_id, kind FROM chats WHERE id = ?"),
      refsOf: db.prepare("SELECT id FROM chats WHERE platform = ? AND chat_id = ? ORDER BY id"),
      moveChat: db.prepare("UPDATE chats SET chat_id = ? WHERE id = ?"),
      markIntroduced: db.prepare("UPDATE chats SET introduced_at = ? WHERE id = ? AND introduced_at IS NULL"),
      markDigest: db.prepare("UPDATE chats SET last_digest_at = ? WHERE id = ?"),
    };
  }

  /** The chat's record, created with `lang` the first time it is seen. */
  ensure(address: ChatAddress, lang: Lang, at: number, kind = "private"): ChatRecord {
    this.sql.ensure.run(address.platform, address.chatId, address.threadId ?? "", kind, lang, at);
    const row = this.sql.find.get(address.platform, address.chatId, address.threadId ?? "") as {
      id: number;
      lang: string;
      last_digest_at: number | null;
    };
    return { id: row.id, lang: Lang.catch("es").parse(row.lang), lastDigestAt: row.last_digest_at };
  }

  setLang(id: number, lang: Lang): void {
    this.sql.setLang.run(lang, id);
  }

  /** Where to send to a chat. */
  target(
    id: number,
  ): { platform: string; chatId: string; threadId: string | undefined; kind: "private" | "group" } | undefined {
    const row = this.sql.target.get(id) as
      | { platform: string; chat_id: string; thread_id: string; kind: string }
      | undefined;
    if (!row) return undefined;
    return {
      platform: row.platform,
      chatId: row.chat_id,
      threadId: row.thread_id || undefined,
      kind: row.kind === "private" ? "private" : "group",
    };
  }

  /** Every record of a chat on a platform: the chat itself and each of its forum topics. */
  refsOf(platform: string, chatId: string): number[] {
    const rows = this.sql.refsOf.all(platform, chatId) as { id: number }[];
    return rows.map((row) => row.id);
  }

  /** A group that became a supergroup (Telegram) keeps its settings under its new id. */
  moveChat(id: number, newChatId: string): void {
    this.sql.moveChat.run(newChatId, id);
  }

  /** Records that the bot introduced itself in this chat; false when it already had. */
  markIntroduced(id: number, at: number): boolean {
    return this.sql.markIntroduced.run(at, id).changes > 0;
  }

  markDigest(id: number, at: number): void {
    this.sql.markDigest.run(at, id);
  }
}
