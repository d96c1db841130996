import { base, en, Faker, zh_CN } from '@faker-js/faker';

/**
 * The generator's only source of randomness: faker's seeded Mersenne Twister with the zh_CN locale
 * (person names). The same seed and the same sequence of calls give the same values.
 */
export class DemoRandom {
  private readonly faker: Faker;

  constructor(seed: number) {
    this.faker = new Faker({ locale: [zh_CN, en, base] });
    this.faker.seed(seed);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  /** A float in [0, 1). */
  float(): number {
    return this.faker.number.float({ min: 0, max: 1, fractionDigits: 6 });
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }

  /** One of `items` by weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.float() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** `n` distinct items (n ≤ items.length), in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    for (let i = 0; i < n && pool.length > 0; i++)
      out.push(pool.splice(this.int(0, pool.length - 1), 1)[0] as T);
    return out;
  }

  /** A Chinese person's full name. */
  personName(): string {
    return this.faker.person.lastName() + this.faker.person.firstName();
  }

  /** A mainland mobile number (11 digits, 13x–19x). */
  mobile(): string {
    return `1${this.pick(['3', '5', '7', '8', '9'])}${String(this.int(0, 999_999_999)).padStart(9, '0')}`;
  }

  digits(n: number): string {
    return Array.from({ length: n }, () => String(this.int(0, 9))).join('');
  }
}
