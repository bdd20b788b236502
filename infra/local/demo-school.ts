import type { SchoolIdentityInput } from "../../shared/checks/school-identity.ts";

/** A fictional college for demos and tests; its credit code is valid under GB 32100-2015 but belongs to no one. */
export const DEMO_SCHOOL: SchoolIdentityInput = {
  name: "河南演示职业技术学院",
  level: "专科",
  creditCode: "12410000MB1234567L",
  contactName: "王晓明",
  email: "office@demo-college.edu.cn",
  phone: "0371-69691995",
};

export const DEMO_MAJOR = "数控技术";

/** The reviewer `npm start` and `npm run demo` notify of accepted files, so that notice is seen beside the receipt. */
export const DEMO_REVIEWER = "reviewer@demo-department.gov.cn";

export function demoFileName(schoolName = DEMO_SCHOOL.name, major = DEMO_MAJOR): string {
  return `${schoolName}职业教育高水平专业化产教融合实训中心申报材料（${major}专业）.pdf`;
}
