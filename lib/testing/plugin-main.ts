/**
 * The stand-in provider's executable entry: terraform runs it (through the launcher script in the
 * filesystem mirror) as `node plugin-main.js <schema.json>`.
 */
import * as nodeModule from "node:module";

// Node >= 22.1 caches compiled code across starts (terraform starts this once per provider
// configuration per command); a no-op on older Node.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// Loaded after the cache is on.
const { servePlugin } = require("./plugin") as typeof import("./plugin");
servePlugin(process.argv[2]);
