import { pinyin } from "pinyin-pro";

const syllableCodes = new Map<string, string>();

/**
 * A name's pronunciation as a string of one code unit per syllable (pinyin-pro's reading in context, tones ignored),
 * so that syllables compare with the same edit distance as characters. Characters without a reading stand for
 * themselves. For the catalog's homophone suggestions (createMajorCatalog's `soundKey`): the server and the CLI use
 * it; the upload page does not, since pinyin-pro's dictionary would be most of the page's script.
 */
export function pinyinSoundKey(name: string): string {
  return pinyin(name, { toneType: "none", type: "array" })
    .map((syllable) => {
      let code = syllableCodes.get(syllable);
      if (code === undefined) {
        code = String.fromCharCode(0xe000 + syllableCodes.size);
        syllableCodes.set(syllable, code);
      }
      return code;
    })
    .join("");
}
