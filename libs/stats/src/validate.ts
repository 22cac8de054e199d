/** Throws a RangeError naming the first value that is NaN or infinite. */
export function assertFinite(values: readonly number[], name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`${name}[${i}] is not a finite number: ${values[i]}`);
  }
}

/** Paired samples: same length, all values finite. */
export function assertPaired(x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length) throw new RangeError(`paired samples differ in length: ${x.length} and ${y.length}`);
  assertFinite(x, 'x');
  assertFinite(y, 'y');
}

export function assertProbability(p: number, name: string): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${name} must be within [0, 1]: ${p}`);
}

export function assertPositiveFinite(value: number, name: string): void {
  if (!(value > 0 && value < Infinity)) throw new RangeError(`${name} must be a positive finite number: ${value}`);
}

export function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer: ${value}`);
}
