import { HENAN_2024_ELIGIBILITY } from "./eligibility-henan-2024.ts";
import type { CallDefinitionInput } from "./schema.ts";

/**
 * The built-in default: 教职成〔2024〕346号, the 2024 Henan call for high-level specialised training centres
 * integrating industry and education (see ../shared/reference/henan-2024-notice.txt).
 */
export const HENAN_2024: CallDefinitionInput = {
  id: "henan-2024-chanjiao-shixun",
  title: "2024年河南省职业教育高水平专业化产教融合实训中心申报",
  issuer: "河南省教育厅 河南省财政厅",
  reference: "教职成〔2024〕346号",
  contact: "河南省教育厅职成教处 苗雪丽、任远 0371-69691995",
  // "于11月15日前报送": we accept uploads until the end of 15 November, Beijing time.
  deadline: "2024-11-15T23:59:59.999+08:00",
  nameTemplate: "{school}职业教育高水平专业化产教融合实训中心申报材料（{major}专业）",
  maxFileBytes: 100 * 1024 * 1024,
  onePerSchool: true,
  documentTypes: [
    // "提供佐证材料（不超过50页）", "支撑材料部分请设置目录索引"
    { id: "evidence", label: "佐证材料", maxPages: 50, requireBookmarks: true },
    { id: "application", label: "申报书", requireBookmarks: false },
    { id: "plan", label: "建设方案", requireBookmarks: false },
  ],
  defaultDocumentType: "evidence",
  pageSize: { name: "A4", widthMm: 210, heightMm: 297, toleranceMm: 5 },
  rules: {},
  catalog: { builtin: "major-catalog-2021-gaozhi", label: "2021 年教育部《职业教育专业目录》" },
  // 三（一）申报条件: conditions 1–4 and at least 4 of 5–10.
  eligibility: HENAN_2024_ELIGIBILITY,
};
