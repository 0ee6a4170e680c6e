// Characters XML 1.0 cannot carry at all: C0 controls other than tab, LF and CR, lone surrogates and the two
// non-characters. An insurer's file may hold any of them; they would make the workbook unreadable.
const INVALID_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// A raw CR would be read back as LF (XML end-of-line handling), so it travels as a character reference.
const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
};

// Most texts (names, policy numbers) need no escaping at all; one scan says so.
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\u0000-\u001f&<>"\ud800-\udfff\ufffe\uffff]/;

/** Text for XML content or a double-quoted attribute; characters XML cannot carry become U+FFFD. */
export function escapeXml(value: string): string {
  if (!NEEDS_WORK.test(value)) {
    return value;
  }
  return value.replace(INVALID_XML, '\ufffd').replace(/[&<>"\r]/g, (char) => XML_ESCAPES[char] ?? char);
}
