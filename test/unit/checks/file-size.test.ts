import { describe, expect, it } from "vitest";
import { fileSize } from "../../../shared/checks/file-size.ts";
import { GOOD_NAME, henanContext } from "../../helpers/call.ts";

const ctx = henanContext();
const MAX = 100 * 1024 * 1024;
const check = (size: number) => fileSize({ fileName: GOOD_NAME, documentType: "evidence", size }, ctx);

describe("fileSize", () => {
  it("accepts files up to the limit, and leaves an empty file to the PDF rules", () => {
    expect(check(MAX)).toEqual([]);
    expect(check(40 * 1024 * 1024)).toEqual([]);
    expect(check(0)).toEqual([]);
  });

  it("rejects a file over the limit, saying both sizes", () => {
    expect(check(150 * 1024 * 1024)).toEqual([
      {
        code: "FILE_TOO_LARGE",
        severity: "error",
        field: "file",
        message: "文件大小为 150 MB，超过 100 MB 的上限。",
        fix: expect.stringContaining("压缩文件中的图片"),
        expected: String(MAX),
        actual: String(150 * 1024 * 1024),
      },
    ]);
  });

  it("gives the bytes when the sizes would read the same", () => {
    expect(check(MAX + 1)[0]?.message).toBe(
      "文件大小为 104857601 字节，超过 104857600 字节（100 MB）的上限。",
    );
  });

  it("follows the call's limit", () => {
    const small = henanContext({ maxFileBytes: 20 * 1024 * 1024 });
    const findings = fileSize(
      { fileName: GOOD_NAME, documentType: "evidence", size: 25 * 1024 * 1024 },
      small,
    );
    expect(findings[0]?.message).toBe("文件大小为 25 MB，超过 20 MB 的上限。");
  });
});
