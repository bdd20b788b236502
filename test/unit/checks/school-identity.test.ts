import { describe, expect, it } from "vitest";
import {
  isValidContactName,
  isValidEmail,
  isValidPhone,
  isValidSchoolName,
  normalizeContactName,
  normalizeEmail,
  normalizePhone,
  normalizeSchoolName,
  parseSchoolLevel,
  type SchoolIdentityInput,
  validateSchoolIdentity,
} from "../../../shared/checks/school-identity.ts";
import { henanContext } from "../../helpers/call.ts";

const ctx = henanContext();
const GOOD: SchoolIdentityInput = {
  name: "河南工业职业技术学院",
  level: "专科",
  creditCode: "91350100M000100Y43",
  contactName: "苗雪丽",
  email: "zhijiaochu2021@126.com",
  phone: "0371-69691995",
};

describe("validateSchoolIdentity", () => {
  it("accepts a complete, well-formed record", () => {
    expect(validateSchoolIdentity(GOOD, ctx)).toEqual([]);
  });

  it("reports every problem at once, each on its field", () => {
    const findings = validateSchoolIdentity(
      {
        name: "123",
        level: "中职",
        creditCode: "91350100M000100Y4",
        contactName: "王",
        email: "a@b",
        phone: "12345",
      },
      ctx,
    );
    expect(findings.map((f) => [f.code, f.severity, f.field])).toEqual([
      ["SCHOOL_NAME_INVALID", "error", "school.name"],
      ["SCHOOL_LEVEL_INVALID", "error", "school.level"],
      ["CREDIT_CODE_FORMAT", "error", "school.creditCode"],
      ["CONTACT_NAME_INVALID", "error", "school.contactName"],
      ["EMAIL_INVALID", "error", "school.email"],
      ["PHONE_INVALID", "error", "school.phone"],
    ]);
    expect(findings[1]?.message).toBe("办学层次“中职”无效，应为“专科”或“本科”。");
  });

  it("names the check character a mistyped credit code should have", () => {
    expect(validateSchoolIdentity({ ...GOOD, creditCode: "91350100m000100y44" }, ctx)).toEqual([
      {
        code: "CREDIT_CODE_CHECK_CHARACTER",
        severity: "error",
        field: "school.creditCode",
        message:
          "统一社会信用代码“91350100M000100Y44”的校验位不正确：按 GB 32100-2015 计算，第 18 位应为“3”。",
        fix: "代码中可能有字符录入错误，请对照证书逐位核对。",
        expected: "3",
        actual: "4",
      },
    ]);
  });

  it("describes the credit code's format when it is not 18 characters of the alphabet", () => {
    expect(validateSchoolIdentity({ ...GOOD, creditCode: "91350100M000100O43" }, ctx)[0]?.message).toBe(
      "统一社会信用代码“91350100M000100O43”格式不正确：应为 18 位，由数字和大写字母组成（不含 I、O、Z、S、V）。",
    );
  });
});

describe("school name", () => {
  it.each([
    "河南工业职业技术学院",
    "郑州铁路职业技术学院",
    "中国人民解放军陆军工程大学（郑州校区）",
    " 河南 工业职业技术学院 ",
    "河南XR职业学院",
  ])("accepts %s", (name) => expect(isValidSchoolName(name)).toBe(true));

  it.each([
    ["", "empty"],
    ["学", "one character"],
    ["12345678", "digits only"],
    ["Henan Polytechnic", "no Chinese character"],
    ["河南工业职业技术学院\u0007", "a control character"],
    ["河南工业<script>学院", "markup"],
    ["河".repeat(51), "51 characters"],
  ])("rejects %s (%s)", (name) => expect(isValidSchoolName(name)).toBe(false));

  it("normalises to the full name without spaces, with full-width brackets", () => {
    expect(normalizeSchoolName(" 某某大学 (郑州校区)\u3000")).toBe("某某大学（郑州校区）");
  });
});

describe("school level", () => {
  it.each([
    ["专科", "专科"],
    ["本科", "本科"],
    [" 高职专科 ", "专科"],
    ["高职(本科)", "本科"],
  ] as const)("reads %s as %s", (input, level) => expect(parseSchoolLevel(input)).toBe(level));

  it.each(["中职", "", "研究生"])("rejects %s", (input) => expect(parseSchoolLevel(input)).toBeUndefined());
});

describe("contact name", () => {
  it.each(["苗雪丽", "修  晨", "阿卜杜拉·艾则孜", "Zhang Wei"])("accepts %s", (name) =>
    expect(isValidContactName(name)).toBe(true),
  );

  it.each(["王", "", "  ", "张三123", "李四\n", "x".repeat(31)])("rejects %j", (name) =>
    expect(isValidContactName(name)).toBe(false),
  );

  it("drops the spaces that pad a Chinese name, and keeps a Latin name's", () => {
    expect(normalizeContactName(" 修  晨 ")).toBe("修晨");
    expect(normalizeContactName("Zhang   Wei")).toBe("Zhang Wei");
  });
});

describe("email", () => {
  it.each([
    "zhijiaochu2021@126.com",
    "12345678@qq.com",
    "office@haue.edu.cn",
    "zhang.san+shenbao@163.com",
    "xxgk@jyt.henan.gov.cn",
    " Office@HAUE.EDU.CN ",
    "office＠haue.edu.cn",
  ])("accepts %s", (email) => expect(isValidEmail(email)).toBe(true));

  it.each([
    "",
    "office",
    "office@",
    "@qq.com",
    "a@b",
    "a@qq",
    "a..b@qq.com",
    ".a@qq.com",
    "a@-qq.com",
    "a@qq.c",
    "张三@qq.com",
    "a@qq。com",
  ])("rejects %j", (email) => expect(isValidEmail(email)).toBe(false));

  it("lower-cases the domain only", () => {
    expect(normalizeEmail(" Office@HAUE.EDU.CN ")).toBe("Office@haue.edu.cn");
  });
});

describe("phone", () => {
  it.each([
    "13812345678",
    "138 1234 5678",
    "138-1234-5678",
    "+86 13812345678",
    "+86-138-1234-5678",
    "008613812345678",
    "0371-69691995",
    "0371 69691995",
    "037169691995",
    "(0371)69691995",
    "（0371）69691995",
    "010-62345678",
    "0371-6969199",
    "0371-69691995-8001",
    "0371-69691995转8001",
    "+86 371 69691995",
    "0371‑69691995",
  ])("accepts %s", (phone) => expect(isValidPhone(phone)).toBe(true));

  it.each([
    "",
    "12345",
    "12812345678",
    "1381234567",
    "138123456789",
    "0371-1234567",
    "0371-0969199",
    "371-69691995",
    "0371-696919951",
    "电话0371-69691995",
    "13812345678x",
  ])("rejects %j", (phone) => expect(isValidPhone(phone)).toBe(false));

  it("normalises spaces and dash look-alikes", () => {
    expect(normalizePhone(" 0371－6969 1995 ")).toBe("0371-69691995");
  });
});
