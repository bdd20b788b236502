import { Document, LineRuleType, Packer, Paragraph, type Table, TextRun } from "docx";
import type { ApplicationForm } from "../application/form.ts";
import type { MajorCatalog, MajorEntry } from "../call/catalog.ts";
import type { CallDefinition, SchoolLevel } from "../call/schema.ts";
import { fillTemplate } from "../checks/name-template.ts";
import { DOCUMENTS_MESSAGES, APPLICATION_TEXT as T } from "../messages/documents.ts";
import { basicTable } from "./application-basic.ts";
import { conditionsTable } from "./application-conditions.ts";
import { cover, declaration, requirements } from "./application-front.ts";
import { opinionTable, planTable } from "./application-plan.ts";
import { BODY_FONT, BODY_LINE, PAGE, para, SIZE } from "./docx-kit.ts";

/** The school the documents are for, as registered. */
export interface DocumentSchool {
  name: string;
  level?: SchoolLevel;
}

export interface ApplicationDocxInput {
  form: ApplicationForm;
  school: DocumentSchool;
  catalog: MajorCatalog;
  call: Pick<CallDefinition, "issuer" | "nameTemplate">;
  /** The month printed on the cover, "YYYY-MM". */
  month: string;
}

export class DocumentInputError extends Error {
  override name = "DocumentInputError";
}

/** "2024-11" → { year: 2024, month: 11 }. */
export function parseMonth(month: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const value = m ? { year: Number(m[1]), month: Number(m[2]) } : undefined;
  if (!value || value.month < 1 || value.month > 12)
    throw new DocumentInputError(`not a month (YYYY-MM): ${month}`);
  return value;
}

/** The catalog's entry for the form's major, at the form's (else the school's) level, else at any level. */
export function majorEntry(
  form: ApplicationForm,
  school: DocumentSchool,
  catalog: MajorCatalog,
): MajorEntry | undefined {
  const major = form.basic?.major;
  if (!major) return undefined;
  const level = form.basic?.level ?? school.level;
  return level ? catalog.find(major, level) : catalog.findAnyLevel(major)[0];
}

const sectionHeading = (text: string, pageBreakBefore = false) =>
  para(text, { heading: true, size: SIZE.sanhao, linePt: 32, before: 240, after: 120, pageBreakBefore });

/** The 申报书 (通知附件1) filled from the form, as a .docx. Pure: no I/O. */
export async function applicationDocx(input: ApplicationDocxInput): Promise<Buffer> {
  const { form, school, catalog, call } = input;
  const { year, month } = parseMonth(input.month);
  const contact = form.basic?.school?.contact;
  const body: (Paragraph | Table)[] = [
    ...cover({
      school: school.name,
      level: form.basic?.level ?? school.level,
      major: form.basic?.major,
      servedGroup: form.basic?.servedMajorGroup,
      entry: majorEntry(form, school, catalog),
      contact: contact?.name,
      phone: contact?.mobile ?? contact?.officePhone,
      issuer: call.issuer,
      year,
      month,
    }),
    ...requirements(),
    ...declaration(school.name),
    sectionHeading(T.sections[0], true),
    basicTable(form, school.name),
    sectionHeading(T.sections[1], true),
    conditionsTable(form),
    sectionHeading(T.sections[2], true),
    planTable(form),
    sectionHeading(T.sections[3]),
    opinionTable(),
    // Word needs a paragraph after a closing table; at full height it can spill onto a page of its own, an empty
    // last page that readers (and the scanned-page check) take for a missing page. At 1 pt it never does.
    new Paragraph({
      spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [new TextRun({ text: "", size: 2 })],
    }),
  ];
  const major = form.basic?.major;
  const title = major
    ? fillTemplate(call.nameTemplate, { school: school.name, major })
    : DOCUMENTS_MESSAGES.applicationTitle(school.name);
  return Packer.toBuffer(documentOf(body, title));
}

/** A document titled `title` (its Title property) of the given body on A4 with GB/T 9704 margins, 仿宋_GB2312 小四 at exactly 16 pt as its defaults. */
export function documentOf(body: (Paragraph | Table)[], title: string): Document {
  return new Document({
    title,
    styles: {
      default: {
        document: {
          run: { font: BODY_FONT, size: SIZE.xiaosi },
          paragraph: { spacing: { ...BODY_LINE } },
        },
      },
    },
    sections: [{ properties: { page: PAGE }, children: body }],
  });
}
