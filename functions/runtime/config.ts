import { z } from "zod";

/** The functions' configuration, set by the CDK stack in Lambda and by infra/local on one machine. */
const RuntimeConfig = z.object({
  SHENBAO_TABLE: z.string().min(1),
  SHENBAO_BUCKET: z.string().min(1),
  SHENBAO_SENDER: z.email(),
  SHENBAO_SENDER_NAME: z.string().optional(),
  /** Comma-separated addresses notified of every accepted submission. */
  SHENBAO_REVIEWERS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.email())),
  SHENBAO_LINK_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  SHENBAO_DOWNLOAD_SECONDS: z.coerce.number().int().min(60).max(604_800).default(86_400),
  /** Where schools read their status, e.g. "https://shenbao.example.cn"; used in receipts. */
  SHENBAO_PUBLIC_URL: z.url().optional(),
  /**
   * Where the HTTP API answers (its generated URL): reviewers' links point at its /r/{linkId} route. Default
   * SHENBAO_PUBLIC_URL, which is right when the page is served by the API itself.
   */
  SHENBAO_API_URL: z.url().optional(),
  SHENBAO_INSPECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(4000),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfig>;

/** Parses the functions' configuration; a missing or malformed variable is an error naming every problem. */
export function runtimeConfig(env: NodeJS.ProcessEnv): RuntimeConfig {
  const parsed = RuntimeConfig.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid function configuration: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
