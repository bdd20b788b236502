import { describe, expect, it } from "vitest";
import { pageLink, statusLink, tokenLink } from "../../../shared/api/page-links.ts";

describe("links to the upload page", () => {
  const bases = [
    "https://abc123.execute-api.ap-southeast-1.amazonaws.com/",
    "https://abc123.execute-api.ap-southeast-1.amazonaws.com",
    "https://abc123.execute-api.ap-southeast-1.amazonaws.com//",
  ];

  it("never double the slash, whether publicUrl ends in one or not", () => {
    for (const base of bases) {
      expect(pageLink(base)).toBe("https://abc123.execute-api.ap-southeast-1.amazonaws.com/");
      expect(statusLink(base, "01JSUB")).toBe(
        "https://abc123.execute-api.ap-southeast-1.amazonaws.com/#/submissions/01JSUB",
      );
      expect(tokenLink(base, "sbk_x")).toBe(
        "https://abc123.execute-api.ap-southeast-1.amazonaws.com/#token=sbk_x",
      );
    }
  });

  it("keep a path in publicUrl", () => {
    expect(statusLink("https://shenbao.example.edu.cn/2025/", "S1")).toBe(
      "https://shenbao.example.edu.cn/2025/#/submissions/S1",
    );
    expect(new URL(tokenLink("https://shenbao.example.edu.cn/2025", "t")).pathname).toBe("/2025/");
  });
});
