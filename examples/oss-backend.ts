import { OssBackend, TerraformStack } from "cdktf";

/** Where the CI example keeps Terraform state: an OSS bucket plus a Tablestore lock table. */
export interface OssStateSettings {
  /** The OSS bucket holding the state (`TF_STATE_BUCKET`). */
  readonly bucket: string;
  /** The bucket's region (`TF_STATE_REGION`). */
  readonly region: string;
  /** Folder inside the bucket (`TF_STATE_PREFIX`). @default "cdktf-dashscope-privatelink" */
  readonly prefix?: string;
  /** Tablestore endpoint of the lock table (`TF_LOCK_ENDPOINT`), e.g. `https://tf-locks.ap-southeast-1.ots.aliyuncs.com`. */
  readonly lockEndpoint?: string;
  /** Tablestore table used for state locking (`TF_LOCK_TABLE`). */
  readonly lockTable?: string;
}

/** Reads the settings from the environment; `undefined` when `TF_STATE_BUCKET` is unset (local state). */
export function ossStateSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): OssStateSettings | undefined {
  if (!env.TF_STATE_BUCKET) return undefined;
  if (!env.TF_STATE_REGION) throw new Error("TF_STATE_REGION must name the region of TF_STATE_BUCKET");
  return {
    bucket: env.TF_STATE_BUCKET,
    region: env.TF_STATE_REGION,
    prefix: env.TF_STATE_PREFIX,
    lockEndpoint: env.TF_LOCK_ENDPOINT,
    lockTable: env.TF_LOCK_TABLE,
  };
}

/**
 * Stores the stack's state in OSS, one object per stack (`<prefix>/<stack id>.tfstate`), locked
 * through Tablestore. Credentials are not configured here: the backend reads them from the
 * environment (`ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`,
 * `ALIBABA_CLOUD_SECURITY_TOKEN`), which the workflow fills from OIDC.
 */
export function useOssBackend(stack: TerraformStack, settings: OssStateSettings): OssBackend {
  return new OssBackend(stack, {
    bucket: settings.bucket,
    region: settings.region,
    prefix: settings.prefix ?? "cdktf-dashscope-privatelink",
    key: `${stack.node.id}.tfstate`,
    encrypt: true,
    acl: "private",
    ...(settings.lockTable ? { tablestoreEndpoint: settings.lockEndpoint, tablestoreTable: settings.lockTable } : {}),
  });
}
