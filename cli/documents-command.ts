import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { createAwsClients } from "../shared/aws/clients.ts";
import { DynamoApplicationFormStore } from "../shared/aws/dynamodb-application-forms.ts";
import {
  beijingMonth,
  type DocumentKind,
  NoApplicationForm,
  type SchoolDocumentsDeps,
  schoolDocument,
} from "../shared/documents/school-documents.ts";
import { DOCUMENTS_MESSAGES } from "../shared/messages/documents.ts";
import type { SchoolRepository } from "../shared/submissions/repository.ts";
import { operator, type TargetOptions, withTarget } from "./operator-context.ts";
import { out } from "./table.ts";
import { UsageError } from "./usage-error.ts";

/** Writes a school's 申报书 and 建设方案 .docx into `outDir`; returns the paths written. @throws UsageError */
export async function writeSchoolDocuments(
  schoolId: string,
  outDir: string,
  deps: SchoolDocumentsDeps & { schools: Pick<SchoolRepository, "getSchool"> },
): Promise<string[]> {
  const school = await deps.schools.getSchool(schoolId);
  if (!school) throw new UsageError(DOCUMENTS_MESSAGES.unknownSchool(schoolId));
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const kind of ["application", "plan"] as DocumentKind[]) {
    try {
      const doc = await schoolDocument(kind, school, deps);
      const path = join(outDir, doc.fileName);
      await writeFile(path, doc.bytes);
      written.push(path);
    } catch (error) {
      if (error instanceof NoApplicationForm)
        throw new UsageError(DOCUMENTS_MESSAGES.noForm, { cause: error });
      throw error;
    }
  }
  return written;
}

/** `shenbao documents SCHOOL --out DIR`: the school's 申报书 (附件1) and 建设方案 outline (附件2) from its stored form. */
export function registerDocumentsCommand(program: Command): void {
  withTarget(
    program
      .command("documents")
      .description(
        "Write a college's 申报书 and 建设方案 outline (.docx) generated from its stored application form",
      )
      .argument("<school>", "the college's id (统一社会信用代码)")
      .requiredOption("--out <dir>", "the directory to write the .docx files into"),
  ).action(async (schoolId: string, opts: TargetOptions & { out: string }) => {
    const op = await operator(opts.endpoint);
    const forms = new DynamoApplicationFormStore(
      createAwsClients(op.target.connection).document,
      op.target.table,
    );
    const written = await writeSchoolDocuments(schoolId, opts.out, {
      schools: op.schools,
      forms,
      call: op.ctx.call,
      catalog: op.ctx.catalog,
      month: beijingMonth(new Date()),
    });
    for (const path of written) out(DOCUMENTS_MESSAGES.written(path));
  });
}
