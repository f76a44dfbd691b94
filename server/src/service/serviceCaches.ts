/**
 * Caches that belong to one language service: each is made on first use and lives as long as the service's
 * catalog index, so two services (tests make several) never share answers or scratch space.
 */

/** A name for one cache of a service, with how to make it; the key itself holds nothing. */
export class CacheKey<T> {
  constructor(
    readonly name: string,
    readonly make: () => T,
  ) {}
}

/** The caches of one service, by key. */
export class ServiceCaches {
  private readonly made = new Map<CacheKey<unknown>, unknown>();

  get<T>(key: CacheKey<T>): T {
    let value = this.made.get(key) as T | undefined;
    if (value === undefined) {
      value = key.make();
      this.made.set(key, value);
    }
    return value;
  }
}
