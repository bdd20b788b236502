import type { Table } from "docx";
import type { ApplicationForm } from "../application/form.ts";
import { APPLICATION_LABELS as L, APPLICATION_TEXT as T } from "../messages/documents.ts";
import { type CellInput, formTable } from "./docx-kit.ts";
import { boxes, pages, partialDate } from "./format.ts";

type Basic = NonNullable<ApplicationForm["basic"]>;
type Person = NonNullable<NonNullable<Basic["school"]>["legalRep"]>;
type Partner = NonNullable<Basic["partners"]>[number];

// group | sub-group | label | value | label | value
const WIDTHS = [9, 9, 15, 28, 14, 25];
const left = (text: string | undefined, span = 1): CellInput => ({ text: text ?? "", span, align: "left" });

function personRows(label: string, person: Person | undefined, withMobile: boolean): CellInput[][] {
  const rows: CellInput[][] = [
    [{ text: label, rowSpan: withMobile ? 3 : 2 }, L.name, left(person?.name), L.title, left(person?.title)],
    [L.officePhone, left(person?.officePhone), L.fax, left(person?.fax)],
  ];
  if (withMobile) rows.push([L.mobile, left(person?.mobile), L.email, left(person?.email)]);
  return rows;
}

function schoolRows(school: Basic["school"], fallbackName: string | undefined): CellInput[][] {
  const block: CellInput[][] = [
    [
      { text: L.schoolName, span: 2 },
      left(school?.name ?? fallbackName),
      L.affiliation,
      left(school?.affiliation),
    ],
    [
      { text: L.founded, span: 2 },
      left(partialDate(school?.founded)),
      L.nature,
      left(boxes(L.natures, school?.nature)),
    ],
    [{ text: L.address, span: 2 }, left(school?.address, 3)],
    [{ text: L.creditCode, span: 2 }, left(school?.creditCode), T.pagesHead, left(pages(school?.pages))],
    ...personRows(L.legalRep, school?.legalRep, false),
    ...personRows(L.contact, school?.contact, true),
  ];
  return withGroup(L.schoolBlock, block);
}

function partnerRows(n: number, partner: Partner | undefined): CellInput[][] {
  const honours = [...(partner?.titles ?? []), ...(partner?.honours ? [partner.honours] : [])].join("；");
  const block: CellInput[][] = [
    [{ text: L.partnerName, span: 2 }, left(partner?.name, 3)],
    [{ text: L.honours, span: 2 }, left(honours, 3)],
    [
      { text: L.partnerFounded, span: 2 },
      left(partialDate(partner?.founded)),
      L.partnerNature,
      left(partner?.nature),
    ],
    [{ text: L.address, span: 2 }, left(partner?.address, 3)],
    [{ text: L.creditCode, span: 2 }, left(partner?.creditCode), T.pagesHead, left(pages(partner?.pages))],
    ...personRows(L.legalRep, partner?.legalRep, false),
    ...personRows(L.contact, partner?.contact, true),
  ];
  return withGroup(L.partnerBlock(n), block);
}

/** Puts a block's name in a first column spanning all its rows. */
function withGroup(name: string, rows: CellInput[][]): CellInput[][] {
  const [first, ...rest] = rows;
  return [[{ text: name, rowSpan: rows.length }, ...(first ?? [])], ...rest];
}

/** 一、基本情况: the centre's name, the school and both partner companies (two blocks, as 附件1 has). */
export function basicTable(form: ApplicationForm, schoolName: string | undefined): Table {
  const basic = form.basic;
  return formTable(WIDTHS, [
    [{ text: L.centreName, span: 3 }, left(basic?.centreName, 3)],
    ...schoolRows(basic?.school, schoolName),
    ...partnerRows(1, basic?.partners?.[0]),
    ...partnerRows(2, basic?.partners?.[1]),
  ]);
}
