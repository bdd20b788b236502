import { describe, expect, it } from "vitest";
import { HENAN_2024 } from "../../../shared/call/henan-2024.ts";
import { resolveCall } from "../../../shared/call/load-call.ts";
import { invitationView, reminderView } from "../../../shared/mail/operator-views.ts";
import { invitationEmail, reminderEmail } from "../../../shared/messages/operator-mail.ts";
import type { SchoolRecord } from "../../../shared/submissions/records.ts";

const { call } = resolveCall(HENAN_2024);
const school = { schoolId: "X", name: "河南<工业>职业技术学院", contactName: "王老师" } as SchoolRecord;

describe("the invitation", () => {
  const mail = invitationEmail(
    invitationView(call, school, { uploadUrl: "https://s.example.cn/#token=sbt_t", token: "sbt_t" }),
  );

  it("gives the link, the token and the call's requirements in the school's own terms", () => {
    expect(mail.subject).toBe(
      "【申报邀请】2024年河南省职业教育高水平专业化产教融合实训中心申报——河南<工业>职业技术学院的上传链接",
    );
    expect(mail.text).toContain("王老师：您好！");
    expect(mail.text).toContain(
      "河南省教育厅、河南省财政厅开展2024年河南省职业教育高水平专业化产教融合实训中心申报（教职成〔2024〕346号）",
    );
    expect(mail.text).toContain("上传链接：https://s.example.cn/#token=sbt_t\n学校令牌：sbt_t");
    expect(mail.text).toContain(
      "河南<工业>职业技术学院职业教育高水平专业化产教融合实训中心申报材料（××专业）.pdf",
    );
    expect(mail.text).toContain("截止时间：2024年11月15日 23:59:59（北京时间）");
    expect(mail.text).toContain("单个文件不超过 100 MB");
  });

  it("escapes the school's name in HTML", () => {
    expect(mail.html).toContain("河南&lt;工业&gt;职业技术学院");
    expect(mail.html).not.toContain("<工业>");
  });
});

describe("the reminder", () => {
  it("says how long is left, what is missing, and where to upload", () => {
    const mail = reminderEmail(
      reminderView(call, school, {
        now: new Date("2024-11-14T14:30:00+08:00"),
        pageUrl: "https://s.example.cn",
        rejectedUploads: 0,
      }),
    );
    expect(mail.subject).toBe(
      "【申报提醒】距截止还有 1 天 9 小时：河南<工业>职业技术学院尚无已受理的佐证材料",
    );
    expect(mail.text).toContain(
      "截至 2024年11月14日 14:30:00（北京时间），申报系统尚未受理河南<工业>职业技术学院的佐证材料。",
    );
    expect(mail.text).toContain("申报页面：https://s.example.cn");
    const lastHour = reminderEmail(
      reminderView(call, school, { now: new Date("2024-11-15T23:30:00+08:00"), rejectedUploads: 2 }),
    );
    expect(lastHour.subject).toContain("距截止已不足 1 小时：");
    expect(lastHour.text).toContain("已上传 2 次，均未通过检查");
  });
});
