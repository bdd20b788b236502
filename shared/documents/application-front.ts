import { AlignmentType, type Paragraph } from "docx";
import type { MajorEntry } from "../call/catalog.ts";
import type { SchoolLevel } from "../call/schema.ts";
import { APPLICATION_TEXT as T } from "../messages/documents.ts";
import { para, run, SIZE } from "./docx-kit.ts";
import { boxes } from "./format.ts";

export interface CoverValues {
  school: string;
  level: SchoolLevel | undefined;
  major: string | undefined;
  servedGroup: string | undefined;
  entry: MajorEntry | undefined;
  contact: string | undefined;
  phone: string | undefined;
  issuer: string;
  year: number;
  month: number;
}

const LEVEL_OF: Record<string, SchoolLevel> = { "高职（本科）": "本科", "高职（专科）": "专科" };

/** One cover line: the label, a colon and the value underlined; nothing after the colon when not filled. */
function field(label: string, value: string | undefined): Paragraph {
  const children = [run(`${label}：`, { size: SIZE.sanhao })];
  if (value) children.push(run(value, { size: SIZE.sanhao, underline: true }));
  return para(children, { linePt: 36, before: 120 });
}

/** The cover (封皮) of 附件1. */
export function cover(v: CoverValues): Paragraph[] {
  const [line1, line2, title] = T.titleLines;
  const levelChosen = T.cover.levels.find((l) => LEVEL_OF[l] === v.level);
  return [
    para(line1, { heading: true, size: SIZE.erhao, linePt: 40, align: AlignmentType.CENTER, before: 240 }),
    para(line2, { heading: true, size: SIZE.erhao, linePt: 40, align: AlignmentType.CENTER }),
    para(title, {
      heading: true,
      size: SIZE.xiaochu,
      linePt: 72,
      align: AlignmentType.CENTER,
      before: 400,
      after: 480,
    }),
    field(T.cover.school, v.school),
    para([run(`${T.cover.level}：${boxes(T.cover.levels, levelChosen)}`, { size: SIZE.sanhao })], {
      linePt: 36,
      before: 120,
    }),
    field(T.cover.major, v.major),
    field(T.cover.servedGroup, v.servedGroup),
    field(T.cover.category, v.entry?.category),
    field(T.cover.class, v.entry?.class),
    field(T.cover.contact, v.contact),
    field(T.cover.phone, v.phone),
    para(T.cover.madeBy(v.issuer), {
      size: SIZE.sanhao,
      linePt: 32,
      align: AlignmentType.CENTER,
      before: 600,
    }),
    para(T.cover.month(v.year, v.month), { size: SIZE.sanhao, linePt: 32, align: AlignmentType.CENTER }),
  ];
}

/** 填写要求: the notice's six rules, on a page of their own. */
export function requirements(): Paragraph[] {
  return [
    para(T.requirementsTitle, {
      heading: true,
      size: SIZE.sanhao,
      linePt: 32,
      align: AlignmentType.CENTER,
      pageBreakBefore: true,
      after: 240,
    }),
    ...T.requirements.map((text) => para(text, { firstLineChars: 2 })),
  ];
}

/** 内容真实性责任声明 with the school's name, and its blank seal, signature and date lines. */
export function declaration(school: string): Paragraph[] {
  const right = { align: AlignmentType.LEFT, before: 240 } as const;
  return [
    para(T.declarationTitle, {
      heading: true,
      size: SIZE.sanhao,
      linePt: 32,
      align: AlignmentType.CENTER,
      pageBreakBefore: true,
      after: 480,
    }),
    para(T.declaration(school), { firstLineChars: 2 }),
    para(T.declarationClose, { firstLineChars: 2, after: 960 }),
    para(T.declarationSeal, { ...right, indentChars: 16 }),
    para(T.declarationSignature, { ...right, indentChars: 16 }),
    para(T.dateLine, { ...right, indentChars: 22 }),
  ];
}
