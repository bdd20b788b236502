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

export interface RunningStack {
  pid: number;
  baseUrl: string;
  mailStoreUrl: string;
  endpoints: { s3: string; dynamodb: string; ses: string };
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  bucket: string;
  table: string;
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
