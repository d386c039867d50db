// zod's default wording ("Too small: expected number to be >=1") in plain words for people filling a
// form or fixing a case file. Messages written by the domain schemas themselves pass through unchanged.
const RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Invalid input: expected (\w+), received undefined$/, () => 'required: this field is missing'],
  [/^Invalid input: expected number, received string$/, () => 'enter a number (digits only, no text)'],
  [/^Invalid input: expected int, received number$/, () => 'enter a whole number'],
  [/^Invalid input: expected boolean, received (\w+)$/, () => 'write true or false (without quotes)'],
  [/^Invalid input: expected (".*")$/, (m) => `must be ${m[1]}`],
  [/^Invalid input: expected (\w+), received (\w+)$/, (m) => `expected ${article(m[1])} ${m[1]}, not ${article(m[2])} ${m[2]}`],
  [/^Invalid option: expected one of (.+)$/, (m) => `choose one of ${m[1].split('|').join(', ')}`],
  [/^Too small: expected number to be >=(\S+)$/, (m) => `must be at least ${m[1]}`],
  [/^Too small: expected number to be >(\S+)$/, (m) => `must be more than ${m[1]}`],
  [/^Too big: expected number to be <=(\S+)$/, (m) => `must be at most ${m[1]}`],
  [/^Too small: expected string to have >=1 characters$/, () => 'must not be empty'],
  [/^Too small: expected string to have >=(\d+) characters$/, (m) => `needs at least ${m[1]} characters`],
  [/^Too big: expected string to have <=(\d+) characters$/, (m) => `is too long (at most ${m[1]} characters)`],
  [/^Too small: expected array to have >=(\d+) items?$/, (m) => `needs at least ${m[1]} entr${m[1] === '1' ? 'y' : 'ies'}`],
  [/^Too big: expected array to have <=(\d+) items?$/, (m) => `has too many entries (at most ${m[1]})`],
];

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

export function plainWords(message: string): string {
  for (const [re, f] of RULES) {
    const m = re.exec(message);
    if (m) return f(m);
  }
  return message;
}
