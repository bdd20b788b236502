import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { scanActions } from "../../../shared/pdf/scan-actions.ts";
import { makePdf } from "../../fixtures/pdf/make-fixtures.ts";

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));
const file = (...objects: string[]) => latin1(`%PDF-1.7\n${objects.join("\n")}\n%%EOF\n`);
const object = (number: number, body: string) => `${number} 0 obj\n${body}\nendobj`;
const streamObject = (number: number, dictionary: string, data: Buffer | string) =>
  `${number} 0 obj\n<< ${dictionary} /Length ${data.length} >>\nstream\n${Buffer.from(data).toString("latin1")}\nendstream\nendobj`;

const NONE = { javaScriptActions: 0, launchActions: 0 };

describe("scanActions", () => {
  it.each([
    [
      "a JavaScript action",
      "<< /S /JavaScript /JS (app.alert(1)) >>",
      { javaScriptActions: 1, launchActions: 0 },
    ],
    [
      "a Launch action written tightly",
      "<</S/Launch/F(calc.exe)>>",
      { javaScriptActions: 0, launchActions: 1 },
    ],
    [
      "a #-escaped Launch",
      "<< /S /L#61unch /Win << /F (cmd.exe) >> >>",
      { javaScriptActions: 0, launchActions: 1 },
    ],
    ["a #-escaped key", "<< /#53 /J#61vaScript /JS (x) >>", { javaScriptActions: 1, launchActions: 0 }],
    [
      "an action after a string",
      "<< /T (a (nested) one\\)) /S /Launch >>",
      { javaScriptActions: 0, launchActions: 1 },
    ],
    [
      "actions chained by /Next",
      "<< /S /URI /URI (https://a.cn) /Next << /S /JavaScript /JS (x) >> >>",
      { javaScriptActions: 1, launchActions: 0 },
    ],
  ])("counts %s", (_, body, expected) => {
    expect(scanActions(file(object(1, body)))).toEqual(expected);
  });

  it.each([
    [
      "a link to a web page",
      "<< /Type /Annot /Subtype /Link /A << /S /URI /URI (https://jyt.henan.gov.cn) >> >>",
    ],
    ["a go-to action", "<< /S /GoTo /D [3 0 R /Fit] >>"],
    ["the words in a string", "<< /Title (/S /Launch \\) (/S /JavaScript)) >>"],
    ["the words in a comment", "<< /Title (x) % /S /Launch\n>>"],
    ["a name that only starts like an action", "<< /S /JavaScriptX /Subtype /Launcher >>"],
    ["an /S that is not followed by a name", "<< /S [/Launch] >>"],
  ])("ignores %s", (_, body) => {
    expect(scanActions(file(object(1, body)))).toEqual(NONE);
  });

  it("skips stream data, where the same words are just bytes", () => {
    const content = "BT /F1 12 Tf (/S /Launch /S /JavaScript) Tj ET /S /Launch";
    expect(scanActions(file(streamObject(1, "", content)))).toEqual(NONE);
  });

  it("takes the word stream for the start of stream data only after a dictionary", () => {
    const body = "<< /T (upstream and downstream) /Contents (the stream\n) /S /Launch >>";
    expect(scanActions(file(object(1, body)))).toEqual({ javaScriptActions: 0, launchActions: 1 });
  });

  it("skips stream data by its /Length, even data that looks like the end of the stream", () => {
    const data = "binary endstream endobj 9 0 obj << /S /Launch >>";
    expect(scanActions(file(streamObject(1, "", data)))).toEqual(NONE);
  });

  it("still finds the end of a stream whose /Length is wrong or indirect", () => {
    const wrong = `1 0 obj << /Length 999 >>\nstream\ndata\nendstream\nendobj\n2 0 obj << /S /Launch >> endobj`;
    const indirect = `1 0 obj << /Length 3 0 R >>\nstream\ndata\nendstream\nendobj\n2 0 obj << /S /Launch >> endobj`;
    expect([scanActions(file(wrong)), scanActions(file(indirect))]).toEqual([
      { javaScriptActions: 0, launchActions: 1 },
      { javaScriptActions: 0, launchActions: 1 },
    ]);
  });

  it("reads the objects packed in a compressed object stream", () => {
    const objects = "2 0 3 40 << /S /JavaScript /JS (x) >> << /S /Launch /F (a.exe) >>";
    const packed = streamObject(1, "/Type /ObjStm /N 2 /First 8 /Filter /FlateDecode", deflateSync(objects));
    expect(scanActions(file(packed))).toEqual({ javaScriptActions: 1, launchActions: 1 });
  });

  it("reads an object stream whose filter is given as a one-element array", () => {
    const packed = streamObject(
      1,
      "/Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode]",
      deflateSync("2 0 << /S /Launch >>"),
    );
    expect(scanActions(file(packed))).toEqual({ javaScriptActions: 0, launchActions: 1 });
  });

  it("does not inflate other streams", () => {
    const content = streamObject(1, "/Filter /FlateDecode", deflateSync("<< /S /Launch >>"));
    expect(scanActions(file(content))).toEqual(NONE);
  });

  it("gives up on an object stream that inflates past its bound instead of expanding it", () => {
    const bomb = deflateSync(Buffer.alloc(64 << 20));
    const packed = streamObject(1, "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", bomb);
    expect(scanActions(file(packed, object(9, "<< /S /Launch >>")))).toEqual({
      javaScriptActions: 0,
      launchActions: 1,
    });
  });

  it("ignores an object stream it cannot inflate", () => {
    const packed = streamObject(1, "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", "not zlib data");
    expect(scanActions(file(packed))).toEqual(NONE);
  });

  it("finds actions that pdf-lib wrote into object streams in a real file", async () => {
    const pdf = await makePdf({ pages: [{ link: "uri" }, { link: "launch" }, { link: "javascript" }] });
    expect(scanActions(pdf)).toEqual({ javaScriptActions: 1, launchActions: 1 });
  });

  it("finds the same actions in a file written without object streams", async () => {
    const pdf = await makePdf({
      pages: [{ link: "javascript" }],
      launchOnOpen: true,
      useObjectStreams: false,
    });
    expect(scanActions(pdf)).toEqual({ javaScriptActions: 1, launchActions: 1 });
  });
});
