// html-to-text ships no types (and @types/html-to-text lags its major versions); this is the part of
// its API we use: a compiled converter with our selectors and block formatters.
declare module 'html-to-text' {
  export interface DomNode {
    children?: DomNode[];
  }

  export interface BlockTextBuilder {
    openBlock(options?: { leadingLineBreaks?: number; reservedLineLength?: number; isPre?: boolean }): void;
    closeBlock(options?: { trailingLineBreaks?: number; blockTransform?: (text: string) => string }): void;
    addLiteral(text: string): void;
  }

  export type FormatCallback = (
    elem: DomNode,
    walk: (nodes: DomNode[] | undefined, builder: BlockTextBuilder) => void,
    builder: BlockTextBuilder,
    formatOptions: Record<string, unknown>,
  ) => void;

  export interface SelectorDefinition {
    selector: string;
    format?: string;
    options?: Record<string, unknown>;
  }

  export interface HtmlToTextOptions {
    wordwrap?: number | false | null;
    selectors?: SelectorDefinition[];
    formatters?: Record<string, FormatCallback>;
  }

  export function compile(options?: HtmlToTextOptions): (html: string) => string;
  export function convert(html: string, options?: HtmlToTextOptions): string;
}
