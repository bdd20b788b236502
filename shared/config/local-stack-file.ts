/**
 * What `npm start` keeps between runs under `.local/`: the demo school's token (a local demo convenience only: in
 * AWS a token is shown once and never stored), the local deadline, and where the running stack listens, so that
 * `shenbao` commands can reach it.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const LOCAL_DIR = fileURLToPath(new URL("../../.local/", import.meta.url));
export const STACK_FILE = join(LOCAL_DIR, "stack.json");

/** Where `shenbao` commands look for the running stack: SHENBAO_STACK_FILE (tests, a second checkout) or .local/. */
export function stackFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.SHENBAO_STACK_FILE || STACK_FILE;
}

export interface RunningStack {
  pid: number;
  baseUrl: string;
  mailStoreUrl: string;
  endpoints: { s3: string; dynamodb: string; ses: string };
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  bucket: string;
  table: string;
  /** The deadline the stack enforces (SHENBAO_DEADLINE there), so that commands quote the same one. */
  deadline?: string;
  /** The sender address of the stack's e-mails. */
  sender?: string;
}

export async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(LOCAL_DIR, { recursive: true });
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
}
