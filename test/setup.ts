// Every jest worker: the cdktf matchers (toHaveResourceWithProperties, ...), and the loopback guard
// (also loaded in every child process through NODE_OPTIONS, see global-setup.js).
import { setupJest } from "cdktf/lib/testing/adapters/jest";

setupJest();
process.env.CHECKPOINT_DISABLE = "1";
require("./loopback-guard.js");
