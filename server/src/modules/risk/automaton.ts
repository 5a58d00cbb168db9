// Aho-Corasick automaton stored as a double-array trie (Aoe 1989): the child of state s on
// symbol k is t = base[s] + k when check[t] === s. Symbols are dense ids 1..K assigned by the
// screener, so the arrays stay a few times the number of states even for wide (CJK) alphabets.
// Base, check, failure link and output link of a state sit side by side in one Int32Array, so a
// scan step touches one or two cache lines and allocates nothing until a match is reported.

export interface Automaton {
  /**
   * Four Int32 per state s, so that one cache line serves a whole step:
   * cells[4s] = base (child on symbol k is base + k), cells[4s + 1] = check (the parent that owns
   * this slot, -1 when free), cells[4s + 2] = failure link, cells[4s + 3] = emit (the deepest
   * terminal state on the suffix chain of s, s itself when terminal, 0 when none).
   */
  cells: Int32Array;
  /** For a terminal state: the next shorter terminal on its suffix chain, 0 when none. */
  nextTerminal: Int32Array;
  /** For a terminal state: the index of its pattern; -1 elsewhere. */
  pattern: Int32Array;
  /** Number of symbols from the root. */
  depth: Int32Array;
  states: number;
}

const FREE = -1;

/**
 * Builds the automaton for `count` non-empty patterns of symbol ids in 1..alphabetSize, pattern i
 * being symbols[offsets[i] .. offsets[i + 1]). Equal patterns share one terminal state; the
 * returned `canonical[i]` is the index of the first pattern equal to pattern i, which is what
 * `pattern[state]` holds. Time is linear in the total pattern length for the trie and the links;
 * the double-array placement finds free slots through a union-find "next free slot" table, so
 * it stays near-linear however the slots fill up.
 */
export function buildAutomaton(
  symbols: Uint16Array,
  offsets: Int32Array,
  count: number,
  alphabetSize: number,
): Automaton & { canonical: Int32Array } {
  const total = offsets[count] - offsets[0] + 1;

  // 1. A plain trie: dense child table for the root, sibling lists below it.
  const rootChild = new Int32Array(alphabetSize + 1);
  const firstChild = new Int32Array(total);
  const sibling = new Int32Array(total);
  const symOf = new Int32Array(total);
  const trieDepth = new Int32Array(total);
  const triePattern = new Int32Array(total).fill(-1);
  const canonical = new Int32Array(count);
  let nodes = 1;
  for (let p = 0; p < count; p++) {
    let u = 0;
    for (let j = offsets[p], depth = 1; j < offsets[p + 1]; j++, depth++) {
      const k = symbols[j];
      let v = 0;
      if (u === 0) v = rootChild[k];
      else for (let c = firstChild[u]; c !== 0; c = sibling[c]) if (symOf[c] === k) { v = c; break; }
      if (v === 0) {
        v = nodes++;
        symOf[v] = k;
        trieDepth[v] = depth;
        if (u === 0) rootChild[k] = v;
        else { sibling[v] = firstChild[u]; firstChild[u] = v; }
      }
      u = v;
    }
    if (triePattern[u] < 0) triePattern[u] = p;
    canonical[p] = triePattern[u];
  }

  // 2. Double-array placement in breadth-first order (parents before children). nextFree is a
  // union-find over slots: following it from i reaches the lowest free slot >= i.
  let cap = Math.max(1024, nodes * 2 + alphabetSize + 1);
  let base = new Int32Array(cap);
  let check = new Int32Array(cap).fill(FREE);
  let nextFree = new Int32Array(cap);
  for (let i = 0; i < cap; i++) nextFree[i] = i;
  const grow = (need: number) => {
    if (need < cap) return;
    let next = cap;
    while (next <= need) next *= 2;
    const b = new Int32Array(next);
    b.set(base);
    const c = new Int32Array(next).fill(FREE);
    c.set(check);
    const f = new Int32Array(next);
    f.set(nextFree);
    for (let i = cap; i < next; i++) f[i] = i;
    base = b;
    check = c;
    nextFree = f;
    cap = next;
  };
  const findFree = (from: number): number => {
    let i = from;
    for (;;) {
      grow(i + 1);
      const n = nextFree[i];
      if (n === i) return i;
      grow(n + 1);
      const nn = nextFree[n];
      nextFree[i] = nn; // path halving
      i = nn;
    }
  };
  const occupy = (t: number, owner: number) => {
    check[t] = owner;
    nextFree[t] = t + 1;
  };
  occupy(0, -2); // the root's slot: never free, and no state points into it
  const stateOf = new Int32Array(nodes); // trie node → double-array slot
  const order = new Int32Array(nodes); // trie nodes in BFS order
  let head = 0;
  let tail = 1;
  let maxSlot = 0;
  const kids: number[] = [];
  while (head < tail) {
    const u = order[head++];
    const s = stateOf[u];
    kids.length = 0;
    if (u === 0) {
      for (let k = 1; k <= alphabetSize; k++) if (rootChild[k] !== 0) kids.push(rootChild[k]);
    } else {
      for (let c = firstChild[u]; c !== 0; c = sibling[c]) kids.push(c);
    }
    if (kids.length === 0) continue; // a leaf keeps base 0: base + k lands on slots it never owns
    let minSym = alphabetSize + 1;
    for (const c of kids) if (symOf[c] < minSym) minSym = symOf[c];
    // base >= 0 keeps base + k inside the arrays for every symbol k.
    let p = findFree(minSym);
    for (;;) {
      const b = p - minSym;
      grow(b + alphabetSize + 1);
      let fits = true;
      for (const c of kids) {
        if (check[b + symOf[c]] !== FREE) {
          fits = false;
          break;
        }
      }
      if (fits) break;
      p = findFree(p + 1);
    }
    const b = p - minSym;
    base[s] = b;
    for (const c of kids) {
      const t = b + symOf[c];
      occupy(t, s);
      stateOf[c] = t;
      order[tail++] = c;
      if (t > maxSlot) maxSlot = t;
    }
  }

  // 3. Trim (keeping room for base + k of every state), then failure and output links.
  let maxBase = 0;
  for (let i = 0; i < nodes; i++) if (base[stateOf[i]] > maxBase) maxBase = base[stateOf[i]];
  const size = Math.max(maxSlot, maxBase) + alphabetSize + 2;
  grow(size);
  base = base.slice(0, size);
  check = check.slice(0, size);
  const fail = new Int32Array(size);
  const emit = new Int32Array(size);
  const nextTerminal = new Int32Array(size);
  const pattern = new Int32Array(size).fill(-1);
  const depth = new Int32Array(size);
  for (let i = 1; i < nodes; i++) {
    const u = order[i];
    const t = stateOf[u];
    depth[t] = trieDepth[u];
    pattern[t] = triePattern[u];
    const parent = check[t];
    const k = symOf[u];
    let f = 0;
    if (parent !== 0) {
      for (let g = fail[parent]; ; g = fail[g]) {
        const n = base[g] + k;
        if (check[n] === g) { f = n; break; }
        if (g === 0) break;
      }
    }
    fail[t] = f;
    nextTerminal[t] = emit[f];
    emit[t] = pattern[t] >= 0 ? t : emit[f];
  }
  const cells = new Int32Array(size * 4);
  for (let i = 0; i < size; i++) {
    cells[4 * i] = base[i];
    cells[4 * i + 1] = check[i];
    cells[4 * i + 2] = fail[i];
    cells[4 * i + 3] = emit[i];
  }
  return { cells, nextTerminal, pattern, depth, states: nodes, canonical };
}
