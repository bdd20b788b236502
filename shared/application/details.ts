import type { CheckContext } from "../checks/context.ts";
import type { Finding } from "../checks/finding.ts";
import { finding } from "../checks/make-finding.ts";
import {
  isValidContactName,
  isValidPhone,
  normalizeContactName,
  normalizePhone,
} from "../checks/school-identity.ts";
import type { SchoolRecord } from "../submissions/records.ts";

/**
 * The application's own details that the notice's summary table (附件3) asks for and no file carries: the major
 * group the centre serves, the two partner companies with their honours, and the application's contact. A school
 * enters them once, on the upload page (PUT /api/me/application); an operator may enter or correct them from a
 * school's paper form (`shenbao schools details`). 申报专业 is not here: it is read from the current accepted
 * file's name, and 专业大类/专业类 from the catalog, so the table cannot disagree with the file.
 */
export interface ApplicationDetails {
  schoolId: string;
  /** 中心服务专业（群） */
  servedMajorGroup: string;
  /** 合作企业（1）名称及企业荣誉等 */
  partner1: string;
  /** 合作企业（2）名称及企业荣誉等 */
  partner2: string;
  /** 联系人姓名 (of the application; defaults to the school's registered contact) */
  contactName: string;
  /** 联系电话 */
  contactPhone: string;
  updatedAt: string;
  updatedBy: "school" | "operator";
}

/** As entered; the contact may be left out to use the school's registered one. */
export interface ApplicationDetailsInput {
  servedMajorGroup: string;
  partner1: string;
  partner2: string;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
}

export type DetailsField = "servedMajorGroup" | "partner1" | "partner2" | "contactName" | "contactPhone";

/** Longest text per field: a cell of the summary table, not an essay. */
export const DETAILS_MAX_LENGTH: Record<DetailsField, number> = {
  servedMajorGroup: 100,
  partner1: 300,
  partner2: 300,
  contactName: 30,
  contactPhone: 40,
};

/**
 * Pasted text loses its line breaks, runs of spaces and invisible format characters. Not NFKC: that would turn the
 * full-width brackets of Chinese names, "（国家专精特新“小巨人”企业）", into ASCII ones.
 */
export function normalizeDetailsText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\p{Cf}/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

export type DetailsValidation =
  | { ok: true; details: Omit<ApplicationDetails, "updatedAt" | "updatedBy">; findings: Finding[] }
  | { ok: false; findings: Finding[] };

/** Checks every field at once; the stored form is normalised, with the school's contact filling what is left out. */
export function validateApplicationDetails(
  input: ApplicationDetailsInput,
  school: Pick<SchoolRecord, "schoolId" | "contactName" | "phone">,
  ctx: Pick<CheckContext, "call">,
): DetailsValidation {
  const findings: Finding[] = [];
  const text = (field: "servedMajorGroup" | "partner1" | "partner2"): string => {
    const value = normalizeDetailsText(input[field] ?? "");
    const max = DETAILS_MAX_LENGTH[field];
    if (value === "") {
      findings.push(...finding(ctx, "DETAILS_FIELD_MISSING", `details.${field}`, { field }));
    } else if ([...value].length > max) {
      findings.push(
        ...finding(
          ctx,
          "DETAILS_FIELD_TOO_LONG",
          `details.${field}`,
          { field, length: [...value].length, max },
          { expected: `≤ ${max}`, actual: String([...value].length) },
        ),
      );
    }
    return value;
  };
  const servedMajorGroup = text("servedMajorGroup");
  const partner1 = text("partner1");
  const partner2 = text("partner2");

  const contactRaw = input.contactName?.trim() ? input.contactName : school.contactName;
  const contactName = normalizeContactName(contactRaw);
  if (!isValidContactName(contactRaw)) {
    findings.push(
      ...finding(
        ctx,
        "CONTACT_NAME_INVALID",
        "details.contactName",
        { actual: contactRaw },
        { actual: contactRaw },
      ),
    );
  }
  const phoneRaw = input.contactPhone?.trim() ? input.contactPhone : school.phone;
  const contactPhone = normalizePhone(phoneRaw);
  if (!isValidPhone(phoneRaw)) {
    findings.push(
      ...finding(ctx, "PHONE_INVALID", "details.contactPhone", { actual: phoneRaw }, { actual: phoneRaw }),
    );
  }
  if (findings.some((f) => f.severity === "error")) return { ok: false, findings };
  return {
    ok: true,
    details: { schoolId: school.schoolId, servedMajorGroup, partner1, partner2, contactName, contactPhone },
    findings,
  };
}

/** The details store: one item per school. Implemented over DynamoDB in shared/aws/dynamodb-application-details.ts. */
export interface ApplicationDetailsRepository {
  getDetails(schoolId: string): Promise<ApplicationDetails | undefined>;
  /** Replaces the school's details (the last save wins: a school correcting its entry expects exactly that). */
  putDetails(details: ApplicationDetails): Promise<void>;
}
