/**
 * The stand-in provider's executable entry: terraform runs it (through the launcher script in the
 * filesystem mirror) as `node plugin-main.js <schema.json>`.
 */
import { servePlugin } from "./plugin";

servePlugin(process.argv[2]);
