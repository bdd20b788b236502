/**
 * `npm start`: shenbao on this machine, no AWS account. State persists under .local/ between runs; the first run
 * registers a demo school and prints its token. A demo reviewer is notified of accepted files (SHENBAO_REVIEWERS
 * replaces it).
 */
import { rm } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { LOCAL_DIR, readJson, STACK_FILE, writeJson } from "../../shared/config/local-stack-file.ts";
import { LOCAL_TEXT } from "../../shared/messages/cli.ts";
import { formatBeijingTime } from "../../shared/messages/format.ts";
import { reissueToken } from "../../shared/schools/register-school.ts";
import { SchoolAlreadyRegistered } from "../../shared/submissions/errors.ts";
import { DEMO_REVIEWER, DEMO_SCHOOL } from "./demo-school.ts";
import { DEADLINE_DAY_QUEUE, runningStackOf, type ShenbaoLocal, startShenbao } from "./shenbao-local.ts";

const DEMO_FILE = join(LOCAL_DIR, "demo-school.json");
const DEADLINE_FILE = join(LOCAL_DIR, "deadline.json");
const LOCAL_DEADLINE_DAYS = 30;

/**
 * The built-in call closed on 15 November 2024, so a local stack that kept it would refuse every upload. Unless
 * SHENBAO_DEADLINE says otherwise, the first start fixes a deadline 30 days ahead and keeps it.
 */
async function localDeadline(): Promise<string> {
  if (process.env.SHENBAO_DEADLINE) return process.env.SHENBAO_DEADLINE;
  const saved = await readJson<{ deadline: string }>(DEADLINE_FILE);
  if (saved) return saved.deadline;
  const deadline = new Date(Date.now() + LOCAL_DEADLINE_DAYS * 86_400_000).toISOString();
  await writeJson(DEADLINE_FILE, { deadline });
  return deadline;
}

async function main(): Promise<void> {
  const dataDir = process.env.SHENBAO_DATA_DIR ?? join(LOCAL_DIR, "data");
  const deadline = await localDeadline();
  // A demo reviewer unless SHENBAO_REVIEWERS names real ones: the reviewers' notice is half of what the system sends.
  const reviewers = process.env.SHENBAO_REVIEWERS
    ? process.env.SHENBAO_REVIEWERS.split(",")
    : [DEMO_REVIEWER];
  const shenbao = await startShenbao({
    dataDir,
    port: Number(process.env.PORT ?? 3000),
    deadline,
    reviewers,
    // On deadline day every core works: the emulators in a process of their own, an inspection worker per core
    // but one (left to the handlers, the queue and the emulators).
    emulatorProcess: true,
    inspectors: Math.max(1, availableParallelism() - 1),
    queue: DEADLINE_DAY_QUEUE,
  });
  let demo = await readJson<{ name: string; token: string }>(DEMO_FILE);
  if (!demo || !(await schoolExists(shenbao.baseUrl, demo.token))) {
    demo = await ensureDemoSchool(shenbao);
    await writeJson(DEMO_FILE, demo);
  }
  const running = runningStackOf(shenbao, deadline);

  await writeJson(STACK_FILE, running);
  process.stdout.write(
    LOCAL_TEXT.started({
      baseUrl: shenbao.baseUrl,
      schoolName: demo.name,
      token: demo.token,
      mailStoreUrl: shenbao.mailStoreUrl,
      reviewers,
      deadline: formatBeijingTime(new Date(shenbao.dependencies.ctx.call.deadline)),
      dataDir,
    }),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${LOCAL_TEXT.stopping}\n`);
    await rm(STACK_FILE, { force: true });
    await shenbao.stop();
    process.stdout.write(`${LOCAL_TEXT.stopped}\n`);
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

async function schoolExists(baseUrl: string, token: string): Promise<boolean> {
  const response = await fetch(`${baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  return response.ok;
}

/** Registers the demo school, or, when it is registered but its token was lost, issues it a new token. */
async function ensureDemoSchool(shenbao: ShenbaoLocal): Promise<{ name: string; token: string }> {
  try {
    const { school, token } = await shenbao.registerSchool(DEMO_SCHOOL);
    return { name: school.name, token };
  } catch (error) {
    if (!(error instanceof SchoolAlreadyRegistered)) throw error;
    const token = await reissueToken(DEMO_SCHOOL.creditCode, {
      schools: shenbao.repositories.schools,
      now: new Date(),
    });
    return { name: DEMO_SCHOOL.name, token };
  }
}

await main();
