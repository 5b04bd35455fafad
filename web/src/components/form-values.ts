/** The values of a form as it is sent, read by the name of each field. */
export class FormValues {
  constructor(readonly data: FormData) {}

  /** The text of a field, trimmed; '' when it is empty. */
  text(name: string): string {
    return String(this.data.get(name) ?? '').trim();
  }

  /** Every value sent under a name: the checked boxes of a group. */
  all(name: string): string[] {
    return this.data.getAll(name).map(String);
  }

  /** The text of a field, or undefined when it is empty (an optional field left blank). */
  optional(name: string): string | undefined {
    return this.text(name) || undefined;
  }

  /**
   * The choice made in a select of fixed choices. A select always sends one of its options; only a
   * page changed by hand sends another, and then the first choice stands in, as the browser shows it.
   */
  choice<T extends string>(name: string, choices: readonly [T, ...T[]]): T;
  choice<T extends string>(name: string, choices: readonly T[]): T | undefined;
  choice<T extends string>(name: string, choices: readonly T[]): T | undefined {
    return this.optionalChoice(name, choices) ?? choices[0];
  }

  /** The choice made in a select that may be left on its empty option, or radio buttons none of which is checked. */
  optionalChoice<T extends string>(name: string, choices: readonly T[]): T | undefined {
    const value = this.text(name);
    return choices.find((c) => c === value);
  }
}
