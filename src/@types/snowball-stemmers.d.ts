// snowball-stemmers ships no types; this is the part of its API we use. It is a CommonJS module
// without a default export, so it is imported as a namespace.
declare module 'snowball-stemmers' {
  interface SnowballStemmer {
    stem(word: string): string;
  }
  export function newStemmer(language: string): SnowballStemmer;
  export function algorithms(): string[];
}
