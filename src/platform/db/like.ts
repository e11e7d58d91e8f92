/** Escapes LIKE/ILIKE wildcards (`%`, `_`) and the escape character itself, so user text matches literally. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (ch) => `\\${ch}`)
