/**
 * A large, plain part of a loader's data sent as one JSON string. Remix encodes loader data with
 * turbo-stream, value by value (to carry dates, promises and repeated references); for twenty
 * supervisees' rows of plain strings and numbers that cost more server time than anything else in
 * the loader. As one string it is written with the engine's JSON.stringify, and read back in the
 * browser with JSON.parse (ADR 015). Only for data that is JSON already: no Date, Map or undefined.
 */
export type JsonText<T> = string & { readonly __jsonOf?: T };

export function toJsonText<T>(value: T): JsonText<T> {
  return JSON.stringify(value) as JsonText<T>;
}

export function fromJsonText<T>(text: JsonText<T>): T {
  return JSON.parse(text) as T;
}
