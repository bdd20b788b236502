/**
 * `npm run demo`: one complete submission on a throw-away local stack: register a school, request a link, upload a
 * generated PDF through the presigned POST, wait for the verdict, print the receipt e-mail and the reviewer's notice.
 * Exits 0 on success.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOCAL_TEXT } from "../../shared/messages/cli.ts";
import { DEMO_REVIEWER, DEMO_SCHOOL, demoFileName } from "./demo-school.ts";
import { samplePdf } from "./sample-pdf.ts";
import { postFile, requestUploadLink, sentEmails, waitForReceipt } from "./school-client.ts";
import { startShenbao } from "./shenbao-local.ts";

async function demo(): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), "shenbao-demo-"));
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const shenbao = await startShenbao({
    dataDir,
    deadline,
    staticDir: dataDir,
    reviewers: [DEMO_REVIEWER],
    // The demo prints its own steps; the functions' structured logs would bury them.
    logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? "WARN",
  });
  const say = (step: number, text: string) => process.stdout.write(`${LOCAL_TEXT.demoStep(step, text)}\n`);
  try {
    say(1, LOCAL_TEXT.demoStarted);
    const { school, token } = await shenbao.registerSchool(DEMO_SCHOOL);
    say(2, LOCAL_TEXT.demoSchool(school.name));

    const pdf = await samplePdf({ pages: 12 });
    const fileName = demoFileName(school.name);
    const link = await requestUploadLink(shenbao.baseUrl, token, { fileName, size: pdf.byteLength });
    if (!link.ok) throw new Error(`${link.error.status} ${link.error.code} ${link.error.message}`);
    say(3, LOCAL_TEXT.demoLink(link.link.submissionId));

    const posted = await postFile(link.link.upload, pdf, fileName);
    if (posted.status >= 300) throw new Error(`S3 answered ${posted.status}: ${posted.body}`);
    say(4, LOCAL_TEXT.demoUploaded(pdf.byteLength));

    // Generous: on a busy machine the first inspection (a fresh worker, pdfjs loading) takes many seconds.
    await waitForReceipt(shenbao.baseUrl, token, link.link.submissionId, 120_000);
    // The reviewers' notices follow the receipt within the same processing; idle means every step has run.
    await shenbao.stack.eventDelivery.whenIdle();
    const emails = await sentEmails(shenbao.mailStoreUrl);
    const receipt = emails.find((m) => m.destination.to.includes(school.email));
    if (!receipt) throw new Error("the receipt e-mail was not sent");
    say(5, LOCAL_TEXT.demoReceipt);
    process.stdout.write(`\n${receipt.subject}\n\n${receipt.body.text ?? ""}\n`);
    const notice = emails.find((m) => m.destination.to.includes(DEMO_REVIEWER));
    if (!notice) throw new Error("the reviewer's notice was not sent");
    say(6, LOCAL_TEXT.demoReviewer(DEMO_REVIEWER));
    process.stdout.write(`\n${notice.subject}\n\n${notice.body.text ?? ""}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${LOCAL_TEXT.demoFailed((error as Error).message)}\n`);
    return 1;
  } finally {
    await shenbao.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

process.exit(await demo());
