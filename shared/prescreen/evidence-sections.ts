import type { ApplicationForm } from "../application/form.ts";
import { FORM_SECTION_LABELS } from "../messages/form.ts";

/** Something the form claims that the cited evidence page should show. */
export type Claim =
  | { kind: "name"; label: string; value: string }
  | { kind: "code"; label: string; value: string }
  | { kind: "figure"; label: string; value: number; unit: string };

/** A part of the form with its own 佐证材料页码. */
export interface EvidenceSection {
  /** "school", "partners.1", "conditions", "partnerSituations.2", "onePlusX.related.1", … */
  id: string;
  label: string;
  /** The page-reference field's path in the form. */
  path: string;
  pages: readonly number[] | undefined;
  /** Whether 附件1 asks this section to cite a page (always, or because the section has content). */
  required: boolean;
  claims: Claim[];
}

const defined = (claims: (Claim | undefined | false | "")[]): Claim[] =>
  claims.filter((c): c is Claim => typeof c === "object");

function figure(label: string, value: number | undefined, unit: string): Claim | undefined {
  return value === undefined ? undefined : { kind: "figure", label, value, unit };
}

function hasContent(section: object | undefined): boolean {
  return Object.entries(section ?? {}).some(([key, value]) => key !== "pages" && value !== undefined);
}

/** The form's sections that cite evidence pages, with what each claims; the structure of 附件1, not of a call. */
export function evidenceSections(form: ApplicationForm): EvidenceSection[] {
  const sections: EvidenceSection[] = [];
  const school = form.basic?.school;
  sections.push({
    id: "school",
    label: "学校基本信息",
    path: "basic.school.pages",
    pages: school?.pages,
    required: true,
    claims: defined([
      school?.name && { kind: "name", label: "学校名称", value: school.name },
      school?.creditCode && { kind: "code", label: "学校统一社会信用代码", value: school.creditCode },
    ]),
  });
  (form.basic?.partners ?? []).forEach((p, i) => {
    sections.push({
      id: `partners.${i + 1}`,
      label: `合作企业（${i + 1}）基本信息`,
      path: `basic.partners.${i}.pages`,
      pages: p.pages,
      required: true,
      claims: defined([
        p.name && { kind: "name", label: "企业名称", value: p.name },
        p.creditCode && { kind: "code", label: "企业统一社会信用代码", value: p.creditCode },
      ]),
    });
  });
  const c = form.conditions;
  sections.push({
    id: "conditions",
    label: FORM_SECTION_LABELS.conditions,
    path: "conditions.pages",
    pages: c?.pages,
    required: true,
    claims: defined([
      figure("学校全日制在校生规模", c?.schoolFullTimeStudents, "人"),
      figure("申报专业在校生人数", c?.appliedMajorStudents, "人"),
      figure("专业群初次就业率", c?.initialEmploymentRate, "%"),
      figure("专业群对口就业率", c?.matchedEmploymentRate, "%"),
    ]),
  });
  [0, 1].forEach((i) => {
    const s = c?.partners?.[i];
    const name = form.basic?.partners?.[i]?.name;
    sections.push({
      id: `partnerSituations.${i + 1}`,
      label: `实训中心合作企业（${i + 1}）情况`,
      path: `conditions.partners.${i}.pages`,
      pages: s?.pages,
      required: true,
      claims: defined([name && { kind: "name", label: "企业名称", value: name }]),
    });
  });
  const centre = form.centre;
  sections.push({
    id: "centre",
    label: FORM_SECTION_LABELS.centre,
    path: "centre.pages",
    pages: centre?.pages,
    required: true,
    claims: defined([
      figure("仪器设备总值", centre?.equipmentValue, "万元"),
      figure("建筑面积", centre?.buildingAreaM2, "平方米"),
      figure("实验（实训）开出率", centre?.openingRate, "%"),
    ]),
  });
  const awards = form.competitions?.awards ?? [];
  sections.push({
    id: "competitions",
    label: FORM_SECTION_LABELS.competitions,
    path: "competitions.pages",
    pages: form.competitions?.pages,
    required: awards.length > 0,
    claims: [],
  });
  const x = form.onePlusX;
  sections.push({
    id: "onePlusX",
    label: FORM_SECTION_LABELS.onePlusX,
    path: "onePlusX.pages",
    pages: x?.pages,
    required: true,
    claims: defined([figure("1+X实际取证人数", x?.certified, "人")]),
  });
  (x?.related ?? []).forEach((r, i) => {
    sections.push({
      id: `onePlusX.related.${i + 1}`,
      label: `与申报专业相关的证书（${i + 1}）`,
      path: `onePlusX.related.${i}.pages`,
      pages: r.pages,
      required: true,
      claims: defined([r.certificate && { kind: "name", label: "证书名称", value: r.certificate }]),
    });
  });
  const s = form.skillsForAll;
  sections.push({
    id: "skillsForAll",
    label: FORM_SECTION_LABELS.skillsForAll,
    path: "skillsForAll.pages",
    pages: s?.pages,
    required: true,
    claims: defined([
      figure("培训实际完成数", s?.training?.completed, "人次"),
      figure("取证实际完成数", s?.certification?.completed, "人"),
    ]),
  });
  const t = form.socialTraining;
  sections.push({
    id: "socialTraining",
    label: FORM_SECTION_LABELS.socialTraining,
    path: "socialTraining.pages",
    pages: t?.pages,
    required: true,
    claims: defined(
      Object.entries(t?.perYear ?? {}).map(([year, value]) =>
        figure(`${year}年面向社会培训人次`, value, "人次"),
      ),
    ),
  });
  const sup = form.supplement;
  sections.push({
    id: "supplement",
    label: FORM_SECTION_LABELS.supplement,
    path: "supplement.pages",
    pages: sup?.pages,
    required: hasContent(sup),
    claims: defined([figure("中心实训室总使用面积", sup?.usableAreaM2, "平方米")]),
  });
  return sections;
}
