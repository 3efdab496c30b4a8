/** An AWS certification exam the bank's scenarios are tagged for. */
export type ExamId = "clf-c02" | "saa-c03" | "scs-c02";

/** Every exam, in the order replies list them. */
export const EXAM_IDS: readonly ExamId[] = ["clf-c02", "saa-c03", "scs-c02"];

/** What a person reads for an exam. */
export const EXAM_NAME: Readonly<Record<ExamId, string>> = {
  "clf-c02": "AWS Certified Cloud Practitioner (CLF-C02)",
  "saa-c03": "AWS Certified Solutions Architect – Associate (SAA-C03)",
  "scs-c02": "AWS Certified Security – Specialty (SCS-C02)",
};

/** The scaled score (100 to 1,000) each exam needs to pass, as AWS publishes it. */
export const PASS_MARK: Readonly<Record<ExamId, number>> = {
  "clf-c02": 700,
  "saa-c03": 720,
  "scs-c02": 750,
};

/** The exam a word names ("CLF-C02", "clf"), or null. */
export function examNamed(text: string): ExamId | null {
  const word = text.trim().toLowerCase();
  return EXAM_IDS.find((id) => id === word || id.slice(0, 3) === word) ?? null;
}

/**
 * A share of questions right mapped onto the exams' 100 to 1,000 scale, for comparing with a pass mark.
 * AWS's real scaled score is not a percentage (it is equated across exam forms); this is only a yardstick.
 */
export function scaledScore(right: number, total: number): number {
  return total === 0 ? 100 : Math.round(100 + (900 * right) / total);
}
