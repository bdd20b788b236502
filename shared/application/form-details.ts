import type { ApplicationDetailsInput } from "./details.ts";
import type { ApplicationForm } from "./form.ts";

/**
 * The summary table's details (附件3) from the 申报书 form, so that the table and the form cannot disagree:
 * 中心服务专业（群）, each partner as "名称（称号、荣誉）", and the application's contact (mobile, else office phone).
 * The result goes through validateApplicationDetails like a school's own entry; left-out contact fields fall back
 * to the school's registered contact there.
 */
export function detailsFromForm(form: ApplicationForm): ApplicationDetailsInput {
  const partner = (i: number): string => {
    const p = form.basic?.partners?.[i];
    if (!p?.name) return "";
    const honours = [...new Set([...(p.titles ?? []), ...(p.honours ? [p.honours] : [])])].join("、");
    return honours ? `${p.name}（${honours}）` : p.name;
  };
  const contact = form.basic?.school?.contact;
  return {
    servedMajorGroup: form.basic?.servedMajorGroup ?? "",
    partner1: partner(0),
    partner2: partner(1),
    contactName: contact?.name,
    contactPhone: contact?.mobile ?? contact?.officePhone,
  };
}
