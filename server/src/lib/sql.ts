/** A LIKE pattern that matches `text` literally anywhere (%, _ and \ in user input are not wildcards). */
export const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
