/** Something like Math.random, but the same every run for a seed: a failing case can be replayed. */
export function seeded(seed: number): () => number {
  let x = seed
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31
    return x / 2 ** 31
  }
}
