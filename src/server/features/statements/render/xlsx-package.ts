import { escapeXml } from './xlsx-xml.js';
import type { ZipEntry } from './zip-writer.js';

export type SheetPart = { name: string; xml: Buffer; filterRange: string | null };

export type PackageInput = {
  title: string;
  createdOn: string | null;
  sheets: readonly SheetPart[];
  /** The `<si>` elements of the shared string table. */
  sharedStrings: Buffer;
  uniqueStrings: number;
  /** How many cells refer to a shared string. */
  stringCount: number;
};

/** Indexes into cellXfs below. */
export const XLSX_STYLES = { text: 0, header: 1, amount: 2, boldAmount: 3, date: 4, bold: 5 } as const;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument';

// Amounts read "1 234,56 zł" in a Polish Excel (separators follow the reader's locale), negative ones in red;
// dates "30.11.2026".
const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${MAIN}">` +
  '<numFmts count="2">' +
  '<numFmt numFmtId="164" formatCode="#,##0.00\\ &quot;zł&quot;;[Red]\\-#,##0.00\\ &quot;zł&quot;"/>' +
  '<numFmt numFmtId="165" formatCode="dd\\.mm\\.yyyy"/>' +
  '</numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFEDEDED"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="6">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

function entry(name: string, xml: string): ZipEntry {
  return { name, data: Buffer.from(xml, 'utf8') };
}

/** The parts of an XLSX package, in the order Excel writes them. */
export function packageParts(input: PackageInput): ZipEntry[] {
  const { sheets } = input;
  const sheetIds = sheets.map((_, index) => String(index + 1));
  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE}.spreadsheetml.sheet.main+xml"/>` +
    sheetIds
      .map(
        (id) =>
          `<Override PartName="/xl/worksheets/sheet${id}.xml" ContentType="${CONTENT_TYPE}.spreadsheetml.worksheet+xml"/>`,
      )
      .join('') +
    `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE}.spreadsheetml.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${CONTENT_TYPE}.spreadsheetml.sharedStrings+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    `<Override PartName="/docProps/app.xml" ContentType="${CONTENT_TYPE}.extended-properties+xml"/>` +
    '</Types>';
  const rootRelationships =
    `${XML_HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
    `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${RELATIONSHIPS}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>';
  const definedNames = sheets
    .map((sheet, index) =>
      sheet.filterRange === null
        ? ''
        : `<definedName name="_xlnm._FilterDatabase" localSheetId="${String(index)}" hidden="1">` +
          `'${escapeXml(sheet.name.replaceAll("'", "''"))}'!${sheet.filterRange}</definedName>`,
    )
    .join('');
  const workbook =
    `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets>` +
    sheets
      .map((sheet, index) => {
        const id = String(index + 1);
        return `<sheet name="${escapeXml(sheet.name)}" sheetId="${id}" r:id="rId${id}"/>`;
      })
      .join('') +
    '</sheets>' +
    (definedNames === '' ? '' : `<definedNames>${definedNames}</definedNames>`) +
    '</workbook>';
  const workbookRelationships =
    `${XML_HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
    sheetIds
      .map(
        (id) =>
          `<Relationship Id="rId${id}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${id}.xml"/>`,
      )
      .join('') +
    `<Relationship Id="rId${String(sheets.length + 1)}" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${String(sheets.length + 2)}" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>` +
    '</Relationships>';
  const sharedStrings = Buffer.concat([
    Buffer.from(
      `${XML_HEAD}<sst xmlns="${MAIN}" count="${String(input.stringCount)}" uniqueCount="${String(input.uniqueStrings)}">`,
    ),
    input.sharedStrings,
    Buffer.from('</sst>'),
  ]);
  const created = input.createdOn === null ? null : `${input.createdOn}T00:00:00Z`;
  const core =
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(input.title)}</dc:title><dc:creator>Sejf</dc:creator>` +
    (created === null
      ? ''
      : `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified>`) +
    '</cp:coreProperties>';
  const app =
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
    '<Application>Sejf</Application></Properties>';
  return [
    entry('[Content_Types].xml', contentTypes),
    entry('_rels/.rels', rootRelationships),
    entry('docProps/app.xml', app),
    entry('docProps/core.xml', core),
    entry('xl/workbook.xml', workbook),
    entry('xl/_rels/workbook.xml.rels', workbookRelationships),
    entry('xl/styles.xml', STYLES),
    ...sheets.map((sheet, index) => ({
      name: `xl/worksheets/sheet${String(index + 1)}.xml`,
      data: sheet.xml,
    })),
    { name: 'xl/sharedStrings.xml', data: sharedStrings },
  ];
}
