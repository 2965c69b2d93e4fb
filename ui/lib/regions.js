// Names people use for the regions and audiences Harbour knows.

export const REGIONS = [
  ["uk", "the UK"],
  ["ie", "Ireland"],
  ["us", "the USA"],
  ["ca", "Canada"],
  ["au", "Australia"],
];

export const AUDIENCES = [
  [null, "Show everything", "Nothing is put first."],
  ["young-person", "I'm under 18", null],
  ["adult", "I'm 18 or over", null],
  ["parent-carer", "I'm a parent or carer", null],
  ["professional", "I work with young people or victims", "For example a teacher or support worker."],
];

export function regionName(code) {
  return (REGIONS.find(([c]) => c === code) || [code, code])[1];
}
