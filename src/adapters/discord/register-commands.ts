import { REST, Routes } from "discord.js";
import type { DiscordConfig } from "../../config.js";
import { slashCommands } from "./slash-commands.js";

export interface Registration {
  /** "guild 123…" or "global". */
  scope: string;
  commands: number;
}

/**
 * Publishes Hilo's slash commands, replacing the application's previous set: in one server (shown at once, for
 * development) or globally (every server the bot is in).
 */
export async function registerSlashCommands(discord: DiscordConfig, guildId?: string): Promise<Registration> {
  const rest = new REST({ api: discord.apiRoot.replace(/\/+$/, "") }).setToken(discord.token);
  const body = slashCommands();
  const route = guildId
    ? Routes.applicationGuildCommands(discord.applicationId, guildId)
    : Routes.applicationCommands(discord.applicationId);
  const saved = (await rest.put(route, { body })) as unknown[];
  return { scope: guildId ? `guild ${guildId}` : "global", commands: saved.length };
}
