/**
 * `make` with its answers kept per key object, for what depends on a catalog object alone (an entry's hover text,
 * its accepted types, a compiled pattern): rules and features ask on every keystroke for every key they meet, and
 * the catalog's objects live as long as the catalog, so each answer is made once.
 */
export function memoized<K extends object, T>(make: (key: K) => T): (key: K) => T {
  const made = new WeakMap<K, T>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = make(key);
      made.set(key, value);
    }
    return value;
  };
}
