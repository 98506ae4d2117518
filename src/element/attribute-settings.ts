/**
 * The element's checked settings: an attribute-backed property is used when it is allowed, and
 * otherwise its default is, with a warning that says what was given, what is used instead and
 * what is allowed. One rule per setting, so every attribute fails the same clear way.
 */

/** How one setting is checked. */
export interface Setting<T> {
  /** The attribute's name, as the page writes it. */
  readonly attribute: string;
  readonly fallback: T;
  /** The known values (warned as `unknown …`), or what a value must be, in words. */
  readonly allowed: readonly string[] | string;
  /** The value to use, or undefined when `value` is not allowed. */
  read(value: unknown): T | undefined;
}

/** A setting that is one of a few words. */
export function choiceSetting<T extends string>(attribute: string, known: readonly T[], fallback: T): Setting<T> {
  return { attribute, fallback, allowed: known, read: (value) => (known.includes(value as T) ? (value as T) : undefined) };
}

/** A number setting (a numeric string counts); `allowed` says in words what `accepts` checks. */
export function numberSetting(attribute: string, allowed: string, accepts: (value: number) => boolean, fallback: number): Setting<number> {
  return {
    attribute,
    fallback,
    allowed,
    read: (value) => {
      const number = Number(value);
      return Number.isFinite(number) && accepts(number) ? number : undefined;
    },
  };
}

/**
 * The warning for a value `setting` does not allow: what was given, what is used instead, what is
 * allowed. `written` is the attribute's text: a number attribute that does not parse arrives as
 * NaN, so the warning names what the page wrote instead.
 */
export function settingWarning(setting: Setting<unknown>, value: unknown, written: string | null): string {
  const { attribute, allowed, fallback } = setting;
  const given = Number.isNaN(value) ? (written ?? value) : value;
  return typeof allowed === 'string'
    ? `<digit-canvas>: ${attribute} must be ${allowed}, got "${given}"; using ${fallback}`
    : `<digit-canvas>: unknown ${attribute} "${given}"; using "${fallback}" (known: ${allowed.join(', ')})`;
}
