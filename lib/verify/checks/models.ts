/** models: `GET {base}/models` (OpenAI-compatible). A list passes; 404 and 429 warn; anything else fails. */
import { MalformedResponseError } from "../errors";
import { bearerHeaders, callJson, join, outcomeOf } from "../api";
import { excerpt } from "../redact";
import { defineCheck } from "./check";
import { fromApi } from "./outcome";

export const modelsCheck = defineCheck({
  name: "models",
  layer: "api",
  needs: [],
  family: "openai",
  run: async (ctx) => {
    const api = ctx.api();
    const { value, error, attempts } = await callJson(
      api,
      { what: "models", family: "openai", method: "GET", url: join(api.baseUrl, "/models"), headers: bearerHeaders(api, "application/json", false), retry: false },
      (body, text) => {
        if (!Array.isArray(body.data)) {
          throw new MalformedResponseError(`models: the answer has no data array: ${excerpt(text, api.redact)}`, {
            hint: "something other than the OpenAI-compatible API answered: check the base URL",
          });
        }
        return body.data
          .map((m: unknown) => (m && typeof m === "object" ? (m as Record<string, unknown>).id : undefined))
          .filter((id): id is string => typeof id === "string");
      },
    );
    if (error) {
      const outcome = outcomeOf(error, attempts);
      if (outcome.httpStatus === 404 || outcome.httpStatus === 429) return fromApi({ ...outcome, status: "warn", inconclusive: undefined });
      return fromApi(outcome);
    }
    const models = value ?? [];
    const listed = models.includes(api.model) ? `, ${api.model} among them` : models.length ? `, ${api.model} not among them` : "";
    const last = attempts[attempts.length - 1];
    return { status: "pass", message: `${models.length} model(s) listed${listed}`, httpStatus: last?.status, requestId: last?.requestId, attempts, models: models.slice(0, 50) };
  },
});
