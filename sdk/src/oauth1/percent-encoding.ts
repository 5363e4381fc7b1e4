// RFC 5849 §3.6: the one percent-encoding OAuth 1.0a signs with. Every byte of the UTF-8
// encoding that is not unreserved (ALPHA / DIGIT / "-" / "." / "_" / "~") becomes %XX with
// upper-case hex. encodeURIComponent is not enough: it leaves ! ' ( ) * alone.
// Zero dependencies: shared by the fitgate server and its client SDK.

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const HEX = "0123456789ABCDEF";
const ENCODER = new TextEncoder();
const STRICT_DECODER = new TextDecoder("utf-8", { fatal: true });

/**
 * Percent-encodes a name or value the way RFC 5849 signs it.
 * Lone surrogates are encoded as U+FFFD, like every UTF-8 encoder does.
 * @see RFC 5849 §3.6
 */
export function percentEncode(value: string): string {
  if (/^[A-Za-z0-9\-._~]*$/.test(value)) return value; // the common case, no allocation
  let encoded = "";
  for (const byte of ENCODER.encode(value)) {
    const char = String.fromCharCode(byte);
    encoded += byte < 0x80 && UNRESERVED.test(char) ? char : `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return encoded;
}

/**
 * Decodes %XX sequences (and nothing else: "+" stays "+", as RFC 5849 §3.5.1 header values
 * are not form-encoded). Returns null for a malformed escape or bytes that are not UTF-8.
 * @see RFC 5849 §3.6, §3.5.1
 */
export function percentDecode(value: string): string | null {
  if (!value.includes("%")) return value;
  if (/%(?![0-9A-Fa-f]{2})/.test(value)) return null;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x25) {
      bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (code < 0x80) {
      bytes.push(code);
    } else {
      // a raw non-ASCII character: keep it, as its UTF-8 bytes
      const char = String.fromCodePoint(value.codePointAt(i) ?? code);
      bytes.push(...ENCODER.encode(char));
      i += char.length - 1;
    }
  }
  try {
    return STRICT_DECODER.decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}
