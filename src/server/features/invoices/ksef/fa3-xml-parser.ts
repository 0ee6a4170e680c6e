import { SaxesParser } from 'saxes';
import { Fa3Error } from './fa3-error.js';

/** A parsed element: FA(3) has no mixed content, so an element's text is simply all its character data. */
export type XmlElement = {
  name: string;
  namespace: string;
  attributes: ReadonlyMap<string, string>;
  children: XmlElement[];
  text: string;
};

export type XmlLimits = { maxBytes: number; maxDepth: number; maxElements: number };

// The element cap bounds the tree's memory for a document of tiny elements (5 MiB of `<a/>` is 1.3 million
// of them); a real invoice of 10 000 lines (the schema's maximum) of ~20 elements each stays below it.
export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxDepth: 64,
  maxElements: 250_000,
};

const UTF8_NAMES = new Set(['utf-8', 'utf8']);
const ASCII_NAMES = new Set(['us-ascii', 'ascii']);

function decodeUtf8(input: Uint8Array | string, maxBytes: number): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) {
    throw new Fa3Error('xml_too_large');
  }
  if (typeof input === 'string') {
    return input;
  }
  // UTF-16 and UTF-32, with or without a byte order mark, put a NUL byte or FE/FF in the first four bytes;
  // their bytes can still form valid UTF-8, so the strict decoder below would not notice.
  const head = Array.from(input.subarray(0, 4));
  if (head.some((byte) => byte === 0x00 || byte === 0xfe || byte === 0xff)) {
    throw new Fa3Error('xml_encoding_unsupported');
  }
  try {
    // A UTF-8 byte order mark is allowed and dropped.
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new Fa3Error('xml_encoding_unsupported');
  }
}

function checkDeclaredEncoding(encoding: string | undefined, text: string): void {
  const name = encoding?.toLowerCase();
  if (name === undefined || UTF8_NAMES.has(name)) {
    return;
  }
  // US-ASCII text is byte for byte UTF-8; any other label would need a real conversion.
  // eslint-disable-next-line no-control-regex
  if (ASCII_NAMES.has(name) && /^[\u0000-\u007f]*$/.test(text)) {
    return;
  }
  throw new Fa3Error('xml_encoding_unsupported');
}

/**
 * Parses untrusted XML into a tree. saxes is non-validating and never fetches external entities; on top of
 * that any DOCTYPE is refused, so no entity can be declared: no XXE, no entity expansion (billion laughs),
 * and a reference to any entity but the five predefined ones is malformed. Size, depth and element count are
 * capped before the tree grows. Processing instructions (an `xml-stylesheet` some generators add) and
 * comments are ignored.
 */
export function parseXmlTree(
  input: Uint8Array | string,
  root: { name: string; namespace: string },
  limits: XmlLimits = DEFAULT_XML_LIMITS,
): XmlElement {
  const text = decodeUtf8(input, limits.maxBytes);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let document: XmlElement | undefined;
  let elementCount = 0;
  const malformed = () => new Fa3Error('xml_malformed', { line: parser.line, column: parser.column });

  parser.on('error', () => {
    throw malformed();
  });
  parser.on('doctype', () => {
    throw new Fa3Error('xml_doctype_forbidden');
  });
  parser.on('xmldecl', (declaration) => {
    checkDeclaredEncoding(declaration.encoding, text);
  });
  parser.on('opentagstart', () => {
    elementCount += 1;
    if (elementCount > limits.maxElements) {
      throw new Fa3Error('xml_too_large');
    }
    if (stack.length >= limits.maxDepth) {
      throw new Fa3Error('xml_too_deep');
    }
  });
  parser.on('opentag', (tag) => {
    const parent = stack.at(-1);
    if (parent === undefined && (tag.local !== root.name || tag.uri !== root.namespace)) {
      throw new Fa3Error('not_fa3');
    }
    const attributes = new Map(
      Object.values(tag.attributes).map((attribute) => [
        attribute.uri === '' ? attribute.local : `{${attribute.uri}}${attribute.local}`,
        attribute.value,
      ]),
    );
    const element: XmlElement = { name: tag.local, namespace: tag.uri, attributes, children: [], text: '' };
    parent?.children.push(element);
    stack.push(element);
  });
  const appendText = (data: string) => {
    const current = stack.at(-1);
    if (current !== undefined) {
      current.text += data;
    }
  };
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('closetag', () => {
    const element = stack.pop();
    if (stack.length === 0) {
      document = element;
    }
  });

  parser.write(text).close();
  if (document === undefined) {
    throw malformed();
  }
  return document;
}
