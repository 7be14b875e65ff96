/**
 * Team names as people see them. NFKC folds compatibility forms (full-width "Ｄｅｅｐ", ligatures)
 * into the plain letters they display as, so they name the same team. A name mixing Latin with
 * Cyrillic or Greek letters that looks like an existing team ("Dееp" with Cyrillic е) is how
 * someone impersonates a team; such names are refused.
 */

/** Cyrillic and Greek letters drawn like Latin ones (lower case, after toLowerCase). */
const LOOKALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y', ζ: 'z',
};

export function normalizeTeamName(raw: string): string {
  return raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/** True when the name has Latin letters and Cyrillic or Greek ones. */
export function mixesScripts(name: string): boolean {
  return /\p{Script=Latin}/u.test(name) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(name);
}

/** What a name looks like: look-alike letters mapped to Latin, case folded. */
export function skeleton(name: string): string {
  return [...name.toLowerCase()].map((ch) => LOOKALIKES[ch] ?? ch).join('');
}
