import { AlignmentType, Packer, type Paragraph, type Table } from "docx";
import type { ApplicationForm } from "../application/form.ts";
import { PLAN_HEADINGS } from "../checks/plan-outline.ts";
import { PLAN_TEXT } from "../messages/documents.ts";
import { type DocumentSchool, documentOf } from "./application-docx.ts";
import { investmentRows } from "./application-plan.ts";
import { formTable, para, run, SIZE } from "./docx-kit.ts";

export interface PlanDocxInput {
  form: ApplicationForm;
  school: DocumentSchool;
}

/**
 * The 建设方案 (通知附件2) as a skeleton for the college to write into: titled with the school's name, the centre's
 * name, 附件2's five headings in order with what each asks for, and under 四、建设资金预算安排 the budget table of the
 * form's 三、建设规划.
 */
export async function planDocx(input: PlanDocxInput): Promise<Buffer> {
  const { form, school } = input;
  const body: (Paragraph | Table)[] = [
    para(PLAN_TEXT.title(school.name), {
      heading: true,
      size: SIZE.erhao,
      linePt: 40,
      align: AlignmentType.CENTER,
      after: 360,
    }),
    para([run(PLAN_TEXT.centre), run(form.basic?.centreName ?? "")], { after: 240 }),
  ];
  PLAN_HEADINGS.forEach((heading, i) => {
    body.push(para(heading, { heading: true, size: SIZE.sanhao, linePt: 32, before: 240, after: 120 }));
    body.push(para(PLAN_TEXT.prompts[i] ?? "", { firstLineChars: 2 }));
    if (i === 3) {
      body.push(para(PLAN_TEXT.budgetCaption, { align: AlignmentType.CENTER, before: 120, after: 60 }));
      const rows = investmentRows(form);
      body.push(
        formTable([22, ...(rows[0] ?? []).slice(1).map(() => 78 / ((rows[0]?.length ?? 2) - 1))], rows),
      );
    }
  });
  return Packer.toBuffer(documentOf(body, PLAN_TEXT.title(school.name)));
}
