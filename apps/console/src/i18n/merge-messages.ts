export type Tree = { [key: string]: string | Tree };

/** Deep merge: later trees win; nothing of the earlier ones is lost. */
export function mergeMessages(...trees: object[]): Tree {
  const result: Tree = {};
  for (const tree of trees) {
    for (const [key, value] of Object.entries(tree) as Array<[string, string | Tree]>) {
      const existing = result[key];
      result[key] = typeof value === 'object' && typeof existing === 'object' ? mergeMessages(existing, value) : typeof value === 'object' ? mergeMessages(value) : value;
    }
  }
  return result;
}
