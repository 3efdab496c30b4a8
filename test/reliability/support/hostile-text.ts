import fc from "fast-check";

/** Words of the `/srm` grammar and values its commands take, right and wrong, to build near-miss commands. */
export const GRAMMAR_WORDS = [
  "answer",
  "reveal",
  "daily",
  "now",
  "set",
  "status",
  "off",
  "skip",
  "pause",
  "until",
  "resume",
  "leaderboard",
  "competition",
  "comp",
  "start",
  "end",
  "settings",
  "services",
  "difficulty",
  "speed-bonus",
  "quiz",
  "help",
  "stats",
  "lookup",
  "ask",
  "practice",
  "review",
  "cram",
  "sure",
  "guess",
  "certain",
  "drill",
  "lb",
  "week",
  "month",
  "all",
  "accuracy",
  "A",
  "B",
  "C",
  "D",
  "E",
  "a",
  "A,C",
  "aws",
  "customer",
  "shared",
  "09:00",
  "25:99",
  "17:00",
  "Europe/Berlin",
  "Mars/Olympus_Mons",
  "mon-fri",
  "sat,sun",
  "after",
  "2h",
  "0h",
  "99999h",
  "2w",
  "10d",
  "36h",
  "0d",
  "2026-03-10",
  "2026-02-30",
  "9999-12-31",
  "today",
  "tomorrow",
  '"Spring Cup"',
  '"',
  "“Cup”",
  "ec2",
  "rds",
  "lambda",
  "os-patching",
  "ec2,rds",
  "easy",
  "hard",
  "any",
  "on",
  "<@U1>",
  "'; DROP TABLE answers; --",
  "%s%n",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is exactly the hostile text wanted
  "${x}",
  "__proto__",
  "constructor",
] as const;

/** One hostile code unit: C0 controls, DEL, lone surrogates, bidi overrides and zero-width marks. */
const nastyUnit = fc
  .oneof(
    fc.integer({ min: 0, max: 0x1f }),
    fc.constant(0x7f),
    fc.integer({ min: 0xd800, max: 0xdfff }),
    fc.integer({ min: 0x200b, max: 0x202e }),
    fc.constant(0xfeff),
  )
  .map((c) => String.fromCharCode(c));

/** Text a person could type after `/srm`: arbitrary unicode, control characters, near-miss commands, or huge. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) },
  { weight: 2, arbitrary: fc.string({ unit: nastyUnit, maxLength: 120 }) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        fc.constantFrom("", "/srm ", "srm ", "  /SRM\t", "/srm/srm "),
        fc.array(
          fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...GRAMMAR_WORDS) },
            { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
            { weight: 1, arbitrary: fc.string({ unit: nastyUnit, minLength: 1, maxLength: 4 }) },
          ),
          { maxLength: 8 },
        ),
      )
      .map(([prefix, words]) => prefix + words.join(" ")),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom("ec2 ", "x", "answer A ", "🔥", "\u0000"),
        fc.integer({ min: 4_000, max: 200_000 }),
      )
      .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length))),
  },
);

/** A button id as it comes back from a platform: ours, ours pointing elsewhere, or anything at all. */
export function hostileActionId(roundIds: fc.Arbitrary<number>): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .tuple(roundIds, fc.constantFrom("A", "B", "C", "D", "E", "a", "", "AB"))
        .map(([r, k]) => `answer:${r}:${k}`),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "answer:99999999999999:A",
        "answer:-1:A",
        "answer:1:A;DROP TABLE answers",
        "answer:0x1:A",
        "answer::A",
        "answer:1",
        "ANSWER:1:A",
      ),
    },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) },
  );
}
