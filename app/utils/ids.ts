const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in URLs are checked before they reach the database, so a mangled one is a 404, not a 500. */
export function isUuid(value: string | undefined): value is string {
  return !!value && UUID.test(value);
}
