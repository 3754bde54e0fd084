import { ShardingManager } from "discord.js";
import { loadConfig, secretValues } from "./config.js";
import { siblingEntry } from "./entry-point.js";
import { loadDotEnv } from "./load-dot-env.js";
import { createLogger } from "./ops/create-logger.js";

/**
 * For bots in thousands of servers: discord.js's ShardingManager starts one `main.ts` process per shard. Shard 0
 * also polls feeds and delivers (Discord and Telegram); the others only answer their servers' interactions.
 */
loadDotEnv();
const config = loadConfig();
const log = createLogger({ level: config.logLevel, secrets: secretValues(config) });
if (!config.discord) {
  process.stderr.write("hilo: sharding needs DISCORD_TOKEN and DISCORD_APPLICATION_ID\n");
  process.exit(2);
}
// main.ts through tsx in a checkout, main.js once compiled: each shard runs as this process does.
const main = siblingEntry(import.meta.url, "main");
const manager = new ShardingManager(main.file, {
  token: config.discord.token,
  totalShards: "auto",
  execArgv: main.execArgv,
});
manager.on("shardCreate", (shard) => log.info("discord shard started", { shard: shard.id }));
await manager.spawn();
