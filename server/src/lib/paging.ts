export interface PageQuery {
  page: number;
  pageSize: number;
}

/**
 * One page of a list plus the total, the shape every list endpoint answers:
 * `list(limit, offset)` fetches the rows, `count` the total, `view` turns rows into API items.
 */
export async function paged<R, T>(
  q: PageQuery,
  list: (limit: number, offset: number) => Promise<R[]>,
  count: Promise<{ n: number }[]>,
  view: (rows: R[]) => T[] | Promise<T[]>,
) {
  const [rows, [{ n }]] = await Promise.all([list(q.pageSize, (q.page - 1) * q.pageSize), count]);
  return { items: await view(rows), total: n, page: q.page, pageSize: q.pageSize };
}
