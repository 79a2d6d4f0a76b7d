// Lists as long as what a pull request can make them.

/**
 * Adds `items` to the end of `list`, however many there are. `list.push(...items)` passes each item as
 * an argument, and past some 120,000 the stack runs out: a config of 160,000 principals naming missing
 * files, or an undecided Fn::If over a list of 300,000 resources, ended the run with a RangeError.
 */
export function append<T>(list: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) list.push(items[i] as T)
}

/** The largest of `numbers` (-Infinity for none), without passing each as an argument (see append). */
export function largest(numbers: readonly number[]): number {
  let most = Number.NEGATIVE_INFINITY
  for (const n of numbers) if (n > most || Number.isNaN(n)) most = n
  return most
}

/** The smallest of `numbers` (Infinity for none), as Math.min would give it (see largest). */
export function smallest(numbers: readonly number[]): number {
  let least = Number.POSITIVE_INFINITY
  for (const n of numbers) if (n < least || Number.isNaN(n)) least = n
  return least
}

/**
 * Each key's first place among `items` (a later item of the same key does not move it), so that a
 * list searched again and again is searched through a map, made once.
 */
export function firstPlaces<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const places = new Map<string, number>()
  for (let i = items.length - 1; i >= 0; i--) places.set(keyOf(items[i] as T), i)
  return places
}

/** A Map or WeakMap, as {@link kept} uses it. */
interface Keeping<K, V> {
  get(key: K): V | undefined
  set(key: K, value: V): unknown
}

/** The value `map` holds for `key`, made by `make` and kept there the first time it is asked for. */
export function kept<K, V>(map: Keeping<K, V>, key: K, make: () => V): V {
  let value = map.get(key)
  if (value === undefined) {
    value = make()
    map.set(key, value)
  }
  return value
}
