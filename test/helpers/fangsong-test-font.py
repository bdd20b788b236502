"""Test-only font for the 申报书 round trip (test/integration/documents/application-pdf.test.ts).

Debian ships no 仿宋 that covers Simplified Chinese, so the test copies WenQuanYi Micro Hei (a free CJK sans font)
under the family names the generated .docx asks for: "FangSong" (Latin name, PostScript name) and "仿宋_GB2312"
(Chinese name). The glyphs stay WenQuanYi's: what the round trip proves is that the document asks for 仿宋_GB2312 /
FangSong and that LibreOffice resolves and embeds the font of that name, not what 仿宋 looks like.

usage: fangsong-test-font.py SOURCE.ttc OUT.ttf
"""
import sys

from fontTools.ttLib import TTCollection

source, out = sys.argv[1], sys.argv[2]
font = TTCollection(source).fonts[0]
names = font["name"]
names.names = [n for n in names.names if n.nameID not in (1, 2, 3, 4, 6, 16, 17)]
for platform, encoding, language in ((3, 1, 0x409), (1, 0, 0)):
    names.setName("FangSong", 1, platform, encoding, language)
    names.setName("Regular", 2, platform, encoding, language)
    names.setName("FangSong Test Copy of WenQuanYi Micro Hei", 3, platform, encoding, language)
    names.setName("FangSong", 4, platform, encoding, language)
    names.setName("FangSong", 6, platform, encoding, language)
names.setName("仿宋_GB2312", 1, 3, 1, 0x804)
names.setName("Regular", 2, 3, 1, 0x804)
names.setName("仿宋_GB2312", 4, 3, 1, 0x804)
font.save(out)
