import { runCli } from "./cli/run-cli.js";
import { loadConfig, secretValues } from "./config.js";
import { loadDotEnv } from "./load-dot-env.js";
import { createLogger } from "./ops/create-logger.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

try {
  loadDotEnv();
  const config = loadConfig();
  process.exitCode = await runCli(
    process.argv.slice(2),
    config,
    createLogger({ level: config.logLevel, secrets: secretValues(config) }),
    {
      stdin: readStdin,
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    },
  );
} catch (error) {
  process.stderr.write(`hilo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
