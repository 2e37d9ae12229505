/**
 * `cdktf-dashscope-privatelink/testing`: real `terraform validate` and `plan` of synthesized stacks,
 * offline, against a stand-in aliyun/alicloud provider that serves the pinned (or a given) schema.
 * Loads neither the CDK core nor the constructs.
 */
export { PINNED_PROVIDER_VERSION, PINNED_SCHEMA, planOffline, stackDirs, terraformInfo } from "./driver";
export type { OfflineReport, PlanOfflineOptions } from "./driver";
export type { OfflineDiagnostic, Phase } from "./diagnostics";
export { formatDiagnostic } from "./diagnostics";
export { offlineMatchers } from "./matchers";
export type { PlanExpectation } from "./matchers";
