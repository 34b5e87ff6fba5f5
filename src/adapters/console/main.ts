/** `npm run chat [-- --json]`: the console chat on its own, whatever the configuration. */
import { startConsole } from "../../app.ts";

await startConsole({ json: process.argv.includes("--json") });
