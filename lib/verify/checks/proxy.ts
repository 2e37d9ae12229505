/**
 * proxy: a warning (never a failure) when a proxy variable is set and `NO_PROXY` does not cover
 * the target host. The verifier itself always connects directly to the addresses the dns check
 * accepted; an application that honours `HTTPS_PROXY` sends its requests to the proxy instead, and
 * may not take the private path this run proved.
 */
import { VerifyErrorCode } from "../errors";
import type { ResolvedTarget } from "../options";
import { defineCheck } from "./check";

const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"];

/** @internal The proxy variables that would apply to `target`, and whether NO_PROXY covers its host. */
export function proxyFor(env: NodeJS.ProcessEnv, target: ResolvedTarget): { variable: string; covered: boolean } | undefined {
  const wanted = target.https ? ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] : ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"];
  const variable = PROXY_VARIABLES.find((name) => wanted.includes(name) && env[name]);
  if (!variable) return undefined;
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? "").split(/[\s,]+/).filter(Boolean);
  const host = target.hostname.toLowerCase();
  const covered = noProxy.some((raw) => {
    const entry = raw.toLowerCase().replace(/:\d+$/, "");
    if (entry === "*") return true;
    const suffix = entry.replace(/^\*?\./, "");
    return host === suffix || host.endsWith(`.${suffix}`);
  });
  return { variable, covered };
}

export const proxyCheck = defineCheck({
  name: "proxy",
  layer: "config",
  needs: [],
  applies: (opts, target) => {
    const found = proxyFor(opts.env, target);
    return !!found && !found.covered;
  },
  run: async (ctx) => {
    const found = proxyFor(ctx.opts.env, ctx.target);
    return {
      status: "warn",
      code: VerifyErrorCode.PROXY_BYPASSED,
      layer: "config",
      message:
        `config: ${found?.variable} is set and NO_PROXY does not cover ${ctx.target.hostname}: the verifier connects directly (it never uses a proxy), ` +
        `but applications that honour ${found?.variable} send their requests to the proxy and may not take this private path — add ${ctx.target.hostname} to NO_PROXY where the applications run`,
    };
  },
});
