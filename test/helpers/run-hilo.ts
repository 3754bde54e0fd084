import { runCli } from "../../src/cli/run-cli.js";
import type { Config } from "../../src/config.js";
import { silentLogger } from "../../src/digest/index.js";

/** Runs one `hilo` command in-process with `config`, feeding it `stdin`; returns its exit code and what it printed. */
export async function runHilo(
  args: readonly string[],
  config: Config,
  stdin = "",
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli([...args], config, silentLogger, {
    stdin: async () => stdin,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}
