/** `npm start`: see app.ts. */
import { startApp } from "./app.ts";

await startApp();
