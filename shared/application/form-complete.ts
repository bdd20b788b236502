import { fieldLabel, FORM_MESSAGES as M } from "../messages/form.ts";
import type { ApplicationForm } from "./form.ts";
import type { FormFinding } from "./form-parse.ts";
import { valuesAt } from "./form-paths.ts";

/** The years 附件1 asks figures for: 面向社会培训 and 经费投入 2021–2023, 投入计划 2024–2025. */
export const FORM_YEARS = {
  socialTraining: ["2021", "2022", "2023"],
  funding: ["2021", "2022", "2023"],
  plan: ["2024", "2025"],
} as const;

/** Fields a finished 申报书 must have, per partner where the path says "partners[]" (two partners). */
const REQUIRED: readonly string[] = [
  "basic.level",
  "basic.major",
  "basic.servedMajorGroup",
  "basic.school.name",
  "basic.school.nature",
  "basic.school.address",
  "basic.school.creditCode",
  "basic.school.pages",
  "basic.school.legalRep.name",
  "basic.school.contact.name",
  "basic.school.contact.mobile",
  "basic.partners[].name",
  "basic.partners[].founded",
  "basic.partners[].nature",
  "basic.partners[].creditCode",
  "basic.partners[].pages",
  "basic.partners[].legalRep.name",
  "basic.partners[].contact.name",
  "conditions.pages",
  "conditions.schoolFullTimeStudents",
  "conditions.appliedMajorStudents",
  "conditions.initialEmploymentRate",
  "conditions.matchedEmploymentRate",
  "conditions.partners[].pages",
  "conditions.partners[].industryEducationEnterprise",
  "conditions.partners[].industryLeader",
  "conditions.partners[].specialisedTitle",
  "conditions.partners[].cooperationSince",
  "centre.pages",
  "centre.buildingAreaM2",
  "centre.equipmentValue",
  "centre.openingRate",
  "centre.doubleQualifiedRatio",
  "centre.seniorTitleRatio",
  "centre.fullTimeManagers",
  "onePlusX.pages",
  "onePlusX.assigned",
  "onePlusX.certified",
  "skillsForAll.pages",
  "skillsForAll.training.assigned",
  "skillsForAll.training.completed",
  "skillsForAll.certification.assigned",
  "skillsForAll.certification.completed",
  "skillsForAll.seniorCertification.assigned",
  "skillsForAll.seniorCertification.completed",
  "socialTraining.pages",
  ...FORM_YEARS.socialTraining.map((y) => `socialTraining.perYear.${y}`),
  "plan.expectedResults",
];

/**
 * What a draft still lacks to be a finished 申报书, as field-level findings: empty list means complete. Both
 * partner companies are needed, each with its fields; the award list, the related certificates and the funding
 * table may be empty (a school may have none), but an award or certificate listed needs its page reference.
 */
export function missingFields(form: ApplicationForm): FormFinding[] {
  const findings: FormFinding[] = [];
  const partnersEntered = form.basic?.partners?.length ?? 0;
  for (let n = partnersEntered + 1; n <= 2; n++) {
    findings.push({
      path: `basic.partners.${n - 1}`,
      label: `合作企业（${n}）`,
      message: M.missingPartner(n),
    });
  }
  for (const path of REQUIRED) {
    for (const { path: at, value } of valuesWithPartnerSlots(form, path)) {
      if (isEmpty(value)) {
        const segments = at.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
        const label = fieldLabel(segments);
        findings.push({ path: at, label, message: M.missing(label) });
      }
    }
  }
  if ((form.competitions?.awards?.length ?? 0) > 0 && isEmpty(form.competitions?.pages)) {
    findings.push(missing("competitions.pages"));
  }
  return findings;
}

/** A "partners[]" path is checked for both partner slots of 附件1, entered or not (only entered ones are listed). */
function valuesWithPartnerSlots(form: ApplicationForm, path: string) {
  if (!path.includes("partners[]")) return valuesAt(form, path);
  const entered = path.startsWith("basic.") ? (form.basic?.partners?.length ?? 0) : 2;
  return [0, 1]
    .slice(0, Math.max(entered, 0))
    .flatMap((i) => valuesAt(form, path.replace("partners[]", `partners.${i}`)));
}

function missing(path: string): FormFinding {
  const label = fieldLabel(path.split("."));
  return { path, label, message: M.missing(label) };
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === "" ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0)
  );
}
