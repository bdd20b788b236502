import type { SchoolRecord } from "../submissions/records.ts";
import type { ApplicationDetails, ApplicationDetailsInput } from "./details.ts";
import type { ApplicationForm } from "./form.ts";
import type { StoredForm } from "./form-store.ts";

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

/** The validated details a school or an operator enters at PUT /api/me/application (`shenbao schools details`). */
export type EnteredDetails = Pick<
  ApplicationDetails,
  "servedMajorGroup" | "partner1" | "partner2" | "contactName" | "contactPhone"
>;

/**
 * The 附件3 details as stored in the school's form (detailsFromForm), completed like an entry: the registered
 * contact where the form names none. Undefined when the form holds none of them (served group, partners), so a
 * legacy details item, if any, still answers.
 */
export function detailsOfForm(
  stored: Pick<StoredForm, "schoolId" | "form" | "updatedAt" | "updatedBy">,
  school: Pick<SchoolRecord, "contactName" | "phone">,
): ApplicationDetails | undefined {
  const d = detailsFromForm(stored.form);
  if (!d.servedMajorGroup && !d.partner1 && !d.partner2) return undefined;
  return {
    schoolId: stored.schoolId,
    servedMajorGroup: d.servedMajorGroup,
    partner1: d.partner1,
    partner2: d.partner2,
    contactName: d.contactName ?? school.contactName,
    contactPhone: d.contactPhone ?? school.phone,
    updatedAt: stored.updatedAt,
    updatedBy: stored.updatedBy,
  };
}

/** Splits "名称（荣誉、称号）" into the name and the honours in the brackets at its end. */
export function splitPartnerText(text: string): { name: string; honours: string[] } {
  const match = /^(.+?)\s*[（(]([^（()）]*)[）)]\s*$/u.exec(text);
  if (!match?.[1]) return { name: text.trim(), honours: [] };
  const honours = (match[2] ?? "")
    .split(/[、，,；;]/u)
    .map((h) => h.trim())
    .filter((h) => h !== "");
  return { name: match[1].trim(), honours };
}

const MOBILE_NUMBER = /^(?:(?:\+|00)86-?)?1[3-9]\d(?:-?\d{4}){2}$/u;

/**
 * The form with entered details written into it, as form input for parseApplicationForm: 中心服务专业（群）; each
 * partner's name and honours ("名称（荣誉）" split, honours the form already lists among the partner's titles left
 * there, its other fields kept); the school's contact person's name and phone (a mobile number as 手机; another as
 * 办公电话, dropping a 手机 that would otherwise be read first). Every other field is kept as it is.
 */
export function withDetails(form: ApplicationForm | undefined, details: EnteredDetails): ApplicationForm {
  const basic = form?.basic ?? {};
  const partners = [details.partner1, details.partner2].map((text, i) => {
    const existing = basic.partners?.[i] ?? {};
    const { name, honours } = splitPartnerText(text);
    const titles = new Set(existing.titles ?? []);
    const rest = honours.filter((h) => !titles.has(h));
    const { honours: _dropped, ...kept } = existing;
    return { ...kept, name, ...(rest.length > 0 ? { honours: rest.join("、") } : {}) };
  });
  const school = basic.school ?? {};
  const { mobile: _mobile, officePhone: _office, ...contact } = school.contact ?? {};
  const phone = MOBILE_NUMBER.test(details.contactPhone)
    ? {
        mobile: details.contactPhone,
        ...(school.contact?.officePhone ? { officePhone: school.contact.officePhone } : {}),
      }
    : { officePhone: details.contactPhone };
  return {
    ...form,
    basic: {
      ...basic,
      servedMajorGroup: details.servedMajorGroup,
      partners,
      school: { ...school, contact: { ...contact, name: details.contactName, ...phone } },
    },
  };
}
