/**
 * Turning a file's bytes into report text. Pure: bytes in, text or one clear problem out.
 * The command-line tool (and the server, for files it reads from disk) decode through here so
 * that a report saved as GBK or a binary file named `.md` yields one WR000 finding instead of
 * findings about garbage. Text the editor has already decoded is guarded in check.ts instead.
 */
import type { Localized } from './l10n';

export type EncodingName = 'gbk' | 'unknown' | 'binary';

export interface EncodingProblem {
  encoding: EncodingName;
  message: Localized;
  /** the bytes as an editor would show them when opened as UTF-8: U+FFFD for each bad sequence */
  lossyText: string;
  /** UTF-16 offset in `lossyText` of the first bad character (a U+FFFD or a NUL) */
  offset: number;
  /** for `gbk`: the bytes decoded as GBK (to tell whether the file is a report at all) */
  gbkText?: string;
}

export interface DecodedReport {
  text?: string;
  problem?: EncodingProblem;
}

export const ENCODING_PROBLEM_MESSAGES = {
  gbk: {
    en: 'The file is not valid UTF-8 (it looks like GBK); save it as UTF-8',
    'zh-cn': '文件不是有效的 UTF-8 编码（看起来是 GBK）；请另存为 UTF-8',
  },
  unknown: {
    en: 'The file is not valid UTF-8 (unknown encoding); save it as UTF-8',
    'zh-cn': '文件不是有效的 UTF-8 编码（无法识别的编码）；请另存为 UTF-8',
  },
  binary: {
    en: 'The file contains NUL bytes: it looks like a binary file, not a report',
    'zh-cn': '文件包含 NUL 字节：看起来是二进制文件，而不是周报',
  },
} satisfies Record<EncodingName, Localized>;

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** CJK ideographs and full-width punctuation: GBK that decodes to none of these is not a Chinese text. */
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

function gbkDecoder(): InstanceType<typeof TextDecoder> | undefined {
  try {
    return new TextDecoder('gbk', { fatal: true });
  } catch {
    return undefined; // a Node built without full ICU
  }
}
const gbkFatal = gbkDecoder();

function hasBom(bytes: Uint8Array, ...bom: number[]): boolean {
  return bytes.length >= bom.length && bom.every((b, i) => bytes[i] === b);
}

/**
 * Decodes a report file's bytes: UTF-8 (a BOM is dropped) and UTF-16 with a BOM (as editors
 * open it) give text; NUL bytes give a `binary` problem; bytes that are not UTF-8 give a `gbk`
 * problem when they are valid GBK with Chinese in them, else an `unknown` one. Never throws.
 */
export function decodeReport(bytes: Uint8Array): DecodedReport {
  if (hasBom(bytes, 0xef, 0xbb, 0xbf)) bytes = bytes.subarray(3);
  else if (hasBom(bytes, 0xff, 0xfe)) return decodeUtf16(bytes.subarray(2), 'utf-16le');
  else if (hasBom(bytes, 0xfe, 0xff)) return decodeUtf16(bytes.subarray(2), 'utf-16be');

  const lossy = () => utf8Lossy.decode(bytes);
  if (bytes.includes(0)) {
    const lossyText = lossy();
    return { problem: { encoding: 'binary', message: ENCODING_PROBLEM_MESSAGES.binary, lossyText, offset: Math.max(0, lossyText.indexOf('\0')) } };
  }
  try {
    return { text: utf8Fatal.decode(bytes) };
  } catch {
    // not UTF-8: below
  }
  const lossyText = lossy();
  const offset = Math.max(0, lossyText.indexOf('\uFFFD'));
  let gbkText: string | undefined;
  try {
    gbkText = gbkFatal?.decode(bytes);
  } catch {
    gbkText = undefined;
  }
  if (gbkText !== undefined && CJK.test(gbkText)) {
    return { problem: { encoding: 'gbk', message: ENCODING_PROBLEM_MESSAGES.gbk, lossyText, offset, gbkText } };
  }
  return { problem: { encoding: 'unknown', message: ENCODING_PROBLEM_MESSAGES.unknown, lossyText, offset } };
}

function decodeUtf16(bytes: Uint8Array, label: 'utf-16le' | 'utf-16be'): DecodedReport {
  let text: string;
  try {
    text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const lossyText = new TextDecoder(label, { ignoreBOM: true }).decode(bytes);
    return { problem: { encoding: 'unknown', message: ENCODING_PROBLEM_MESSAGES.unknown, lossyText, offset: Math.max(0, lossyText.indexOf('\uFFFD')) } };
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) return { problem: { encoding: 'binary', message: ENCODING_PROBLEM_MESSAGES.binary, lossyText: text, offset: nul } };
  return { text };
}
