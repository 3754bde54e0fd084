import { fileURLToPath } from "node:url";

/**
 * A module's file next to the caller, as this process runs it: `main.ts` through tsx in a checkout and the tests,
 * `main.js` once compiled (`npm run build`), and the node flags a child process needs to run it.
 */
export function siblingEntry(callerUrl: string, name: string): { file: string; execArgv: string[] } {
  const compiled = callerUrl.endsWith(".js");
  return {
    file: fileURLToPath(new URL(`./${name}${compiled ? ".js" : ".ts"}`, callerUrl)),
    execArgv: nodeFlagsFor(compiled ? ".js" : ".ts"),
  };
}

/** What node needs to run a file: TypeScript goes through tsx, JavaScript as it is. */
export function nodeFlagsFor(file: string): string[] {
  return file.endsWith(".ts") ? ["--import", "tsx"] : [];
}
