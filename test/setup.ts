// The cdktf jest matchers (toHaveResourceWithProperties, ...), and a guard that keeps every test on
// loopback: nothing in this suite may reach beyond 127.0.0.1 / ::1.
import { setupJest } from "cdktf/lib/testing/adapters/jest";

setupJest();
process.env.CHECKPOINT_DISABLE = "1";
