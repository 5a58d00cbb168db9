const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
/** A LIKE pattern that matches `text` literally anywhere (%, _ and \ in user input are not wildcards). */
export const contains = (text: string) => `%${literal(text)}%`;
/** A LIKE pattern that matches values starting with `text`, taken literally. */
export const startsWith = (text: string) => `${literal(text)}%`;
