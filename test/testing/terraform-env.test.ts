// planOffline and servedSchema run terraform in one environment, built by terraformEnv.
import { terraformEnv } from "../../lib/testing/driver";

describe("terraformEnv", () => {
  const base = {
    PATH: "/usr/bin",
    TF_CLI_ARGS: "-lock=false",
    TF_CLI_ARGS_plan: "-refresh=false",
    TF_DATA_DIR: "/elsewhere",
    TF_PLUGIN_CACHE_DIR: "/cache",
    TF_WORKSPACE: "prod",
    TF_LOG: "info",
    PLUGIN_UNIX_SOCKET_DIR: "/tmp",
  };
  const env = terraformEnv("/work/dir", "/work/dir/terraformrc", base);

  test("drops what would send terraform elsewhere, keeps the rest", () => {
    for (const k of ["TF_CLI_ARGS", "TF_CLI_ARGS_plan", "TF_DATA_DIR", "TF_PLUGIN_CACHE_DIR", "TF_WORKSPACE"]) expect(env).not.toHaveProperty(k);
    expect(env).toMatchObject({ PATH: "/usr/bin", TF_LOG: "info", CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" });
  });

  test("points terraform at the stand-in's CLI config and the plugin's sockets into the work dir", () => {
    expect(env.TF_CLI_CONFIG_FILE).toBe("/work/dir/terraformrc");
    expect(env.PLUGIN_UNIX_SOCKET_DIR).toBe("/work/dir");
  });
});
